/**
 * The dossier this browser received last at a commune's counter, so the queue console can link the ticket it is
 * serving to it (POST /queue-tickets/{id}/finish with dossierId). Kept in localStorage: the console and the intake
 * form are often open in two tabs of the same counter's browser.
 */
export interface LastIntake {
  id: string;
  code: string;
  /** When it was received (ISO), to offer it only for the ticket called before it. */
  receivedAt: string;
}

const key = (communeCode: string) => `xaso.lastIntake.${communeCode}`;

export function rememberIntake(communeCode: string, intake: LastIntake): void {
  try {
    window.localStorage.setItem(key(communeCode), JSON.stringify(intake));
  } catch {
    // storage refused (private mode): the console just offers no link
  }
}

export function lastIntake(communeCode: string): LastIntake | null {
  try {
    const raw = window.localStorage.getItem(key(communeCode));
    const value = raw ? (JSON.parse(raw) as Partial<LastIntake>) : null;
    return value?.id && value.code && value.receivedAt
      ? { id: value.id, code: value.code, receivedAt: value.receivedAt }
      : null;
  } catch {
    return null;
  }
}
