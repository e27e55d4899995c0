/**
 * Each processing step's own due date (thời hạn của từng bước trong quy trình nội bộ) and its warning, so a step
 * that runs out of its share is flagged before the whole dossier is late (issue 4 §3). Pure.
 *
 * The procedure gives each step a share of the time limit (shares sum to 1); the law fixes only the total.
 * [U] Our rule, documented: the working days from the counting start date to the due date in force (pauses for
 * the applicant and extensions included) are shared out by cumulative share, each step's end rounded to the
 * nearest whole working day; the last step ends on the due date itself. A dossier is in the step whose role
 * matches its state: one-stop intake while `received`, the specialist (or the other agency) while assigned,
 * processing or waiting for the applicant, the leader while submitted for approval, the one-stop return once
 * approved, rejected or ready.
 */
import type { IsoDate } from '../../calendar/holidays';
import type { WorkingCalendar } from '../../calendar/working-days';
import { localDate } from './local-time';
import { type DossierClock, effectiveDueDate, type LatenessLevel, levelOn } from './sla';
import type { DossierStatus } from './status';

/** A procedure step as the catalogue describes it (common/api/procedures.ts ProcedureStep). */
export interface StepDefinition {
  name: string;
  handlerRole: 'one_stop_officer' | 'specialist' | 'commune_leader' | 'other_agency';
  body?: string;
  shareOfTime: number;
}

/** The part of the work a state belongs to. */
export type StepPhase = 'intake' | 'processing' | 'approval' | 'return';

export interface ScheduledStep {
  index: number;
  name: string;
  handlerRole: StepDefinition['handlerRole'];
  body: string | null;
  phase: StepPhase;
  /** Last day of the step's share. */
  dueDate: IsoDate;
  state: 'done' | 'current' | 'pending';
  /** For the current step while its clock runs: how it stands against its own due date; else null. */
  level: LatenessLevel | null;
}

const PHASE_ORDER: readonly StepPhase[] = ['intake', 'processing', 'approval', 'return'];

/** The phase a dossier in `status` is in; null before receipt and once closed. */
export function phaseOf(status: DossierStatus): StepPhase | null {
  switch (status) {
    case 'received':
      return 'intake';
    case 'assigned':
    case 'in_processing':
    case 'supplement_requested':
    case 'awaiting_payment':
      return 'processing';
    case 'submitted_for_approval':
      return 'approval';
    case 'approved':
    case 'rejected':
    case 'result_ready':
      return 'return';
    default:
      return null;
  }
}

/** Nearest whole number, halves up; the epsilon absorbs the float error of summed shares (0.1 + 0.6). */
const roundHalfUp = (x: number) => Math.floor(x + 0.5 + 1e-9);

/** The phase of each step: the first and last one-stop steps are intake and return, the leader's approval. */
function phasesOf(steps: readonly StepDefinition[]): StepPhase[] {
  return steps.map((s, i) => {
    if (s.handlerRole === 'one_stop_officer' && i === 0) return 'intake';
    if (s.handlerRole === 'one_stop_officer' && i === steps.length - 1) return 'return';
    if (s.handlerRole === 'commune_leader') return 'approval';
    return 'processing';
  });
}

/**
 * The steps with their due dates and states at `now` (none before receipt or after a withdrawal or transfer;
 * all done once returned). A procedure without an approval step keeps a dossier
 * submitted for approval in its processing step (the nearest earlier phase the procedure has).
 */
export function stepSchedule(
  steps: readonly StepDefinition[],
  status: DossierStatus,
  clock: DossierClock | null,
  now: Date,
  calendar: WorkingCalendar,
): ScheduledStep[] {
  if (!clock || !steps.length) return [];
  // Withdrawn, transferred: no step is owed any more (the history tells what happened).
  if (clock.stoppedAt !== null && clock.resolvedAt === null) return [];
  const due = effectiveDueDate(clock, now, calendar);
  const span = Math.max(0, calendar.workingDaysBetween(clock.countFrom, due));
  const phases = phasesOf(steps);
  const closed = status === 'returned';
  let current = phaseOf(status);
  while (current && !phases.includes(current)) {
    const i = PHASE_ORDER.indexOf(current);
    current = i > 0 ? PHASE_ORDER[i - 1]! : null;
  }
  const currentOrder = current ? PHASE_ORDER.indexOf(current) : closed ? PHASE_ORDER.length : -1;
  const today = localDate(now);
  const running = clock.pausedSince === null && !closed;
  let cumulative = 0;
  return steps.map((step, index) => {
    cumulative += step.shareOfTime;
    const days = index === steps.length - 1 ? span : Math.min(span, roundHalfUp(cumulative * span));
    const dueDate = calendar.addWorkingDays(clock.countFrom, days);
    const order = PHASE_ORDER.indexOf(phases[index]!);
    const state = order < currentOrder ? 'done' : order === currentOrder ? 'current' : 'pending';
    return {
      index,
      name: step.name,
      handlerRole: step.handlerRole,
      body: step.body ?? null,
      phase: phases[index]!,
      dueDate,
      state,
      level: state === 'current' && running ? levelOn(today, dueDate, calendar) : null,
    };
  });
}

/** The first current step that warns (due today, due soon or overdue), for the dossier page and the queues. */
export function stepWarning(schedule: readonly ScheduledStep[]): ScheduledStep | null {
  return schedule.find((s) => s.level !== null && s.level !== 'on_time') ?? null;
}
