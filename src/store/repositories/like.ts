/** LIKE patterns from what a user typed. SQL only lives in repositories; this is their shared piece. */

/** `%text%` with LIKE's own characters (`\`, `%`, `_`) escaped: the typed text is matched as it is, anywhere. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
