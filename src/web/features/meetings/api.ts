/**
 * Meetings through the API (src/common/api/meetings*.ts): the commune's bodies and meetings, one meeting's record
 * (participants, agenda, quorum), votes, papers, documents, minutes and tasks, the member's own list and the public
 * hall screen. Every path is named here once.
 */
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  MeetingDocument,
  MeetingTask,
  MeetingTaskList as MeetingTaskListSchema,
  Minutes,
} from '../../../common/api/meeting-after';

type MeetingTaskList = z.infer<typeof MeetingTaskListSchema>;

import type { MeetingPaper, PaperVersion } from '../../../common/api/meeting-papers';
import type {
  CastRequest,
  CastResult,
  MemberVotes,
  OpenVoteRequest,
  PaperTallyRequest,
  Vote,
  VoteList,
} from '../../../common/api/meeting-votes';
import type {
  AgendaItem,
  AgendaItemPatch,
  AgendaItemRequest,
  ArchiveRehearsalsResult,
  AttendanceRequest,
  CreateMeetingRequest,
  HallView,
  InviteRequest,
  Meeting,
  MeetingBody,
  MeetingDetail,
  MeetingList,
  MeetingStatus,
  MyMeetings,
  RespondRequest,
  RuleOverrides,
  SpeechRequest,
  UpdateMeetingRequest,
} from '../../../common/api/meetings';
import { api, apiBlob } from '../../api/client';

export type {
  AgendaItem,
  HallView,
  Meeting,
  MeetingBody,
  MeetingDetail,
  MeetingDocument,
  MeetingPaper,
  MeetingTask,
  Minutes,
  PaperVersion,
  Vote,
};

const enc = encodeURIComponent;
const validCommune = (code: string) => /^\d{5}$/.test(code);

export const paths = {
  bodies: (code: string) => `/api/v1/communes/${enc(code)}/meeting-bodies`,
  meetings: (code: string) => `/api/v1/communes/${enc(code)}/meetings`,
  meeting: (id: string) => `/api/v1/meetings/${enc(id)}`,
  invite: (id: string) => `/api/v1/meetings/${enc(id)}/invite`,
  respond: (id: string) => `/api/v1/meetings/${enc(id)}/response`,
  attendance: (id: string) => `/api/v1/meetings/${enc(id)}/attendance`,
  status: (id: string, action: 'open' | 'close' | 'cancel') => `/api/v1/meetings/${enc(id)}/${action}`,
  agenda: (id: string) => `/api/v1/meetings/${enc(id)}/items`,
  reorder: (id: string) => `/api/v1/meetings/${enc(id)}/items/order`,
  item: (id: string) => `/api/v1/meeting-items/${enc(id)}`,
  itemStart: (id: string) => `/api/v1/meeting-items/${enc(id)}/start`,
  itemEnd: (id: string) => `/api/v1/meeting-items/${enc(id)}/finish`,
  speeches: (itemId: string) => `/api/v1/meeting-items/${enc(itemId)}/speeches`,
  /** Stops whoever speaks on the item. */
  speechEnd: (itemId: string) => `/api/v1/meeting-items/${enc(itemId)}/speeches/stop`,
  mine: () => '/api/v1/me/meetings',
  hall: (id: string) => `/api/v1/public/meetings/${enc(id)}/hall`,
  events: (id: string) => `/api/v1/public/meetings/${enc(id)}/events`,
  votes: (meetingId: string) => `/api/v1/meetings/${enc(meetingId)}/votes`,
  itemVotes: (itemId: string) => `/api/v1/meeting-items/${enc(itemId)}/votes`,
  vote: (id: string) => `/api/v1/meeting-votes/${enc(id)}`,
  cast: (id: string) => `/api/v1/meeting-votes/${enc(id)}/ballots`,
  tally: (id: string) => `/api/v1/meeting-votes/${enc(id)}/paper-tally`,
  closeVote: (id: string) => `/api/v1/meeting-votes/${enc(id)}/close`,
  papers: (meetingId: string) => `/api/v1/meetings/${enc(meetingId)}/papers`,
  paper: (id: string) => `/api/v1/meeting-papers/${enc(id)}`,
  versions: (id: string) => `/api/v1/meeting-papers/${enc(id)}/versions`,
  version: (id: string, n: number) => `/api/v1/meeting-papers/${enc(id)}/versions/${n}`,
  versionFile: (id: string, n: number) => `/api/v1/meeting-papers/${enc(id)}/versions/${n}/file`,
  adopt: (id: string) => `/api/v1/meeting-papers/${enc(id)}/adopt`,
  publish: (id: string) => `/api/v1/meeting-papers/${enc(id)}/publish`,
  publicPaper: (id: string) => `/api/v1/public/meeting-papers/${enc(id)}`,
  comments: (id: string, n: number) => `/api/v1/meeting-papers/${enc(id)}/versions/${n}/comments`,
  documents: (meetingId: string) => `/api/v1/meetings/${enc(meetingId)}/documents`,
  document: (id: string) => `/api/v1/meeting-documents/${enc(id)}`,
  issue: (id: string) => `/api/v1/meeting-documents/${enc(id)}/issue`,
  minutes: (meetingId: string) => `/api/v1/meetings/${enc(meetingId)}/minutes`,
  minutesComments: (meetingId: string) => `/api/v1/meetings/${enc(meetingId)}/minutes/comments`,
  minutesLock: (meetingId: string) => `/api/v1/meetings/${enc(meetingId)}/minutes/lock`,
  minutesPdf: (meetingId: string) => `/api/v1/meetings/${enc(meetingId)}/minutes/pdf`,
  minutesDocx: (meetingId: string) => `/api/v1/meetings/${enc(meetingId)}/minutes/docx`,
  documentFile: (id: string, format: 'pdf' | 'docx') => `/api/v1/meeting-documents/${enc(id)}/${format}`,
  answer: (paperId: string, commentId: string) =>
    `/api/v1/meeting-papers/${enc(paperId)}/comments/${enc(commentId)}/answer`,
  tasks: (meetingId: string) => `/api/v1/meetings/${enc(meetingId)}/tasks`,
  docTasks: (documentId: string) => `/api/v1/meeting-documents/${enc(documentId)}/tasks`,
  taskDone: (id: string) => `/api/v1/meeting-tasks/${enc(id)}/done`,
  memberVotes: (code: string) => `/api/v1/communes/${enc(code)}/member-votes`,
  archiveRehearsals: (code: string) => `/api/v1/communes/${enc(code)}/meetings/archive-rehearsals`,
};

