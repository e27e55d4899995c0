import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { ApiError } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SESSION_KEY } from '../auth/session';
import { Refusal } from './Refusal';

/** A refusal by the server's access check (not a missing password change or a stale CSRF token). */
export function isRefusal(error: unknown): boolean {
  return (
    error instanceof ApiError &&
    (error.status === 404 || (error.status === 403 && error.code === 'forbidden'))
  );
}

interface PageErrorProps {
  error: unknown;
  onRetry?: () => void;
  /** The commune the page is about, named in the refusal. */
  communeCode?: string;
}

/**
 * The error of a page's main request: a refusal page for 403/404, back to the login when the session has
 * ended, the server's message otherwise.
 */
export function PageError({ error, onRetry, communeCode }: PageErrorProps) {
  const client = useQueryClient();
  const signedOut =
    error instanceof ApiError && (error.status === 401 || error.code === 'password_change_required');
  useEffect(() => {
    // The session ended or must change its password: asking /me again lets the shell lead the way.
    if (signedOut) void client.invalidateQueries({ queryKey: SESSION_KEY });
  }, [signedOut, client]);
  if (isRefusal(error)) return <Refusal communeCode={communeCode} />;
  return <ErrorAlert error={error} onRetry={onRetry} />;
}
