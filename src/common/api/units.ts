/** API shapes of the administrative map and the address resolver (server responses, web client types). */
import { z } from 'zod';

export const ProvinceCodeParam = z.string().regex(/^\d{2}$/, { message: 'province_code' });
export const CommuneCodeParam = z.string().regex(/^\d{5}$/, { message: 'commune_code' });

export const Province = z.object({
  code: z.string(),
  name: z.string(),
  shortName: z.string(),
  placeType: z.string(),
  communeCount: z.number().int(),
});
export type Province = z.infer<typeof Province>;

export const CommuneKind = z.enum(['xa', 'phuong', 'dac_khu']);
export const CommuneSummary = z.object({
  code: z.string(),
  name: z.string(),
  kind: z.string(),
  provinceCode: z.string(),
  provinceName: z.string(),
});
export type CommuneSummary = z.infer<typeof CommuneSummary>;

export const TargetSource = z.enum(['package', 'resolution', 'admin']);

export const CommuneDetail = z.object({
  code: z.string(),
  name: z.string(),
  kind: CommuneKind,
  province: z.object({ code: z.string(), name: z.string() }),
  formerUnits: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      districtName: z.string(),
      provinceName: z.string(),
      partial: z.boolean(),
      source: TargetSource,
    }),
  ),
});
export type CommuneDetail = z.infer<typeof CommuneDetail>;

export const CommuneRef = z.object({
  code: z.string(),
  name: z.string(),
  provinceCode: z.string(),
  provinceName: z.string(),
});

export const FormerUnitDetail = z.object({
  code: z.string(),
  name: z.string(),
  districtName: z.string(),
  provinceName: z.string(),
  targets: z.array(
    z.object({
      commune: CommuneRef,
      partial: z.boolean(),
      source: TargetSource,
      note: z.string().nullable(),
    }),
  ),
});
export type FormerUnitDetail = z.infer<typeof FormerUnitDetail>;

export const FormerUnitSummary = z.object({
  code: z.string(),
  name: z.string(),
  districtName: z.string(),
  provinceName: z.string(),
});

export const ResolveResponse = z.object({
  query: z.string(),
  street: z.string().optional(),
  reason: z.string().optional(),
  candidates: z.array(
    z.object({
      commune: CommuneRef,
      confidence: z.number(),
      matchedFormerUnit: FormerUnitSummary.optional(),
      partial: z.boolean(),
    }),
  ),
});
export type ResolveResponse = z.infer<typeof ResolveResponse>;
