/** Small shared helpers of the citizen's feedback pages: state and action labels, the server's field errors. */
import { useTranslation } from 'react-i18next';
import type { FeedbackActionKind, FeedbackState } from '../../../../common/api/feedback';
import { ApiError } from '../../../api/client';

export function useStateLabel() {
  const { t } = useTranslation();
  return (state: FeedbackState | string) => t(`feedbackPublic.state.${state}`, { defaultValue: state });
}

export function useActionLabel() {
  const { t } = useTranslation();
  return (action: FeedbackActionKind | string) =>
    t(`feedbackPublic.action.${action}`, { defaultValue: action });
}

/** Mantine colour of a state's badge. */
export function stateColour(state: string): string {
  switch (state) {
    case 'answered':
      return 'green';
    case 'closed':
      return 'gray';
    case 'rejected':
    case 'merged':
      return 'gray';
    case 'reopened':
      return 'orange';
    case 'escalated':
      return 'red';
    default:
      return 'blue';
  }
}

/** The server's message for one input; the submission's JSON part may be named `data`, `body` or nothing. */
export function feedbackFieldError(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  return error.errors.find((e) => [field, `body.${field}`, `data.${field}`].includes(e.field))?.message;
}

/** The fields the submission form shows its errors on (the rest are listed under the form). */
export const SUBMIT_FIELDS = [
  'communeCode',
  'categoryId',
  'title',
  'content',
  'placeText',
  'latitude',
  'longitude',
  'reporterName',
  'reporterPhone',
  'reporterEmail',
  'files',
] as const;

export function isShownField(field: string): boolean {
  const bare = field.replace(/^(body|data)\./, '').replace(/\.\d+$/, '');
  return (SUBMIT_FIELDS as readonly string[]).includes(bare);
}

/** An instant shown as its day in Vietnam (UTC+7): '2025-06-19T20:00:00Z' → '20/06/2025'. */
export function formatDay(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const v = new Date(ms + 7 * 3600_000).toISOString();
  return `${v.slice(8, 10)}/${v.slice(5, 7)}/${v.slice(0, 4)}`;
}
