import { z } from 'zod';
import { ORG_KINDS, ROLES } from '../../domain/visibility.js';

export const viewerSchema = z.object({
  user_id: z.string(),
  username: z.string(),
  org: z.string(),
  org_kind: z.enum(ORG_KINDS),
  roles: z.array(z.enum(ROLES)),
});

export const signInBody = z.strictObject({ username: z.string().min(1).max(64), password: z.string().min(1).max(1024) });
export const signInReply = z.object({ user: viewerSchema, csrf_token: z.string(), expires_at: z.string() });
export const meReply = z.object({ user: viewerSchema.nullable() });
export const tokenBody = z.strictObject({ name: z.string().min(1).max(100) });
export const tokenReply = z.object({ id: z.string(), token: z.string() });
