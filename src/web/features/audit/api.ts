/** The audit log through the API: newest first, filtered, within what the viewer may see. */
import { useInfiniteQuery } from '@tanstack/react-query';
import type { AuditEntry } from '../../../common/api/auth';
import { api } from '../../api/client';

export interface AuditFilter {
  communeCode?: string;
  actor?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  /** 'YYYY-MM-DD', Vietnam days. */
  from?: string;
  to?: string;
}

/** An entry as the log lists it: with its entity's readable name where the server knows one (a dossier's code). */
export type AuditRow = AuditEntry & { entityLabel: string | null };

/** The actor name the server records for a write without an account: on the public pages, the applicant. */
export const ANONYMOUS_ACTOR = 'anonymous';

export function useAuditEntries(filter: AuditFilter) {
  return useInfiniteQuery({
    queryKey: ['audit', filter],
    queryFn: ({ signal, pageParam }) =>
      api<{ items: AuditRow[]; nextCursor: number | null }>('/api/v1/audit', {
        query: { ...filter, cursor: pageParam, limit: 50 },
        signal,
      }),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    staleTime: 0,
  });
}

/**
 * Actions XãSố records, grouped as the filter offers them: a group's first code (no dot after it) matches every
 * action beginning with it, as the API's prefix filter does. Every `action:` written by the server is here (grep
 * the audit calls when adding one); an action missing here still shows, by its code.
 */
export const AUDIT_ACTIONS = [
  'dossier',
  'dossier.submit_online',
  'dossier.receive',
  'dossier.refuse_intake',
  'dossier.assign',
  'dossier.reassign',
  'dossier.start_processing',
  'dossier.request_supplement',
  'dossier.supplement_received',
  'dossier.request_payment',
  'dossier.payment_received',
  'dossier.submit_for_approval',
  'dossier.send_back',
  'dossier.approve',
  'dossier.reject',
  'dossier.mark_result_ready',
  'dossier.return_result',
  'dossier.withdraw',
  'dossier.transfer',
  'dossier.extend',
  'dossier.record_apology',
  'dossier.attachment_added',
  'dossier.result_attached',
  'dossier.rate',
  'dossier.due_dates_recomputed',
  'dossier.due_date_change.acknowledge',
  'dossier.due_date_change.demo',
  'dossier.agency_id.set',
  'dossier.import',
  'campaign',
  'campaign.readiness_template.create',
  'campaign.readiness_template.publish',
  'campaign.readiness.answer',
  'campaign.settings.update',
  'campaign.trial.create',
  'campaign.trial.move',
  'campaign.trial.hold',
  'campaign.trial.cancel',
  'campaign.rehearsal_mode.on',
  'campaign.rehearsal_mode.off',
  'campaign.incident.create',
  'campaign.incident.resolve',
  'campaign.incident.reopen',
  'campaign.lesson.create',
  'campaign.go_live',
  'feedback',
  'feedback.receive',
  'feedback.accept',
  'feedback.reject',
  'feedback.assign',
  'feedback.submit_answer',
  'feedback.return_answer',
  'feedback.answer',
  'feedback.edit_public',
  'feedback.close',
  'feedback.rate',
  'feedback.reopen',
  'feedback.split',
  'feedback.split_child',
  'feedback.child_closed',
  'feedback.merge',
  'feedback.forward',
  'feedback.forward_received',
  'feedback.escalate',
  'feedback.escalate_leader',
  'feedback.escalate_province',
  'feedback.return_from_province',
  'feedback.due_dates_moved',
  'feedback.category.create',
  'feedback.category.update',
  'feedback.categories.starter',
  'feedback.settings.update',
  'notification',
  'notification.retry',
  'queue',
  'queue.ticket.issue',
  'queue.ticket.call',
  'queue.ticket.recall',
  'queue.ticket.serve',
  'queue.ticket.no_show',
  'queue.call_next.empty',
  'queue.counter.create',
  'queue.counter.update',
  'queue.group.create',
  'queue.group.update',
  'queue.settings.set',
  'procedure',
  'procedure.create',
  'procedure.update',
  'procedure.catalogue.load',
  'procedure.catalogue.import',
  'org.announcement',
  'org.announcement.create',
  'org.announcement.update',
  'org.announcement.issue',
  'org.announcement.supersede',
  'org.official',
  'org.official.create',
  'org.official.update',
  'org.official.leave',
  'org.official.positions_import',
  'org.position.create',
  'org.position.end',
  'org.officials.import',
  'org.body',
  'org.body.create',
  'org.body.update',
  'org.body.close',
  'org.commune.activate',
  'account',
  'account.create',
  'account.enable',
  'account.disable',
  'account.grant',
  'account.revoke',
  'account.reset_password',
  'account.link_official',
  'auth',
  'auth.login',
  'auth.login_failed',
  'auth.locked',
  'auth.throttled',
  'auth.throttle_lifted',
  'auth.logout',
  'auth.logout_all',
  'auth.password_change',
  'api_token',
  'api_token.create',
  'api_token.revoke',
  'calendar',
  'calendar.holiday_range.add',
  'calendar.holiday_range.delete',
  'calendar.make_up_day.add',
  'calendar.make_up_day.delete',
  'former_unit',
  'former_unit.targets.set',
  'former_unit.targets.clear',
  'units.import',
] as const;

/** The group of an action in the filter: its module ("dossier", "org", "auth" …). */
export const ACTION_GROUPS = [
  'dossier',
  'campaign',
  'queue',
  'procedure',
  'org',
  'account',
  'auth',
  'api_token',
  'calendar',
  'former_unit',
  'units',
] as const;
export type ActionGroup = (typeof ACTION_GROUPS)[number];
export const actionGroup = (action: string): ActionGroup | null => {
  const head = action.split('.')[0]!;
  return (ACTION_GROUPS as readonly string[]).includes(head) ? (head as ActionGroup) : null;
};

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

type Underscored<T extends string> = T extends `${infer A}.${infer B}` ? `${A}_${Underscored<B>}` : T;
export type AuditActionKey = Underscored<AuditAction>;

export const actionKey = (action: AuditAction) => action.replaceAll('.', '_') as AuditActionKey;

export const isKnownAction = (action: string): action is AuditAction =>
  (AUDIT_ACTIONS as readonly string[]).includes(action);

export const ENTITY_TYPES = [
  'dossier',
  'dossier_agency_id',
  'procedure',
  'queue_ticket',
  'queue_counter',
  'queue_group',
  'queue_settings',
  'feedback_report',
  'feedback_category',
  'notification',
  'org_announcement',
  'org_official',
  'org_position',
  'org_body',
  'org_commune',
  'org_import',
  'commune',
  'account',
  'login',
  'login_throttle',
  'api_token',
  'holiday_range',
  'make_up_day',
  'former_unit',
  'administrative_map',
] as const;

export type EntityType = (typeof ENTITY_TYPES)[number];

export const isKnownEntityType = (type: string): type is EntityType =>
  (ENTITY_TYPES as readonly string[]).includes(type);
