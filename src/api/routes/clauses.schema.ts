/** Request and response schemas of the clause register routes. */
import { z } from 'zod';
import { clauseBodies } from '../../domain/entries/clause.js';
import { CLAUSE_REF } from '../../domain/entries/common.js';

export const clauseParams = z.object({ id: z.string().regex(CLAUSE_REF, 'not a clause id') });

export const clauseVersionBody = clauseBodies['clause.versioned'].omit({ id: true, version: true });
export const dDayBody = clauseBodies['agreement.d_day_set'];

const version = z.object({
  version: z.number().int(),
  title: z.string(),
  text: z.string(),
  reason: z.string().nullable(),
  agreed_on: z.string().nullable(),
  recorded_at: z.string().nullable(),
  recorded_by: z.string().nullable(),
  entry_index: z.number().int().nullable(),
  /** 'workspace': the text the workspace was configured with; 'recorded': a clause.versioned entry. */
  source: z.enum(['workspace', 'recorded']),
});

export const clauseDetail = z.object({ id: z.string(), title: z.string(), text: z.string(), version: z.number().int(), versions: z.array(version) });
export const clauseRegister = z.object({ d_day: z.string().nullable(), items: z.array(clauseDetail) });
const entry = z.object({ index: z.number().int(), type: z.string() });
export const recordedClause = z.object({ clause: clauseDetail, entry });
export const recordedDDay = z.object({ d_day: z.string(), entry });
