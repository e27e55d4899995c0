/**
 * Request and answer shapes of receiving feedback and of the public pages (submission, tracking, rating, the
 * public list and map). The report shapes themselves are in ./feedback.ts.
 */
import { z } from 'zod';
import {
  FeedbackChannel,
  FeedbackState,
  MAX_FEEDBACK_CONTENT,
  MAX_FEEDBACK_NOTE,
  MAX_FEEDBACK_PLACE,
  MAX_FEEDBACK_TITLE,
  PublicFeedback,
} from './feedback';

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => (v ? v : null));

/**
 * A new report: what the citizen writes on the public page (multipart field `data`, JSON) and what an official
 * records at the counter or from a phone call. The commune is chosen, or resolved from the place text (old
 * addresses too); the place is a text, a point, or both.
 */
export const NewReportRequest = z.object({
  /** The commune the report is for; omitted: resolved from placeText by the address resolver. */
  communeCode: z
    .string()
    .trim()
    .regex(/^\d{5}$/)
    .nullish()
    .transform((v) => v ?? null),
  categoryId: z.string().uuid(),
  title: z.string().trim().min(1).max(MAX_FEEDBACK_TITLE),
  content: z.string().trim().min(1).max(MAX_FEEDBACK_CONTENT),
  placeText: optionalText(MAX_FEEDBACK_PLACE),
  latitude: z
    .number()
    .finite()
    .nullish()
    .transform((v) => v ?? null),
  longitude: z
    .number()
    .finite()
    .nullish()
    .transform((v) => v ?? null),
  reporterName: optionalText(120),
  reporterPhone: optionalText(30),
  reporterEmail: optionalText(254),
  /** Do not publish the answer (it is still sent to the reporter). */
  isPrivate: z.boolean().default(false),
  /** The language of the messages sent to the reporter. */
  locale: z.enum(['vi', 'en']).default('vi'),
});
export type NewReportRequest = z.input<typeof NewReportRequest>;
export type NewReportInput = z.output<typeof NewReportRequest>;

/** The staff intake: the same fields, and how it came in. */
export const StaffReportRequest = NewReportRequest.extend({
  channel: z.enum(['counter', 'phone']),
});

/** What the citizen gets back: the tracking code and, when they gave no phone nor e-mail, the PIN (shown once). */
export const SubmittedReport = z.object({
  code: z.string(),
  pin: z.string().nullable(),
  communeCode: z.string(),
});
export type SubmittedReport = z.infer<typeof SubmittedReport>;

/** The staff intake answers with the report; the PIN (shown once) when the reporter left no contact. */
export const StaffSubmittedReport = z.object({
  id: z.string(),
  code: z.string(),
  pin: z.string().nullable(),
  communeCode: z.string(),
  channel: FeedbackChannel,
  state: FeedbackState,
  transferDueDate: z.string(),
});

/** Code + the phone, the e-mail or the PIN given at submission. */
export const TrackRequest = z.object({
  code: z.string().trim().min(4).max(80),
  contact: z.string().trim().min(1).max(254),
});
export type TrackRequest = z.infer<typeof TrackRequest>;

/** "Đã được giải quyết chưa?": not resolved reopens the report. */
export const RateRequest = TrackRequest.extend({
  resolved: z.boolean(),
  rating: z.number().int().min(1).max(5).nullish(),
  comment: z
    .string()
    .trim()
    .max(MAX_FEEDBACK_NOTE)
    .nullish()
    .transform((v) => (v ? v : null)),
});
export type RateRequest = z.infer<typeof RateRequest>;

export const PublicFeedbackQuery = z.object({
  q: z.string().trim().max(200).optional(),
  provinceCode: z
    .string()
    .regex(/^\d{2}$/)
    .optional(),
  communeCode: z
    .string()
    .regex(/^\d{5}$/)
    .optional(),
  categoryKey: z.string().trim().max(60).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type PublicFeedbackQuery = z.infer<typeof PublicFeedbackQuery>;

/** A published report with its photos (downloadable at /api/v1/public/feedback/by-code/:code/files/:id). */
export const PublicFeedbackItem = PublicFeedback.extend({
  photos: z.array(z.object({ id: z.string(), name: z.string(), contentType: z.string() })),
});
export type PublicFeedbackItem = z.infer<typeof PublicFeedbackItem>;

export const PublicFeedbackPage = z.object({
  items: z.array(PublicFeedbackItem),
  nextCursor: z.string().nullable(),
});
export type PublicFeedbackPage = z.infer<typeof PublicFeedbackPage>;

export const FeedbackMapPoint = z.object({
  code: z.string(),
  title: z.string(),
  state: FeedbackState,
  latitude: z.number(),
  longitude: z.number(),
  categoryName: z.string(),
});
export const FeedbackMap = z.object({ points: z.array(FeedbackMapPoint) });
export type FeedbackMap = z.infer<typeof FeedbackMap>;

export const MapTiles = z.object({ url: z.string().nullable(), attribution: z.string().nullable() });
export type MapTiles = z.infer<typeof MapTiles>;

export const DuplicateQuery = z.object({
  communeCode: z.string().regex(/^\d{5}$/),
  text: z.string().trim().min(1).max(MAX_FEEDBACK_CONTENT),
  lat: z.coerce.number().min(-90).max(90).optional(),
  lng: z.coerce.number().min(-180).max(180).optional(),
});
