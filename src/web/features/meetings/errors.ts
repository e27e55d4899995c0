import { ApiError } from '../../api/client';

/** The server's message for one field of a refused form (problem `errors[]`), for the field's own error line. */
export function fieldErrorOf(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  return error.errors.find((e) => e.field === field || e.field.endsWith(`.${field}`))?.message;
}
