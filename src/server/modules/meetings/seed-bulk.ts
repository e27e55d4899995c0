/**
 * Meeting writes of many at once, for the demo seed only (issue 14: a fast first start): an agenda's items, the
 * answers to an invitation, the check-ins and the open ballots of a whole council, a session's documents created and
 * issued, each list in one transaction of a few statements instead of one use case (its own transaction, its reads,
 * its live event) per item, member or document. Each writes what addItem, respondToInvitation, recordAttendance,
 * castVote and createDocument + issueDocument write for the same list, in the same order, through the same row
 * builders: the same rows, the same checks and the same audit entries (chained in memory with chainedEntry, as
 * appendAudit chains them one by one). The live channel hears one event for the list (the state after it), not one
 * per member. */
import { and, eq, inArray } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { VoteChoice } from '../../../common/api/meeting-votes';
import type { AgendaItemRequest, RespondRequest } from '../../../common/api/meetings';
import type { Tx } from '../../db/database';
import { insertRows } from '../../db/insert-rows';
import { inTransaction, type WriteContext } from '../../db/transaction';
import { AppError, fieldError, notFound, text } from '../../http/errors';
import { type AuditRecord, auditAll } from '../audit/service';
import { assertActsFor, assertManages, type MeetingActor } from './actor';
import { itemAdded, lockAgenda, newItemRow, presenter, subjectFor } from './agenda';
import { voteClosed, voterOf } from './ballots';
import { type IssueInput, issuing, type NewDocument, newDocument } from './documents';
import { meetingQuorum, publishMeetingChange } from './hall';
import {
  assertDrafterOrSecretary,
  checkOfficial,
  commentAnswer,
  nameOf,
  newComment,
  newPaper,
  newVersionRow,
  SEED_ACTOR,
  type SeedPaper,
  versionAdded,
  versionText,
} from './papers';
import {
  meetingAgendaItems,
  meetingDocuments,
  meetingOpenBallots,
  meetingPaperComments,
  meetingPapers,
  meetingPaperVersions,
  meetingParticipants,
} from './schema';
import { assertMeetingStatus, assertNotArchived, getMeetingRow } from './store';
import { getVoteRow } from './votes';

/** The participants of a meeting named by id, in the order asked; 404 for one that is not of the meeting. */
async function participantsOf(tx: Tx, meetingId: string, ids: readonly string[]) {
  const rows = ids.length
    ? await tx
        .select()
        .from(meetingParticipants)
        .where(and(eq(meetingParticipants.meetingId, meetingId), inArray(meetingParticipants.id, [...ids])))
    : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => {
    const p = byId.get(id);
    if (!p) throw notFound('người dự họp', 'participant', id);
    return p;
  });
}

/** Who acts for a participant (actingParticipant's rule): the member themselves, or the secretary. */
function actingFor(actor: MeetingActor, officialId: string | null): 'member' | 'secretary' {
  if (officialId) return assertActsFor(actor, officialId);
  assertManages(actor);
  return 'secretary';
}

/** respondToInvitation for each answer, in one transaction. */
export async function respondAll(
  ctx: WriteContext,
  actor: MeetingActor,
  meetingId: string,
  answers: readonly (RespondRequest & { participantId: string })[],
) {
  const meeting = await getMeetingRow(ctx.db, meetingId);
  assertNotArchived(meeting);
  assertMeetingStatus(meeting, ['invited', 'in_progress']);
  for (const a of answers)
    if (a.response === 'apologised' && !a.reason)
      throw fieldError('body.reason', 'Báo vắng cần nêu lý do.', 'An apology needs a reason.');
  await inTransaction(ctx, async (tx, audit) => {
    const people = await participantsOf(
      tx,
      meetingId,
      answers.map((a) => a.participantId),
    );
    const respondedAt = new Date();
    const groups = new Map<string, { response: string; apologyReason: string | null; ids: string[] }>();
    const records: AuditRecord[] = answers.map((a, i) => {
      const p = people[i]!;
      const by = actingFor(actor, p.officialId);
      const apologyReason = a.response === 'apologised' ? a.reason! : null;
      const key = JSON.stringify([a.response, apologyReason]);
      const group = groups.get(key) ?? { response: a.response, apologyReason, ids: [] };
      group.ids.push(p.id);
      groups.set(key, group);
      return {
        action: 'meeting.participant.respond',
        entityType: 'meeting_participant',
        entityId: p.id,
        communeCode: meeting.communeCode,
        before: { response: p.response, apologyReason: p.apologyReason },
        after: { response: a.response, apologyReason, by },
      };
    });
    for (const { ids, ...set } of groups.values())
      await tx
        .update(meetingParticipants)
        .set({ ...set, respondedAt })
        .where(inArray(meetingParticipants.id, ids));
    await auditAll(tx, audit, records, ctx);
  });
}

