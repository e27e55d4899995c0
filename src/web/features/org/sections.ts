import type { Section } from '../workspace/CommuneHeader';

/** The pages of "Tổ chức bộ máy" for a commune (the import only for those who may change the staff). */
export function orgSections(code: string, canManage: boolean): Section[] {
  return [
    { to: `/to-chuc/${code}`, label: 'org.tabs.chart' },
    { to: `/to-chuc/${code}/can-bo`, label: 'org.tabs.officials' },
    ...(canManage ? [{ to: `/to-chuc/${code}/nhap-danh-sach`, label: 'org.tabs.import' } as const] : []),
  ];
}
