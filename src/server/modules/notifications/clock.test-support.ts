/**
 * A sender's clock a moment after the messages were queued: the database stamps them to the microsecond, a JS date
 * counts milliseconds, so a `new Date()` taken in the same millisecond can fall before them (CI runs hit it twice).
 */
export const dueNow = () => new Date(Date.now() + 1_000);
