/**
 * The "open a negotiation text" form's fields turned into the body of
 * POST /api/texts (src/api/routes/texts.schema.ts createTextBody), pure; and
 * the enumerations the text forms offer. Unit-tested in open-text-model.test.ts.
 */
import type { NewTextBody } from '../../agreements/text-actions-api.js';
import { LIMITS, ORG_ID } from './limits.js';

export const VISIBILITIES = ['parties', 'public'] as const;
export const MANDATES = ['in_mandate', 'out_of_mandate'] as const;

export interface OpenTextFields {
  title: string;
  description: string;
  visibility: string;
  /** 'all': every registered party organisation (the server's default); 'some': the ones listed. */
  partiesMode: string;
  parties: string;
}

export type OpenTextProblem =
  | { code: 'titleMissing' }
  | { code: 'partiesMissing' }
  | { code: 'partyId'; id: string }
  | { code: 'tooManyParties'; max: number };

/** Organisation ids separated by commas or spaces, in capitals, each once. */
export function parseParties(s: string): string[] {
  return [...new Set(s.split(/[\s,;،]+/).map((p) => p.trim().toUpperCase()).filter(Boolean))];
}

export function openTextBody(f: OpenTextFields): { body: NewTextBody } | { problem: OpenTextProblem } {
  const title = f.title.trim();
  if (!title) return { problem: { code: 'titleMissing' } };
  const description = f.description.trim();
  const visibility = (VISIBILITIES as readonly string[]).includes(f.visibility) ? (f.visibility as NewTextBody['visibility']) : undefined;
  let parties: string[] | undefined;
  if (f.partiesMode === 'some') {
    parties = parseParties(f.parties);
    if (parties.length === 0) return { problem: { code: 'partiesMissing' } };
    const bad = parties.find((p) => !ORG_ID.test(p));
    if (bad !== undefined) return { problem: { code: 'partyId', id: bad } };
    if (parties.length > LIMITS.parties) return { problem: { code: 'tooManyParties', max: LIMITS.parties } };
  }
  return {
    body: {
      title,
      ...(description ? { description } : {}),
      ...(visibility ? { visibility } : {}),
      ...(parties ? { parties } : {}),
    },
  };
}
