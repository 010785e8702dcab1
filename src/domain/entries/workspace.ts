/** Body schemas of the workspace entry types: workspace, organisations, users. */
import { z } from 'zod';
import { ORG_KINDS, ROLES } from '../visibility.js';

import { CLAUSE_REF, ORG_ID, USER_ID } from './common.js';

export { ORG_ID, USER_ID };

/**
 * Hours allowed for each lifecycle step (DOMAIN.md "Lifecycle"), counted
 * from the event that starts it: see STEP_CLOCK in src/domain/incident.ts.
 */
export const deadlinesSchema = z.strictObject({
  triage: z.number().positive(),
  notify: z.number().positive(),
  acknowledge: z.number().positive(),
  respond: z.number().positive(),
  investigate: z.number().positive(),
  comment: z.number().positive(),
  sign: z.number().positive(),
  remedy: z.number().positive(),
});
export type Deadlines = z.infer<typeof deadlinesSchema>;

/** An agreement clause that incidents and findings cite (versioned texts come with negotiation texts). */
export const clauseSchema = z.strictObject({
  id: z.string().regex(CLAUSE_REF),
  title: z.string().min(1).max(200),
  text: z.string().min(1).max(4000),
});
/** A border crossing point, for incidents and (later) crossing status. */
export const crossingSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]{2,40}$/),
  name: z.string().min(1).max(200),
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
  sides: z.array(z.string().min(1).max(200)).length(2),
});
export type Clause = z.infer<typeof clauseSchema>;
export type Crossing = z.infer<typeof crossingSchema>;

export const workspaceBodies = {
  'workspace.created': z.strictObject({
    name: z.string().min(1).max(200),
    origin: z.string().min(1).max(200),
    deadlines_hours: deadlinesSchema,
  }),
  /** Replaces whichever of the three lists/settings it carries. */
  'workspace.configured': z.strictObject({
    deadlines_hours: deadlinesSchema.optional(),
    clauses: z.array(clauseSchema).max(500).optional(),
    crossings: z.array(crossingSchema).max(200).optional(),
  }),
  'org.registered': z.strictObject({
    id: z.string().regex(ORG_ID),
    kind: z.enum(ORG_KINDS),
    name: z.string().min(1).max(200),
    vkey: z.string().min(1).max(400),
  }),
  'user.added': z.strictObject({
    id: z.string().regex(USER_ID),
    org: z.string().regex(ORG_ID),
    username: z.string().regex(USER_ID),
    display_name: z.string().min(1).max(200),
    roles: z.array(z.enum(ROLES)).min(1).max(ROLES.length),
  }),
  'user.updated': z.strictObject({
    id: z.string().regex(USER_ID),
    display_name: z.string().min(1).max(200).optional(),
    roles: z.array(z.enum(ROLES)).min(1).max(ROLES.length).optional(),
    active: z.boolean().optional(),
  }),
} as const;
