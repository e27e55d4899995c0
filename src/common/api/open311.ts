/**
 * Open311 GeoReport v2 shapes (https://wiki.open311.org/GeoReport_v2, repository open311/open311.github.io,
 * GeoReport_v2/index.md) as XãSố serves them under /open311/v2: the JSON objects (the XML carries the same
 * fields as elements) and the limits. Field names are the specification's (snake_case), not XãSố's.
 */
import { z } from 'zod';

export const OPEN311_FORMATS = ['json', 'xml'] as const;
export type Open311Format = (typeof OPEN311_FORMATS)[number];

/** GET requests: "a span of 90 days or first 1000 requests returned, whichever is smallest". */
export const OPEN311_MAX_RESULTS = 1000;
export const OPEN311_MAX_SPAN_DAYS = 90;
/** The specification: description "is free form text limited to 4,000 characters". */
export const OPEN311_MAX_DESCRIPTION = 4000;
export const OPEN311_MAX_NAME = 100;
export const OPEN311_MAX_URL = 2000;

export const Open311Service = z.object({
  service_code: z.string(),
  service_name: z.string(),
  description: z.string().nullable(),
  metadata: z.boolean(),
  type: z.enum(['realtime', 'batch', 'blackbox']),
  keywords: z.string(),
  group: z.string(),
});
export type Open311Service = z.infer<typeof Open311Service>;

export const Open311ServiceDefinition = z.object({
  service_code: z.string(),
  /** XãSố's services need no extra fields (metadata=false): always empty. */
  attributes: z.array(z.never()),
});
export type Open311ServiceDefinition = z.infer<typeof Open311ServiceDefinition>;

export const Open311Created = z.object({
  service_request_id: z.string(),
  service_notice: z.string().nullable(),
  account_id: z.string().nullable(),
});
export type Open311Created = z.infer<typeof Open311Created>;

export const Open311Status = z.enum(['open', 'closed']);
export type Open311Status = z.infer<typeof Open311Status>;

/** A service request as GET requests shows it: what the public may see, never the reporter's name or contact. */
export const Open311Request = z.object({
  /** The tracking code (PA-18100-251203-0001). */
  service_request_id: z.string(),
  status: Open311Status,
  status_notes: z.string().nullable(),
  service_name: z.string(),
  service_code: z.string(),
  /** The content with personal data masked. */
  description: z.string().nullable(),
  agency_responsible: z.string().nullable(),
  service_notice: z.string().nullable(),
  requested_datetime: z.string(),
  updated_datetime: z.string(),
  /** The answer's due date (end of that day, Vietnam time); null before the report is accepted. */
  expected_datetime: z.string().nullable(),
  address: z.string().nullable(),
  lat: z.number().nullable(),
  long: z.number().nullable(),
  media_url: z.string().nullable(),
});
export type Open311Request = z.infer<typeof Open311Request>;

export const Open311Error = z.object({ code: z.number().int(), description: z.string() });
export type Open311Error = z.infer<typeof Open311Error>;
