import { z } from 'zod';

export const AuditEntry = z.object({
  id: z.string(),
  actor: z.object({
    kind: z.enum(['member', 'api_token', 'system']),
    id: z.string().nullable(),
    label: z.string(),
  }),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  summary: z.record(z.string(), z.unknown()),
  requestId: z.string().nullable(),
  ip: z.string().nullable(),
  createdAt: z.iso.datetime(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditQuery = z.object({
  action: z.string().max(100).optional(),
  targetType: z.string().max(100).optional(),
  actorId: z.string().max(100).optional(),
  since: z.iso.datetime().optional(),
  until: z.iso.datetime().optional(),
  /** Opaque cursor: the `nextCursor` of the previous page. */
  cursor: z.string().max(40).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditPage = z.object({ entries: z.array(AuditEntry), nextCursor: z.string().nullable() });
export type AuditPage = z.infer<typeof AuditPage>;
