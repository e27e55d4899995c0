import type { AppConfig } from '../../config';
import type { Db } from '../../db/database';

/**
 * Placeholder (issue 13): the periodic sweep that escalates overdue reports (to the commune leader on the due
 * date, to the province after the province's days) and enqueues the notifications.
 */
export function startFeedbackEscalation(_deps: {
  db: Db;
  config: AppConfig;
  logger: { error(obj: unknown, msg?: string): void };
}): { stop(): Promise<void> } {
  return { stop: async () => {} };
}
