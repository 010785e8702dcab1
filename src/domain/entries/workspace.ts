/** Body schemas of the workspace entry types: workspace, organisations, users. */
import { z } from 'zod';
import { ORG_KINDS, ROLES } from '../visibility.js';

export const ORG_ID = /^[A-Z0-9_-]{2,32}$/;
export const USER_ID = /^[a-z0-9][a-z0-9._-]{1,63}$/;

/** Hours allowed for each lifecycle step, counted from the step that starts it. */
export const deadlinesSchema = z.object({
  triage: z.number().positive(),
  acknowledge: z.number().positive(),
  respond: z.number().positive(),
  investigate: z.number().positive(),
  comment: z.number().positive(),
  sign: z.number().positive(),
  remedy: z.number().positive(),
});
export type Deadlines = z.infer<typeof deadlinesSchema>;

export const workspaceBodies = {
  'workspace.created': z.strictObject({
    name: z.string().min(1).max(200),
    origin: z.string().min(1).max(200),
    deadlines_hours: deadlinesSchema,
  }),
  'workspace.configured': z.strictObject({ deadlines_hours: deadlinesSchema }),
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
