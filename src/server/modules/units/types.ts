/** The administrative map after the 1 July 2025 merger, as the rest of the server sees it. */

/** Mã tỉnh: 2-digit statistics-office code, e.g. "42" (Hà Tĩnh). */
export type ProvinceCode = string & { readonly __brand?: 'ProvinceCode' };
/** Mã xã: 5-digit statistics-office code, e.g. "18100" (Phường Trần Phú). */
export type CommuneCode = string & { readonly __brand?: 'CommuneCode' };

export interface ProvinceRecord {
  code: ProvinceCode;
  name: string; // "Tỉnh Hà Tĩnh"
  shortName: string;
  placeType: string; // "Tỉnh" | "Thành phố Trung Ương"
}

export interface CommuneRecord {
  code: CommuneCode;
  name: string; // "Phường Trần Phú"
  provinceCode: ProvinceCode;
}

/** Where (part of) a former unit went: one row per new commune. */
export interface FormerUnitTarget {
  communeCode: CommuneCode;
  /** true when only part of the former unit ("một phần diện tích tự nhiên, quy mô dân số") went there. */
  partial: boolean;
}

/** Đơn vị hành chính cũ: a pre-2025 commune/ward/town (3-level address: ward, district, province). */
export interface FormerUnitRecord {
  code: string; // old 5-digit ward code
  name: string; // "Phường Đại Nài"
  districtName: string; // "Thành phố Hà Tĩnh"
  provinceName: string; // old province name, e.g. "Tỉnh Quảng Bình" (now part of Quảng Trị)
  targets: FormerUnitTarget[];
}

/** Everything the address resolver needs, read in one go from the database. */
export interface AdminMapSnapshot {
  provinces: ProvinceRecord[];
  communes: CommuneRecord[];
  formerUnits: FormerUnitRecord[];
}
