/** Every area's message set (./strings.ts), for strings.test.ts: one line per area. */
import type { Strings } from './strings.js';

export const AREAS: Record<string, Strings<string>> = {
};
