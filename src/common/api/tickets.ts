/** Queue tickets (số thứ tự) and the hall display: the API's shapes, shared by server and web. */
import { z } from 'zod';

export const PriorityReason = z.enum(['elderly', 'disabled', 'pregnant']);
export type PriorityReason = z.infer<typeof PriorityReason>;
export const TicketStatus = z.enum(['waiting', 'called', 'served', 'no_show']);
export type TicketStatus = z.infer<typeof TicketStatus>;

export const ServiceGroup = z.object({
  id: z.string().uuid(),
  letter: z.string(),
  name: z.string(),
  position: z.number().int(),
  active: z.boolean(),
});
export type ServiceGroup = z.infer<typeof ServiceGroup>;

export const Counter = z.object({
  id: z.string().uuid(),
  number: z.number().int(),
  name: z.string(),
  groupIds: z.array(z.string().uuid()),
  active: z.boolean(),
});
export type Counter = z.infer<typeof Counter>;

/** The kiosk's view of a commune: its active groups and how many wait in each. */
export const KioskView = z.object({
  communeCode: z.string(),
  communeName: z.string(),
  groups: z.array(ServiceGroup.extend({ waiting: z.number().int() })),
});
export type KioskView = z.infer<typeof KioskView>;

export const TakeTicketRequest = z.object({
  groupId: z.string().uuid(),
  priority: PriorityReason.nullable().optional(),
});
export type TakeTicketRequest = z.infer<typeof TakeTicketRequest>;

export const IssuedTicket = z.object({
  id: z.string().uuid(),
  number: z.string(),
  groupLetter: z.string(),
  groupName: z.string(),
  priorityReason: PriorityReason.nullable(),
  issuedAt: z.string(),
  day: z.string(),
  /** Tickets of the same group called before this one, as things stand at issue. */
  peopleAhead: z.number().int(),
  communeCode: z.string(),
  communeName: z.string(),
});
export type IssuedTicket = z.infer<typeof IssuedTicket>;

/** A call shown on the hall display. */
export const BoardCall = z.object({
  ticketId: z.string().uuid(),
  number: z.string(),
  counterNumber: z.number().int(),
  counterName: z.string(),
  groupName: z.string(),
  priority: z.boolean(),
  calledAt: z.string(),
  /** Increases on each recall, so the display announces a recall again. */
  recalls: z.number().int(),
});
export type BoardCall = z.infer<typeof BoardCall>;

export const BoardView = z.object({
  communeCode: z.string(),
  communeName: z.string(),
  /** Latest first. */
  calls: z.array(BoardCall),
  waiting: z.array(
    z.object({ groupId: z.string().uuid(), letter: z.string(), name: z.string(), waiting: z.number().int() }),
  ),
});
export type BoardView = z.infer<typeof BoardView>;

export const QueueTicket = z.object({
  id: z.string().uuid(),
  number: z.string(),
  groupId: z.string().uuid(),
  priorityReason: PriorityReason.nullable(),
  status: TicketStatus,
  issuedAt: z.string(),
  calledAt: z.string().nullable(),
  counterId: z.string().uuid().nullable(),
  recalls: z.number().int(),
  dossierId: z.string().uuid().nullable(),
});
export type QueueTicket = z.infer<typeof QueueTicket>;

/** The counter console: the commune's groups and counters, the tickets waiting, and each counter's current one. */
export const QueueConsole = z.object({
  communeCode: z.string(),
  priorityFirst: z.boolean(),
  groups: z.array(ServiceGroup),
  counters: z.array(Counter.extend({ current: QueueTicket.nullable() })),
  waiting: z.array(QueueTicket),
});
export type QueueConsole = z.infer<typeof QueueConsole>;

export const CallNextResult = z.object({ ticket: QueueTicket.nullable() });
export type CallNextResult = z.infer<typeof CallNextResult>;

export const FinishTicketRequest = z.object({
  outcome: z.enum(['served', 'no_show']),
  /** The dossier received from this citizen, to link the ticket to it (a dossier of the same commune). */
  dossierId: z.string().uuid().optional(),
});
export type FinishTicketRequest = z.infer<typeof FinishTicketRequest>;

export const ServiceGroupRequest = z.object({
  letter: z.string().regex(/^[A-Z]$/),
  name: z.string().trim().min(1).max(120),
  position: z.number().int().min(0).max(99).optional(),
  active: z.boolean().optional(),
});
export const ServiceGroupPatch = ServiceGroupRequest.partial();
export const CounterRequest = z.object({
  number: z.number().int().min(1).max(99),
  name: z.string().trim().min(1).max(120).optional(),
  groupIds: z.array(z.string().uuid()).min(1).max(26),
  active: z.boolean().optional(),
});
export const CounterPatch = CounterRequest.partial();
export const QueueSettingsRequest = z.object({ priorityFirst: z.boolean() });

/** The day's waiting-time figures per group (dashboard). */
export const QueueStats = z.object({
  day: z.string(),
  groups: z.array(
    z.object({
      groupId: z.string().uuid(),
      letter: z.string(),
      name: z.string(),
      issued: z.number().int(),
      served: z.number().int(),
      noShow: z.number().int(),
      waiting: z.number().int(),
      called: z.number().int(),
      averageWaitSeconds: z.number().int().nullable(),
      p90WaitSeconds: z.number().int().nullable(),
      longestWaitingSeconds: z.number().int().nullable(),
    }),
  ),
});
export type QueueStats = z.infer<typeof QueueStats>;
