/** Configuration of a commune's queue by its leader or an administrator: service groups, counters, call order. */
import { eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { DbOrTx } from '../../db/database';
import { inTransaction, type WriteContext } from '../../db/transaction';
import { fieldError, notFound } from '../../http/errors';
import type { AuditRecord } from '../audit/service';
import { getCommune } from '../units/service';
import { ticketCounters, ticketServiceGroups, ticketSettings } from './schema';
import { counterOut, getCounter, groupOut, listGroups } from './store';

// ——— configuration (leader, administrator) ———

export interface GroupInput {
  letter?: string;
  name?: string;
  position?: number;
  active?: boolean;
}

function duplicate(e: unknown, field: string, vi: string, en: string): never {
  const code =
    (e as { code?: string; cause?: { code?: string } })?.code ??
    (e as { cause?: { code?: string } })?.cause?.code;
  if (code === '23505') throw fieldError(field, vi, en);
  throw e;
}

/** The audit entry of a group or counter created from `input`. */
const created = (
  kind: 'group' | 'counter',
  row: { id: string; communeCode: string },
  input: object,
): AuditRecord => ({
  action: `queue.${kind}.create`,
  entityType: `queue_${kind}`,
  entityId: row.id,
  communeCode: row.communeCode,
  after: input,
});

export type NewGroup = Required<Pick<GroupInput, 'letter' | 'name'>> & GroupInput;

/** The row of a new group and its audit entry (createGroup, the demo's bulk seed). */
export function newGroup(communeCode: string, input: NewGroup) {
  const row = {
    id: uuidv7(),
    communeCode,
    letter: input.letter,
    name: input.name,
    position: input.position ?? input.letter.charCodeAt(0) - 65,
    active: input.active ?? true,
  };
  return { row, record: created('group', row, input) };
}

export async function createGroup(ctx: WriteContext, communeCode: string, input: NewGroup) {
  await getCommune(ctx.db, communeCode);
  const { row, record } = newGroup(communeCode, input);
  await inTransaction(ctx, async (tx, audit) => {
    await tx.insert(ticketServiceGroups).values(row);
    await audit(record);
  }).catch((e) =>
    duplicate(e, 'body.letter', 'Chữ cái này đã dùng cho nhóm khác.', 'This letter is already used.'),
  );
  return groupOut({ ...row, createdAt: new Date(), updatedAt: new Date() });
}

export async function updateGroup(ctx: WriteContext, id: string, input: GroupInput) {
  return inTransaction(ctx, async (tx, audit) => {
    const [before] = await tx
      .select()
      .from(ticketServiceGroups)
      .where(eq(ticketServiceGroups.id, id))
      .for('update');
    if (!before) throw notFound('nhóm dịch vụ', 'service group', id);
    const [after] = await tx
      .update(ticketServiceGroups)
      .set({ ...input, updatedAt: new Date() })
      .where(eq(ticketServiceGroups.id, id))
      .returning();
    await audit({
      action: 'queue.group.update',
      entityType: 'queue_group',
      entityId: id,
      communeCode: before.communeCode,
      before: groupOut(before),
      after: groupOut(after!),
    });
    return groupOut(after!);
  }).catch((e) =>
    duplicate(e, 'body.letter', 'Chữ cái này đã dùng cho nhóm khác.', 'This letter is already used.'),
  );
}

export interface CounterInput {
  number?: number;
  name?: string;
  groupIds?: string[];
  active?: boolean;
}

async function checkGroups(db: DbOrTx, communeCode: string, groupIds: readonly string[]) {
  const own = new Set((await listGroups(db, communeCode)).map((g) => g.id));
  const bad = groupIds.findIndex((id) => !own.has(id));
  if (bad >= 0)
    throw fieldError(
      `body.groupIds.${bad}`,
      'Không có nhóm dịch vụ này ở xã.',
      'No such service group in this commune.',
    );
}

export type NewCounter = Required<Pick<CounterInput, 'number' | 'groupIds'>> & CounterInput;

/** The row of a new counter and its audit entry (createCounter, the demo's bulk seed). */
export function newCounter(communeCode: string, input: NewCounter) {
  const row = {
    id: uuidv7(),
    communeCode,
    number: input.number,
    name: input.name ?? `Quầy ${input.number}`,
    groupIds: [...new Set(input.groupIds)],
    active: input.active ?? true,
  };
  return { row, record: created('counter', row, input) };
}

export async function createCounter(ctx: WriteContext, communeCode: string, input: NewCounter) {
  await getCommune(ctx.db, communeCode);
  await checkGroups(ctx.db, communeCode, input.groupIds);
  const { row, record } = newCounter(communeCode, input);
  await inTransaction(ctx, async (tx, audit) => {
    await tx.insert(ticketCounters).values(row);
    await audit(record);
  }).catch((e) => duplicate(e, 'body.number', 'Số quầy này đã có.', 'This counter number exists already.'));
  return counterOut({ ...row, createdAt: new Date(), updatedAt: new Date() });
}

export async function updateCounter(ctx: WriteContext, id: string, input: CounterInput) {
  const existing = await getCounter(ctx.db, id);
  if (input.groupIds) await checkGroups(ctx.db, existing.communeCode, input.groupIds);
  return inTransaction(ctx, async (tx, audit) => {
    const [after] = await tx
      .update(ticketCounters)
      .set({
        ...input,
        ...(input.groupIds ? { groupIds: [...new Set(input.groupIds)] } : {}),
        updatedAt: new Date(),
      })
      .where(eq(ticketCounters.id, id))
      .returning();
    await audit({
      action: 'queue.counter.update',
      entityType: 'queue_counter',
      entityId: id,
      communeCode: existing.communeCode,
      before: counterOut(existing),
      after: counterOut(after!),
    });
    return counterOut(after!);
  }).catch((e) => duplicate(e, 'body.number', 'Số quầy này đã có.', 'This counter number exists already.'));
}

export async function setQueueSettings(ctx: WriteContext, communeCode: string, priorityFirst: boolean) {
  await inTransaction(ctx, async (tx, audit) => {
    await tx
      .insert(ticketSettings)
      .values({ communeCode, priorityFirst })
      .onConflictDoUpdate({
        target: ticketSettings.communeCode,
        set: { priorityFirst, updatedAt: new Date() },
      });
    await audit({
      action: 'queue.settings.set',
      entityType: 'queue_settings',
      entityId: communeCode,
      communeCode,
      after: { priorityFirst },
    });
  });
  return { priorityFirst };
}
