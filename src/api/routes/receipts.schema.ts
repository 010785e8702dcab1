/** Schemas of the receipt routes. */
import { z } from 'zod';
import { MAX_WAIT_SECONDS } from '../../services/receipts.js';

/** An entry index: ASCII decimal without leading zeroes, below 2^53 (anything else is a 400, never rounded). */
export const entryParams = z.object({
  index: z.string().regex(/^(0|[1-9][0-9]{0,15})$/, 'not an entry index').transform(Number)
    .pipe(z.number().int().min(0).max(Number.MAX_SAFE_INTEGER)),
});

/** `?wait=SECONDS`: how long to wait for a published checkpoint covering the entry. */
export const waitQuery = z.strictObject({
  wait: z.string().regex(/^[0-9]{1,3}$/, 'whole seconds').transform(Number).pipe(z.number().max(MAX_WAIT_SECONDS)).optional(),
});