/** recordAttendance (check-in) for each participant, in one transaction. */
export async function checkInAll(
  ctx: WriteContext,
  actor: MeetingActor,
  meetingId: string,
  participantIds: readonly string[],
) {
  const meeting = await getMeetingRow(ctx.db, meetingId);
  assertNotArchived(meeting);
  assertMeetingStatus(meeting, ['in_progress']);
  await inTransaction(ctx, async (tx, audit) => {
    const row = await getMeetingRow(tx, meetingId, { forUpdate: true });
    assertMeetingStatus(row, ['in_progress']);
    const people = await participantsOf(tx, meetingId, participantIds);
    const now = new Date();
    const arriving: string[] = [];
    const returning: string[] = [];
    const records: AuditRecord[] = people.map((p) => {
      const by = actingFor(actor, p.officialId);
      if (p.checkedInAt && !p.leftAt)
        throw new AppError(
          'conflict',
          text('{n} đã điểm danh có mặt.', '{n} is already checked in.', { n: p.fullName }),
        );
      (p.checkedInAt ? returning : arriving).push(p.id);
      const late = !p.checkedInAt && now.getTime() > row.startsAt.getTime() + 59_999;
      return {
        action: 'meeting.attendance.check_in',
        entityType: 'meeting_participant',
        entityId: p.id,
        communeCode: row.communeCode,
        before: {
          checkedInAt: p.checkedInAt?.toISOString() ?? null,
          leftAt: p.leftAt?.toISOString() ?? null,
        },
        after: { checkedInAt: (p.checkedInAt ?? now).toISOString(), leftAt: null, late, by },
      };
    });
    if (arriving.length)
      await tx
        .update(meetingParticipants)
        .set({ checkedInAt: now, leftAt: null })
        .where(inArray(meetingParticipants.id, arriving));
    if (returning.length)
      await tx
        .update(meetingParticipants)
        .set({ leftAt: null })
        .where(inArray(meetingParticipants.id, returning));
    await auditAll(tx, audit, records, ctx);
    if (people.some((p) => p.role === 'member')) {
      const { quorum } = await meetingQuorum(tx, row);
      const { present, members, required, reached } = quorum;
      await publishMeetingChange(tx, meetingId, 'attendance.changed', {
        present,
        members,
        required,
        reached,
      });
    }
  });
}

/** castVote on an open vote for each member's choice, in one transaction. */
export async function castAll(
  ctx: WriteContext,
  actor: MeetingActor,
  voteId: string,
  ballots: readonly { officialId: string; choice: VoteChoice }[],
) {
  await inTransaction(ctx, async (tx, audit) => {
    const locked = await getVoteRow(tx, voteId, 'share');
    if (locked.voteType !== 'open')
      throw new AppError('conflict', text('Chỉ biểu quyết công khai.', 'Open votes only.'));
    if (locked.status !== 'open') throw voteClosed();
    const meeting = await getMeetingRow(tx, locked.meetingId);
    assertNotArchived(meeting);
    assertMeetingStatus(meeting, ['in_progress']);
    const officialIds = ballots.map((b) => b.officialId);
    const voters = officialIds.length
      ? await tx
          .select()
          .from(meetingParticipants)
          .where(
            and(
              eq(meetingParticipants.meetingId, locked.meetingId),
              inArray(meetingParticipants.officialId, officialIds),
            ),
          )
      : [];
    const voter = new Map(voters.map((p) => [p.officialId, p]));
    const rows = [];
    const records: AuditRecord[] = [];
    for (const { officialId, choice } of ballots) {
      const castBy = assertActsFor(actor, officialId);
      voterOf(voter.get(officialId));
      rows.push({ voteId, officialId, communeCode: locked.communeCode, choice, castBy });
      records.push({
        action: 'meeting.vote.cast',
        entityType: 'meeting_vote',
        entityId: voteId,
        communeCode: locked.communeCode,
        after: { officialId, choice, castBy },
      });
    }
    const inserted = await tx
      .insert(meetingOpenBallots)
      .values(rows)
      .onConflictDoNothing()
      .returning({ officialId: meetingOpenBallots.officialId });
    if (inserted.length !== rows.length)
      throw new AppError(
        'conflict',
        text(
          'Thành viên này đã biểu quyết; mỗi người biểu quyết một lần, không sửa.',
          'This member has already voted; one vote each, no change.',
        ),
      );
    await auditAll(tx, audit, records, ctx);
    await publishMeetingChange(tx, locked.meetingId, 'vote.cast', { voteId });
  });
}

