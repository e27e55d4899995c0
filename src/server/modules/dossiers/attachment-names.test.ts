import { describe, expect, it } from 'vitest';
import { type AttachmentType, contentDisposition, sanitizeFileName } from './attachment-names';

describe('sanitizeFileName', () => {
  it.each<[string, AttachmentType, string]>([
    ['Tờ khai khai sinh.pdf', 'application/pdf', 'Tờ khai khai sinh.pdf'],
    // NFD (as macOS sends it) is kept as NFC, so names compare and display the same.
    ['To\u0300 khai.pdf', 'application/pdf', 'T\u00f2 khai.pdf'],
    ['C:\\Users\\motcua\\Scan 001.PDF', 'application/pdf', 'Scan 001.pdf'],
    ['../../etc/passwd', 'application/pdf', 'passwd.pdf'],
    ['a<b>c:"d"|e?f*.png', 'image/png', 'a b c d e f.png'],
    ['tab\tand\nnewline.jpg', 'image/jpeg', 'tab and newline.jpg'],
    ['anh.jpeg', 'image/jpeg', 'anh.jpeg'],
    // The extension follows the content, not the name.
    ['giay-to.png', 'application/pdf', 'giay-to.png.pdf'],
    ['khong-duoi', 'image/png', 'khong-duoi.png'],
    ['', 'application/pdf', 'tai-lieu.pdf'],
    ['...', 'image/jpeg', 'tai-lieu.jpg'],
    ['  .hidden.pdf  ', 'application/pdf', 'hidden.pdf'],
    [`${'ả'.repeat(300)}.pdf`, 'application/pdf', `${'ả'.repeat(116)}.pdf`],
  ])('%j as %s → %j', (raw, type, expected) => {
    expect(sanitizeFileName(raw, type)).toBe(expected);
  });
});

describe('contentDisposition', () => {
  it.each([
    ['Tờ khai.pdf', 'inline', `inline; filename="to khai.pdf"; filename*=UTF-8''T%E1%BB%9D%20khai.pdf`],
    [
      "it's (1).png",
      'attachment',
      `attachment; filename="it's (1).png"; filename*=UTF-8''it%27s%20%281%29.png`,
    ],
    ['a"b\\c.pdf', 'inline', `inline; filename="a_b_c.pdf"; filename*=UTF-8''a%22b%5Cc.pdf`],
  ] as const)('%j', (name, kind, expected) => {
    expect(contentDisposition(kind, name)).toBe(expected);
  });
});