// ——— bodies and the commune's meetings ———

export function useMeetingBodies(communeCode: string) {
  return useQuery({
    queryKey: ['meetings', 'bodies', communeCode],
    queryFn: ({ signal }) => api<{ items: MeetingBody[] }>(paths.bodies(communeCode), { signal }),
    enabled: validCommune(communeCode),
  });
}

export function useSaveBodySettings(communeCode: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { bodyId: string; seats: number | null; rules: RuleOverrides }) =>
      api<{ items: MeetingBody[] }>(paths.bodies(communeCode), { method: 'PUT', body }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['meetings', 'bodies', communeCode] }),
  });
}

export interface MeetingFilters {
  bodyId?: string;
  status?: MeetingStatus;
  from?: string;
  to?: string;
  rehearsal?: 'true' | 'false';
  /** 'true': archived rehearsals too (the list leaves them out otherwise). */
  archived?: 'true';
}

export function useMeetingList(communeCode: string, filters: MeetingFilters) {
  return useInfiniteQuery({
    queryKey: ['meetings', 'list', communeCode, filters],
    queryFn: ({ signal, pageParam }) =>
      api<MeetingList>(paths.meetings(communeCode), {
        signal,
        query: { ...filters, cursor: pageParam, limit: 30 },
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: validCommune(communeCode),
  });
}

export function useCreateMeeting(communeCode: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateMeetingRequest) =>
      api<Meeting>(paths.meetings(communeCode), { method: 'POST', body }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['meetings', 'list', communeCode] }),
  });
}

/** How one member voted in the open votes of the commune's meetings, newest first ("Xem thêm" asks for more). */
export function useMemberVotes(communeCode: string, officialId: string | null) {
  return useInfiniteQuery({
    queryKey: ['meetings', 'member-votes', communeCode, officialId],
    queryFn: ({ signal, pageParam }) =>
      api<MemberVotes>(paths.memberVotes(communeCode), {
        signal,
        query: { officialId: officialId ?? '', cursor: pageParam, limit: 20 },
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: validCommune(communeCode) && !!officialId,
  });
}

/** Archives every rehearsal meeting of the commune (kept readable, marked). */
export function useArchiveRehearsals(communeCode: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () =>
      api<ArchiveRehearsalsResult>(paths.archiveRehearsals(communeCode), { method: 'POST', body: {} }),
    onSettled: () => void client.invalidateQueries({ queryKey: ['meetings'] }),
  });
}

// ——— one meeting ———

export const meetingKey = (id: string) => ['meetings', 'one', id];

export function useMeeting(id: string) {
  return useQuery({
    queryKey: meetingKey(id),
    queryFn: ({ signal }) => api<MeetingDetail>(paths.meeting(id), { signal }),
    // The event stream refreshes it at once; this is the fallback when the stream is down.
    refetchInterval: 20_000,
  });
}

