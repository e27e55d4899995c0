/** The part of `qrcode` (no bundled types) the slips use. */
declare module 'qrcode' {
  export function toBuffer(
    text: string,
    options?: { errorCorrectionLevel?: 'L' | 'M' | 'Q' | 'H'; margin?: number; width?: number; type?: 'png' },
  ): Promise<Buffer>;
}
