/** Every state of the lifecycle is in exactly one queue, worked by the role that takes its next step. */
import { describe, expect, it } from 'vitest';
import { ACTION_SPECS } from './actions';
import { MINE_STATUSES, STATE_QUEUES, stateQueueOf } from './queues';
import { DOSSIER_STATUSES, type DossierStatus } from './status';

describe('state queues', () => {
  it.each(DOSSIER_STATUSES)('holds %s in exactly one queue', (status) => {
    const holders = Object.entries(STATE_QUEUES).filter(([, s]) =>
      (s as readonly DossierStatus[]).includes(status),
    );
    expect(holders).toHaveLength(1);
    expect(stateQueueOf(status)).toBe(holders[0]![0]);
  });

  const open = (from: readonly (DossierStatus | null)[]) =>
    from.filter((s): s is DossierStatus => s !== null);
  it.each([
    ['to_intake', 'receive', 'one_stop_officer'],
    ['to_assign', 'assign', 'one_stop_officer'],
    ['processing', 'submit_for_approval', 'assignee'],
    ['to_approve', 'approve', 'commune_leader'],
    ['to_finish', 'mark_result_ready', 'one_stop_officer'],
    ['to_return', 'return_result', 'one_stop_officer'],
  ] as const)('%s holds the states %s is taken from, by %s', (queue, action, performer) => {
    const spec = ACTION_SPECS[action];
    expect(spec.by).toContain(performer);
    for (const status of STATE_QUEUES[queue]) {
      // Every state of the queue has a way forward for its role (processing: after start_processing).
      const forward = Object.values(ACTION_SPECS).some(
        (s) => s.by.includes(performer) && s.from.includes(status) && s.to !== 'same',
      );
      expect({ status, forward }).toEqual({ status, forward: true });
    }
    expect(open(spec.from).every((s) => (STATE_QUEUES[queue] as readonly string[]).includes(s))).toBe(true);
  });

  it('puts the decided dossiers (approved, rejected) where the result is made ready', () => {
    expect(STATE_QUEUES.to_finish).toEqual(open(ACTION_SPECS.mark_result_ready.from));
    expect(MINE_STATUSES).toEqual(['assigned', 'in_processing']);
  });
});
