import { z } from 'zod';
import { ORG_KINDS } from '../../domain/visibility.js';

export const organisationList = z.object({
  items: z.array(z.object({
    id: z.string(),
    kind: z.enum(ORG_KINDS),
    name: z.string(),
    /** The organisation's Ed25519 verifier key (C2SP signed-note vkey) that its ledger entries are signed with. */
    vkey: z.string(),
    /** The ledger entry that registered it. */
    entry_index: z.number().int(),
  })),
});
