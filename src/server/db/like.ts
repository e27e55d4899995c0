/** LIKE patterns from user text: `%`, `_` and `\` match themselves (PostgreSQL's default escape is `\`). */
export const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);