export function useMeetingVotes(id: string, enabled = true) {
  return useQuery({
    queryKey: ['meetings', 'votes', id],
    queryFn: ({ signal }) => api<VoteList>(paths.votes(id), { signal }),
    enabled,
    refetchInterval: 20_000,
  });
}

/** Every write of a meeting refreshes everything about it (the record is small; the quorum moves with it). */
function useMeetingMutation<I, O>(meetingId: string, fn: (input: I) => Promise<O>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: () => {
      void client.invalidateQueries({ queryKey: ['meetings', 'one', meetingId] });
      void client.invalidateQueries({ queryKey: ['meetings', 'votes', meetingId] });
      void client.invalidateQueries({ queryKey: ['meetings', 'papers', meetingId] });
      void client.invalidateQueries({ queryKey: ['meetings', 'after', meetingId] });
      void client.invalidateQueries({ queryKey: ['meetings', 'mine'] });
    },
  });
}

/** A POST of the meeting: the path from the input, the body from the input (an empty object without one). */
function usePost<I, O = unknown>(
  meetingId: string,
  path: (input: I) => string,
  body?: (input: I) => unknown,
) {
  return useMeetingMutation<I, O>(meetingId, (input) =>
    api<O>(path(input), { method: 'POST', body: body ? body(input) : {} }),
  );
}

export function useMeetingActions(meetingId: string) {
  return {
    update: useMeetingMutation(meetingId, (body: UpdateMeetingRequest) =>
      api<Meeting>(paths.meeting(meetingId), { method: 'PATCH', body }),
    ),
    invite: usePost<InviteRequest>(
      meetingId,
      () => paths.invite(meetingId),
      (b) => b,
    ),
    respond: usePost<RespondRequest>(
      meetingId,
      () => paths.respond(meetingId),
      (b) => b,
    ),
    attendance: usePost<AttendanceRequest>(
      meetingId,
      () => paths.attendance(meetingId),
      (b) => b,
    ),
    status: usePost<'open' | 'close' | 'cancel'>(meetingId, (a) => paths.status(meetingId, a)),
    addItem: usePost<AgendaItemRequest, AgendaItem>(
      meetingId,
      () => paths.agenda(meetingId),
      (b) => b,
    ),
    patchItem: useMeetingMutation(meetingId, ({ id, ...body }: AgendaItemPatch & { id: string }) =>
      api<AgendaItem>(paths.item(id), { method: 'PATCH', body }),
    ),
    deleteItem: useMeetingMutation(meetingId, (id: string) => api(paths.item(id), { method: 'DELETE' })),
    reorder: useMeetingMutation(meetingId, (itemIds: string[]) =>
      api(paths.reorder(meetingId), { method: 'PUT', body: { itemIds } }),
    ),
    startItem: usePost<string>(meetingId, (id) => paths.itemStart(id)),
    endItem: usePost<string>(meetingId, (id) => paths.itemEnd(id)),
    startSpeech: usePost<SpeechRequest & { itemId: string }>(
      meetingId,
      (b) => paths.speeches(b.itemId),
      ({ itemId: _, ...b }) => b,
    ),
    endSpeech: usePost<string>(meetingId, (id) => paths.speechEnd(id)),
    openVote: usePost<OpenVoteRequest & { itemId: string }, Vote>(
      meetingId,
      (b) => paths.itemVotes(b.itemId),
      ({ itemId: _, ...b }) => b,
    ),
    cast: usePost<CastRequest & { voteId: string }, CastResult>(
      meetingId,
      (b) => paths.cast(b.voteId),
      ({ voteId: _, ...b }) => b,
    ),
    tally: useMeetingMutation(meetingId, ({ voteId, ...body }: PaperTallyRequest & { voteId: string }) =>
      api<Vote>(paths.tally(voteId), { method: 'PUT', body }),
    ),
    closeVote: usePost<string, Vote>(meetingId, (id) => paths.closeVote(id)),
  };
}

// ——— papers ———

export function usePapers(meetingId: string) {
  return useQuery({
    queryKey: ['meetings', 'papers', meetingId],
    queryFn: ({ signal }) => api<{ items: MeetingPaper[] }>(paths.papers(meetingId), { signal }),
  });
}

export function usePaperVersion(meetingId: string, paperId: string | null, version: number | null) {
  return useQuery({
    queryKey: ['meetings', 'papers', meetingId, paperId, version],
    queryFn: ({ signal }) => api<PaperVersion>(paths.version(paperId ?? '', version ?? 0), { signal }),
    enabled: !!paperId && !!version,
  });
}

