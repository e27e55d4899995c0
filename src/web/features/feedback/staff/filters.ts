/** The queue's filters as the address keeps them (Vietnamese names, so a link reads well) and as the API names them. */
import {
  FEEDBACK_CHANNELS,
  FEEDBACK_STATES,
  type FeedbackChannel,
  type FeedbackState,
} from '../../../../common/api/feedback';
import type { FeedbackFilters } from '../staff-api';

export const PARAM = {
  state: 'trang-thai',
  category: 'linh-vuc',
  channel: 'kenh',
  due: 'han',
  mine: 'cua-toi',
  q: 'q',
} as const;

const DUE: Record<string, FeedbackFilters['due']> = { 'sap-den-han': 'soon', 'qua-han': 'overdue' };
export const DUE_PARAM: Record<NonNullable<FeedbackFilters['due']>, string> = {
  soon: 'sap-den-han',
  overdue: 'qua-han',
};

const isState = (s: string | null): s is FeedbackState =>
  s !== null && (FEEDBACK_STATES as readonly string[]).includes(s);
const isChannel = (s: string | null): s is FeedbackChannel =>
  s !== null && (FEEDBACK_CHANNELS as readonly string[]).includes(s);

export function filtersFromParams(params: URLSearchParams): FeedbackFilters {
  const state = params.get(PARAM.state);
  const channel = params.get(PARAM.channel);
  return {
    state: isState(state) ? state : undefined,
    categoryId: params.get(PARAM.category) || undefined,
    channel: isChannel(channel) ? channel : undefined,
    due: DUE[params.get(PARAM.due) ?? ''],
    assignee: params.get(PARAM.mine) === '1' ? 'me' : undefined,
    q: params.get(PARAM.q)?.trim() || undefined,
  };
}
