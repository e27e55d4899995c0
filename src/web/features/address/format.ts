import type { ResolveCandidate } from './api';

type FormerUnit = NonNullable<ResolveCandidate['matchedFormerUnit']>;

/** "Phường Đại Nài, Thành phố Hà Tĩnh, Tỉnh Hà Tĩnh". */
export function describeFormerUnit(unit: FormerUnit): string {
  return [unit.name, unit.districtName, unit.provinceName].filter(Boolean).join(', ');
}

/** The new address written out: the street part as typed, then the new commune and province. */
export function newAddress(street: string | undefined, commune: ResolveCandidate['commune']): string {
  return [street, commune.name, commune.provinceName].filter(Boolean).join(', ');
}

export function percent(value: number, language: string): string {
  return new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'vi-VN', {
    style: 'percent',
    maximumFractionDigits: 0,
  }).format(value);
}
