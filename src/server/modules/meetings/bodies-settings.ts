/**
 * Bodies that meet: each org body's kind (which rules apply), its seats and rule overrides (meeting_bodies), its
 * members of today and vacancies. Bodies are read through the org module (listBodies), never its tables.
 */
import { eq } from 'drizzle-orm';
import type { MeetingBody, MeetingBodySettingsRequest } from '../../../common/api/meetings';
import type { DbOrTx } from '../../db/database';
import { inTransaction, type WriteContext } from '../../db/transaction';
import { AppError, type FieldError, fieldError } from '../../http/errors';
import { listBodies } from '../org';
import { todayInVietnam } from '../org/document-format';
import { membersOn } from './members';
import {
  type BodyKind,
  type BodyRules,
  bodyKindOfTemplate,
  issuerOf,
  type MeetingKind,
  meetingKindsFor,
  overrideProblems,
  type RuleOverrides,
  rulesFor,
} from './rules';
import { meetingBodies } from './schema';

type OrgBody = Awaited<ReturnType<typeof listBodies>>[number];

/** Bodies that do not hold meetings of their own (departments, centres, the list of delegates). */
const NOT_MEETING_CATEGORIES = new Set(['specialised', 'service_center']);
const NOT_MEETING_TEMPLATES = new Set(['hdnd_dai_bieu']);

export const canMeet = (b: Pick<OrgBody, 'category' | 'templateKey' | 'closedOn'>) =>
  !b.closedOn && !NOT_MEETING_CATEGORIES.has(b.category) && !NOT_MEETING_TEMPLATES.has(b.templateKey ?? '');

export interface BodySettings {
  bodyId: string;
  communeCode: string;
  name: string;
  shortName: string | null;
  parentId: string | null;
  bodyKind: BodyKind;
  issuer: string;
  seats: number | null;
  overrides: RuleOverrides;
  rules: BodyRules;
  meetingKinds: MeetingKind[];
  configured: boolean;
}

function settingsOf(b: OrgBody, row: typeof meetingBodies.$inferSelect | undefined): BodySettings {
  const bodyKind = (row?.bodyKind as BodyKind | undefined) ?? bodyKindOfTemplate(b.templateKey, b.category);
  const overrides = (row?.rules ?? {}) as RuleOverrides;
  return {
    bodyId: b.id,
    communeCode: b.communeCode,
    name: b.name,
    shortName: b.shortName,
    parentId: b.parentId,
    bodyKind,
    issuer: row?.issuer ?? issuerOf(bodyKind),
    seats: row?.seats ?? null,
    overrides,
    rules: rulesFor(bodyKind, overrides),
    meetingKinds: meetingKindsFor(bodyKind),
    configured: !!row,
  };
}

/** Every body of the commune (closed ones too: old meetings name them) with its meeting settings, by id. */
export async function communeBodySettings(
  db: DbOrTx,
  communeCode: string,
): Promise<Map<string, BodySettings>> {
  const bodies = await listBodies(db, communeCode, { includeClosed: true });
  const rows = await db.select().from(meetingBodies).where(eq(meetingBodies.communeCode, communeCode));
  const byId = new Map(rows.map((r) => [r.bodyId, r]));
  return new Map(bodies.map((b) => [b.id, settingsOf(b, byId.get(b.id))]));
}

/** One body's settings; a body of another commune (or none) → 400 naming the field. */
export async function bodySettings(
  db: DbOrTx,
  communeCode: string,
  bodyId: string,
  field = 'body.bodyId',
): Promise<BodySettings & { open: boolean; canMeet: boolean }> {
  const bodies = await listBodies(db, communeCode, { includeClosed: true });
  const b = bodies.find((x) => x.id === bodyId);
  if (!b) throw fieldError(field, 'Không có cơ quan này trong xã.', 'No such body in this commune.');
  const [row] = await db.select().from(meetingBodies).where(eq(meetingBodies.bodyId, bodyId));
  return { ...settingsOf(b, row), open: !b.closedOn, canMeet: canMeet(b) };
}

export async function listMeetingBodies(db: DbOrTx, communeCode: string, day = todayInVietnam()) {
  const bodies = await listBodies(db, communeCode, { includeClosed: false });
  const rows = await db.select().from(meetingBodies).where(eq(meetingBodies.communeCode, communeCode));
  const byId = new Map(rows.map((r) => [r.bodyId, r]));
  const items: MeetingBody[] = [];
  for (const b of bodies.filter(canMeet)) {
    const s = settingsOf(b, byId.get(b.id));
    const members = (await membersOn(db, b.id, day, communeCode)).length;
    items.push({
      bodyId: s.bodyId,
      name: s.name,
      shortName: s.shortName,
      parentId: s.parentId,
      bodyKind: s.bodyKind,
      issuer: s.issuer,
      seats: s.seats,
      membersToday: members,
      vacancies: s.seats == null ? 0 : Math.max(0, s.seats - members),
      rules: s.rules,
      overrides: s.overrides,
      meetingKinds: s.meetingKinds,
      configured: s.configured,
    });
  }
  return { items };
}

/** Saves a body's seats and rule overrides (the secretary; audited), and lists the commune's bodies after. */
export async function setBodySettings(
  ctx: WriteContext,
  communeCode: string,
  input: MeetingBodySettingsRequest,
) {
  await saveBodySettings(ctx, communeCode, input);
  return listMeetingBodies(ctx.db, communeCode);
}

/** setBodySettings without the list after it (the demo seed). */
export async function saveBodySettings(
  ctx: WriteContext,
  communeCode: string,
  input: MeetingBodySettingsRequest,
) {
  const problems = overrideProblems(input.rules);
  if (problems.length)
    throw new AppError('validation_failed', problems[0]!.message, {
      errors: problems.map((p): FieldError => ({ field: `body.${p.field}`, message: p.message })),
    });
  const current = await bodySettings(ctx.db, communeCode, input.bodyId);
  if (!current.canMeet || !current.open)
    throw fieldError('body.bodyId', 'Cơ quan này không tổ chức kỳ họp.', 'This body does not hold meetings.');
  if (input.seats !== null) {
    // Seats are the delegates elected: never fewer than the members holding a seat today (vacancies ≥ 0).
    const today = (await membersOn(ctx.db, input.bodyId, todayInVietnam())).length;
    if (input.seats < today)
      throw fieldError(
        'body.seats',
        `Số ghế không được ít hơn số thành viên hiện có (${today}).`,
        `Seats cannot be fewer than the members holding a seat today (${today}).`,
      );
  }
  await inTransaction(ctx, async (tx, audit) => {
    const values = {
      bodyId: input.bodyId,
      communeCode,
      bodyKind: current.bodyKind,
      seats: input.seats,
      rules: input.rules,
      issuer: current.issuer,
      updatedAt: new Date(),
    };
    await tx
      .insert(meetingBodies)
      .values(values)
      .onConflictDoUpdate({
        target: meetingBodies.bodyId,
        set: { seats: values.seats, rules: values.rules, updatedAt: values.updatedAt },
      });
    await audit({
      action: 'meeting.body.settings',
      entityType: 'meeting_body',
      entityId: input.bodyId,
      communeCode,
      before: current.configured ? { seats: current.seats, rules: current.overrides } : null,
      after: { seats: input.seats, rules: input.rules },
    });
  });
}
