/**
 * The compiled serialisation writes what the Zod serializer writes (the schema's properties, in its order, nothing
 * else) for the answers it serves: the public status look-up (nullable objects and enums among them) and a queue
 * page, whatever is null or filled and with properties the schema does not name.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DossierPage, PublicDossierStatus, SATISFACTION_RATINGS } from '../../common/api/dossiers';
import { compiledSerializer } from './fast-serializer';

const zodJson = (schema: { parse(v: unknown): unknown }, value: unknown) =>
  JSON.stringify(schema.parse(value));

const label = fc.record({
  vi: fc.string(),
  en: fc.string(),
  extra: fc.option(fc.string(), { nil: undefined }),
});
const text = fc.string();
const instant = fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
const day = fc
  .date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

const publicStatus = fc.record({
  code: text,
  rehearsal: fc.boolean(),
  procedureName: text,
  status: text,
  statusLabel: label,
  nationalStatusCode: fc.integer(),
  receivedAt: fc.option(instant, { nil: null }),
  submittedAt: fc.option(instant, { nil: null }),
  dueDate: fc.option(day, { nil: null }),
  holder: fc.option(label, { nil: null }),
  missing: fc.array(text, { maxLength: 3 }),
  timeline: fc.array(fc.record({ at: instant, label, status: text }), { maxLength: 3 }),
  rating: fc.option(fc.constantFrom(...SATISFACTION_RATINGS), { nil: null }),
  canRate: fc.boolean(),
  documents: fc.array(fc.record({ index: fc.nat(), name: text }), { maxLength: 3 }),
  transferredTo: fc.option(fc.record({ code: text, secret: text }), { nil: null }),
  decision: fc.option(
    fc.record({ kind: fc.constantFrom('refused', 'rejected'), reason: text, at: instant }),
    {
      nil: null,
    },
  ),
  fullyOnline: fc.boolean(),
  canUpload: fc.boolean(),
  scans: fc.array(
    fc.record({
      fileName: text,
      sizeBytes: fc.nat(),
      documentIndex: fc.option(fc.nat(), { nil: null }),
      uploadedAt: instant,
      byApplicant: fc.boolean(),
    }),
    { maxLength: 2 },
  ),
  result: fc.option(fc.record({ fileName: text, sizeBytes: fc.nat(), sha256: text, uploadedAt: instant }), {
    nil: null,
  }),
  applicantIdNumber: fc.option(text, { nil: undefined }),
});

describe('compiled serialisation', () => {
  it('writes the public status look-up as the Zod serializer does', () => {
    const compiled = compiledSerializer({ schema: PublicDossierStatus });
    fc.assert(
      fc.property(publicStatus, (value) => {
        const known = PublicDossierStatus.safeParse(value);
        fc.pre(known.success);
        expect(compiled(value)).toBe(zodJson(PublicDossierStatus, value));
      }),
      { numRuns: 300 },
    );
  });

  it('writes a queue page as the Zod serializer does', () => {
    const compiled = compiledSerializer({ schema: DossierPage });
    const item = fc.record({
      id: fc.uuid(),
      code: text,
      communeCode: text,
      receivingCommuneCode: text,
      procedureName: text,
      applicantName: text,
      status: text,
      statusLabel: label,
      nationalStatusCode: fc.integer(),
      version: fc.nat(),
      assigneeId: fc.option(fc.uuid(), { nil: null }),
      receivedAt: instant,
      dueDate: fc.option(day, { nil: null }),
      deadline: fc.constantFrom('none', 'paused', 'on_time', 'due_soon', 'due_today', 'overdue'),
      rehearsal: fc.boolean(),
      archivedAt: fc.option(instant, { nil: null }),
    });
    fc.assert(
      fc.property(
        fc.record({ items: fc.array(item, { maxLength: 4 }), nextCursor: fc.option(text, { nil: null }) }),
        (value) => {
          fc.pre(DossierPage.safeParse(value).success);
          expect(compiled(value)).toBe(zodJson(DossierPage, value));
        },
      ),
      { numRuns: 200 },
    );
  });
});