/** addItem for each item, in their order, in one transaction (one presenter look-up each official). */
export async function addItems(ctx: WriteContext, meetingId: string, inputs: readonly AgendaItemRequest[]) {
  const meeting = await getMeetingRow(ctx.db, meetingId);
  assertNotArchived(meeting);
  assertMeetingStatus(meeting, ['draft', 'invited', 'in_progress']);
  const subjects = inputs.map((input) => subjectFor(input.decision, input.subject, 'body.subject'));
  const facts = new Map<string | null, ReturnType<typeof presenter>>();
  const who: { presenterId: string | null; presenterName: string | null }[] = [];
  for (const { presenterId, presenterName } of inputs) {
    if (!facts.has(presenterId)) facts.set(presenterId, presenter(ctx, meeting, presenterId, null));
    const named = await facts.get(presenterId)!;
    who.push({ presenterId, presenterName: presenterName ?? named.presenterName });
  }
  const ids = inputs.map(() => uuidv7());
  if (!ids.length) return ids;
  await inTransaction(ctx, async (tx, audit) => {
    const { row, next } = await lockAgenda(tx, meetingId);
    const rows = inputs.map((input, i) => newItemRow(ids[i]!, row, next + i, input, who[i]!, subjects[i]!));
    await insertRows(tx, meetingAgendaItems, rows);
    await auditAll(tx, audit, rows.map(itemAdded), ctx);
    await publishMeetingChange(tx, meetingId, 'item.changed', { id: ids[ids.length - 1] });
  });
  return ids;
}

/** createDocument then issueDocument for each document, in their order, in one transaction; their ids. */
export async function issueAll(
  ctx: WriteContext,
  meetingId: string,
  documents: readonly { document: NewDocument; issue: IssueInput }[],
  today: string,
) {
  const ids = documents.map(() => uuidv7());
  if (!ids.length) return ids;
  await inTransaction(ctx, async (tx, audit) => {
    const meeting = await getMeetingRow(tx, meetingId, { forUpdate: true });
    const rows = [];
    const records: AuditRecord[] = [];
    for (const [i, { document, issue }] of documents.entries()) {
      const created = await newDocument(tx, meeting, ids[i]!, document);
      const issued = await issuing(tx, { ...created.row, status: 'draft' }, meeting, issue, today);
      rows.push({ ...created.row, ...issued.set });
      records.push(created.record, issued.record);
    }
    await insertRows(tx, meetingDocuments, rows);
    await auditAll(tx, audit, records, ctx);
  });
  return ids;
}

const NO_FILE = { storageKey: null, fileName: null, contentType: null, sizeBytes: null, sha256: null };

/**
 * seedPaper without adopting (createPaper, then addVersion, addComment and answerComment as the secretary for each
 * version, comment and answer), in one transaction.
 */
export async function paperAll(ctx: WriteContext, meetingId: string, input: Omit<SeedPaper, 'adopt'>) {
  const meeting = await getMeetingRow(ctx.db, meetingId);
  const created = await newPaper(ctx.db, meeting, {
    paperType: input.paperType,
    title: input.title,
    itemId: input.itemId ?? null,
    drafterId: input.drafterId ?? null,
  });
  const paper = { ...created.row, currentVersion: input.versions.length };
  const answerer = created.drafter?.fullName ?? ctx.actor.name;
  const by = assertDrafterOrSecretary(SEED_ACTOR, paper);
  const answeredBy = await nameOf(
    ctx.db,
    by === 'drafter' ? paper.drafterId : SEED_ACTOR.officialId,
    answerer,
  );
  const versions: ReturnType<typeof newVersionRow>[] = [];
  const comments: ReturnType<typeof newComment>['row'][] = [];
  const records: AuditRecord[] = [created.record];
  for (const [i, v] of input.versions.entries()) {
    const version = newVersionRow(paper, i + 1, versionText(v, false), NO_FILE, SEED_ACTOR);
    versions.push(version);
    records.push(versionAdded(paper, version, by, NO_FILE));
    for (const c of v.comments ?? []) {
      assertActsFor(SEED_ACTOR, c.officialId);
      await checkOfficial(ctx.db, paper.communeCode, c.officialId, 'body.officialId');
      const authorName = await nameOf(ctx.db, c.officialId, ctx.actor.name);
      const comment = newComment(paper, version, c, SEED_ACTOR, {
        authorOfficialId: c.officialId,
        authorName,
      });
      records.push(comment.record);
      if (c.answer) {
        const answer = commentAnswer(
          paper,
          { comment: comment.row, version: version.version },
          c.answer,
          answeredBy,
          by,
        );
        Object.assign(comment.row, answer.change);
        records.push(answer.record);
      }
      comments.push(comment.row);
    }
  }
  await inTransaction(ctx, async (tx, audit) => {
    await tx.insert(meetingPapers).values(paper);
    if (versions.length) await insertRows(tx, meetingPaperVersions, versions);
    if (comments.length) await insertRows(tx, meetingPaperComments, comments);
    await auditAll(tx, audit, records, ctx);
  });
  return paper.id;
}
