/** Which province a citizen lives in, from the address they gave (pure: the online form orders communes by it). */
import { foldVietnamese } from '../../../common/text';

interface Provinces {
  provinces: readonly { code: string; name: string }[];
}

/**
 * The citizen's own province: the one named last in the address (as the CCCD gives it: "…, Hà Tĩnh"), else the
 * province of the commune chosen last time on this device.
 */
export function provinceOfAddress(list: Provinces, address: string): string | null {
  const folded = ` ${foldVietnamese(address).replace(/[^a-z0-9]+/g, ' ')} `;
  let best: { code: string; at: number } | null = null;
  for (const p of list.provinces) {
    const name = foldVietnamese(p.name)
      .replace(/^(tinh|thanh pho)\s+/, '')
      .replace(/[^a-z0-9]+/g, ' ')
      .trim();
    const at = folded.lastIndexOf(` ${name} `);
    if (name && at >= 0 && (!best || at > best.at)) best = { code: p.code, at };
  }
  return best?.code ?? null;
}
