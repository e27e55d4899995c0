import { describe, expect, it } from 'vitest';
import { ROLE_PERMISSIONS } from '../../../../common/permissions';
import type { Role } from '../../../../common/roles';
import { availableStaffActions } from './available';
import { filtersFromParams } from './filters';
import type { FeedbackRights } from './parts';

/** The rights a role carries (as rightsIn computes them from the same table for the user's commune). */
function rightsOf(role: Role): FeedbackRights {
  const p = ROLE_PERMISSIONS[role];
  return {
    read: p.includes('feedback.read'),
    receive: p.includes('feedback.receive'),
    handle: p.includes('feedback.handle'),
    approve: p.includes('feedback.approve'),
    province: p.includes('feedback.province'),
  };
}

describe('the buttons a report page shows', () => {
  it.each([
    ['specialist', 'received', ['accept', 'assign', 'merge', 'split', 'forward', 'escalate', 'reject']],
    ['one_stop_officer', 'received', ['forward']],
    ['province_officer', 'received', []],
    ['specialist', 'assigned', ['assign', 'answer', 'merge', 'split', 'escalate']],
    ['specialist', 'reopened', ['assign', 'answer', 'merge', 'split', 'escalate']],
    ['specialist', 'answer_pending', []],
    ['commune_leader', 'answer_pending', ['approve', 'return_answer']],
    ['commune_leader', 'answered', ['close', 'edit_public']],
    ['one_stop_officer', 'answered', []],
    ['commune_leader', 'escalated', []],
    ['province_officer', 'escalated', ['answer', 'return_from_province']],
    ['commune_leader', 'merged', []],
    ['commune_leader', 'rejected', []],
    ['council_member', 'received', []],
  ] as const)('%s on a %s report: %j', (role, state, expected) => {
    expect(availableStaffActions(state, rightsOf(role), { hasAnswer: true })).toEqual(expected);
  });

  it('offers to edit the public version only once there is an answer', () => {
    expect(availableStaffActions('closed', rightsOf('specialist'), { hasAnswer: false })).toEqual([]);
    expect(availableStaffActions('closed', rightsOf('specialist'), { hasAnswer: true })).toEqual([
      'edit_public',
    ]);
  });

  it('closes a split report only when no child is open', () => {
    const leader = rightsOf('commune_leader');
    expect(availableStaffActions('split', leader, { childStates: ['closed', 'assigned'] })).toEqual([]);
    expect(availableStaffActions('split', leader, { childStates: ['closed', 'rejected'] })).toEqual([
      'close',
    ]);
  });
});

describe('the queue filters kept in the address', () => {
  it('reads the Vietnamese names into the API filters', () => {
    const p = new URLSearchParams(
      'trang-thai=assigned&linh-vuc=abc&kenh=phone&han=qua-han&cua-toi=1&q=%20den%20',
    );
    expect(filtersFromParams(p)).toEqual({
      state: 'assigned',
      categoryId: 'abc',
      channel: 'phone',
      due: 'overdue',
      assignee: 'me',
      q: 'den',
    });
  });

  it('ignores values it does not know (a hand-edited link)', () => {
    const p = new URLSearchParams('trang-thai=lost&kenh=fax&han=tomorrow&cua-toi=yes');
    expect(filtersFromParams(p)).toEqual({
      state: undefined,
      categoryId: undefined,
      channel: undefined,
      due: undefined,
      assignee: undefined,
      q: undefined,
    });
  });
});
