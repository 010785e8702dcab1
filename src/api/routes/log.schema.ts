import { z } from 'zod';

export const witnessStatus = z.object({
  name: z.string().describe('the witness name in the witness policy'),
  size: z.number().int().nullable().describe('the tree size this witness last cosigned (null: not known yet)'),
  last_ok_at: z.string().nullable().describe('when it last returned a valid cosignature'),
  last_error: z.string().nullable().describe('why its last request failed (null: it succeeded)'),
});

export const logStatusReply = z.object({
  size: z.number().int().describe('entries committed'),
  checkpoint_size: z.number().int().describe('tree size of the latest signed checkpoint'),
  checkpoint_age_seconds: z.number().nullable().describe('seconds since that checkpoint was signed'),
  published_size: z.number().int().describe('tree size of the latest published checkpoint (cosigned by the witness quorum; without a policy, the signed one)'),
  published_age_seconds: z.number().nullable().describe('seconds since that checkpoint was published'),
  pending: z.number().int().describe('committed entries not yet covered by a published checkpoint'),
  witnesses: z.array(witnessStatus).describe('the witnesses of the policy (empty without one)'),
});

/** The rest of a tile path; parsed strictly by parseTilePath, so anything else is a 404, not a 400. */
export const tileParams = z.object({ '*': z.string() });
