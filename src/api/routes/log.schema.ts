import { z } from 'zod';

export const logStatusReply = z.object({
  size: z.number().int().describe('entries committed'),
  checkpoint_size: z.number().int().describe('tree size of the latest signed checkpoint'),
  checkpoint_age_seconds: z.number().nullable().describe('seconds since that checkpoint was signed'),
  pending: z.number().int().describe('committed entries not yet covered by a checkpoint'),
});

/** The rest of a tile path; parsed strictly by parseTilePath, so anything else is a 404, not a 400. */
export const tileParams = z.object({ '*': z.string() });