export function usePaperActions(meetingId: string) {
  return {
    create: useMeetingMutation(
      meetingId,
      (body: { paperType: string; title: string; itemId?: string | null }) =>
        api<MeetingPaper>(paths.papers(meetingId), { method: 'POST', body }),
    ),
    addVersion: useMeetingMutation(
      meetingId,
      ({
        paperId,
        body,
        changeNote,
        file,
      }: {
        paperId: string;
        body?: string;
        changeNote?: string;
        file?: File | null;
      }) => {
        if (file) {
          const form = new FormData();
          if (body) form.set('body', body);
          if (changeNote) form.set('changeNote', changeNote);
          form.set('file', file);
          return api<PaperVersion>(paths.versions(paperId), { method: 'POST', body: form });
        }
        return api<PaperVersion>(paths.versions(paperId), { method: 'POST', body: { body, changeNote } });
      },
    ),
    answer: useMeetingMutation(
      meetingId,
      ({ paperId, commentId, answer }: { paperId: string; commentId: string; answer: string }) =>
        api(paths.answer(paperId, commentId), { method: 'POST', body: { answer } }),
    ),
    adopt: useMeetingMutation(
      meetingId,
      ({ paperId, ...body }: { paperId: string; version: number; voteId?: string }) =>
        api<MeetingPaper>(paths.adopt(paperId), { method: 'POST', body }),
    ),
    publish: useMeetingMutation(meetingId, (paperId: string) =>
      api<MeetingPaper>(paths.publish(paperId), { method: 'POST', body: {} }),
    ),
    comment: useMeetingMutation(
      meetingId,
      ({
        paperId,
        version,
        ...body
      }: {
        paperId: string;
        version: number;
        anchor: string | null;
        body: string;
      }) => api(paths.comments(paperId, version), { method: 'POST', body }),
    ),
  };
}

// ——— documents, minutes, tasks ———

export function useMeetingDocuments(meetingId: string) {
  return useQuery({
    queryKey: ['meetings', 'after', meetingId, 'documents'],
    queryFn: ({ signal }) => api<{ items: MeetingDocument[] }>(paths.documents(meetingId), { signal }),
  });
}

export function useMeetingTasks(meetingId: string) {
  return useQuery({
    queryKey: ['meetings', 'after', meetingId, 'tasks'],
    queryFn: ({ signal }) => api<MeetingTaskList>(paths.tasks(meetingId), { signal }),
  });
}

export function useMinutes(meetingId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['meetings', 'after', meetingId, 'minutes'],
    queryFn: ({ signal }) => api<Minutes>(paths.minutes(meetingId), { signal }),
    enabled,
    retry: false,
  });
}

export function useAfterActions(meetingId: string) {
  return {
    createDocument: useMeetingMutation(
      meetingId,
      (body: {
        docType: string;
        title: string;
        content: string;
        voteId?: string | null;
        itemId?: string | null;
      }) => api<MeetingDocument>(paths.documents(meetingId), { method: 'POST', body }),
    ),
    issue: useMeetingMutation(
      meetingId,
      ({ id, ...body }: { id: string; issuedOn: string; signerId: string; signerTitle?: string }) =>
        api<MeetingDocument>(paths.issue(id), { method: 'POST', body }),
    ),
    addTask: useMeetingMutation(
      meetingId,
      ({
        documentId,
        ...body
      }: {
        documentId: string;
        officialId: string;
        title: string;
        workingDays: number;
      }) => api<MeetingTask>(paths.docTasks(documentId), { method: 'POST', body }),
    ),
    taskDone: useMeetingMutation(meetingId, ({ id, note }: { id: string; note: string }) =>
      api<MeetingTask>(paths.taskDone(id), { method: 'POST', body: { note } }),
    ),
    editMinutes: useMeetingMutation(meetingId, (body: Record<string, unknown>) =>
      api<Minutes>(paths.minutes(meetingId), { method: 'PATCH', body }),
    ),
    commentMinutes: useMeetingMutation(meetingId, (body: { body: string; anchor?: string }) =>
      api(paths.minutesComments(meetingId), { method: 'POST', body }),
    ),
    lockMinutes: useMeetingMutation(meetingId, (body: { chairApproved?: boolean }) =>
      api<Minutes>(paths.minutesLock(meetingId), { method: 'POST', body }),
    ),
  };
}

export const downloadBlob = apiBlob;

// ——— member and hall ———

export function useMyMeetings() {
  return useQuery({
    queryKey: ['meetings', 'mine'],
    queryFn: ({ signal }) => api<MyMeetings>(paths.mine(), { signal }),
  });
}

export function fetchHall(id: string) {
  return api<HallView>(paths.hall(id));
}
