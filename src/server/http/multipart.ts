/**
 * Errors of reading a multipart/form-data body (@fastify/multipart over busboy), as the client's fault: a
 * truncated or malformed form is a 400, never a 500. Each upload route maps its own limits (too large, too many
 * files) first and hands the rest here.
 */
import { AppError, text } from './errors';

const codeOf = (e: unknown) => (e as { code?: unknown } | null)?.code;

/** busboy's own messages for a body that is not a well-formed form (it gives them no code). */
const MALFORMED =
  /unexpected end of (form|multipart data)|malformed (part )?header|boundary not found|multipart: /i;

export function multipartErrorCode(e: unknown): string | undefined {
  const code = codeOf(e);
  return typeof code === 'string' ? code : undefined;
}

/** The 400 for a form that could not be read, or null when the error is not about the form. */
export function malformedUpload(e: unknown): AppError | null {
  const code = multipartErrorCode(e);
  const message = e instanceof Error ? e.message : '';
  if (code?.startsWith('FST_') || MALFORMED.test(message))
    return new AppError('bad_request', text('Biểu mẫu gửi tệp không hợp lệ.', 'Malformed upload form.'));
  return null;
}
