import { z } from 'zod';

export const departments = ['marketing', 'pr', 'customer_service', 'legal', 'executive'] as const;
export const Department = z.enum(departments);
export type Department = z.infer<typeof Department>;

/** Workspace roles, most powerful first. */
export const workspaceRoles = ['owner', 'admin', 'member', 'viewer'] as const;
export const WorkspaceRole = z.enum(workspaceRoles);
export type WorkspaceRole = z.infer<typeof WorkspaceRole>;

export const Email = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: 'must be an email address' }));

export const Password = z.string().min(12, 'must be at least 12 characters').max(200);

export const Workspace = z.object({ id: z.uuid(), name: z.string(), slug: z.string() });
export type Workspace = z.infer<typeof Workspace>;

export const memberStatuses = ['invited', 'active', 'disabled'] as const;

export const Member = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  department: Department,
  role: WorkspaceRole,
  status: z.enum(memberStatuses),
  createdAt: z.iso.datetime(),
});
export type Member = z.infer<typeof Member>;

export const InviteMemberInput = z.object({
  email: Email,
  name: z.string().trim().min(1).max(120),
  department: Department,
  role: WorkspaceRole.exclude(['owner']),
});
export type InviteMemberInput = z.infer<typeof InviteMemberInput>;

export const InvitedMember = z.object({
  member: Member,
  /** One-time link the invitee opens to set a password; shown once, never stored in clear. */
  inviteUrl: z.string(),
});
export type InvitedMember = z.infer<typeof InvitedMember>;

export const UpdateMemberInput = z
  .object({
    name: z.string().trim().min(1).max(120),
    department: Department,
    role: WorkspaceRole,
    status: z.enum(['active', 'disabled']),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'nothing to change');
export type UpdateMemberInput = z.infer<typeof UpdateMemberInput>;

export const SignInInput = z.object({ email: Email, password: z.string().min(1).max(200) });
export type SignInInput = z.infer<typeof SignInInput>;

export const AcceptInviteInput = z.object({
  token: z.string().min(10).max(200),
  password: Password,
});
export type AcceptInviteInput = z.infer<typeof AcceptInviteInput>;

export const SessionInfo = z.object({
  member: Member,
  workspace: Workspace,
  /** Send back as the `x-csrf-token` header on every mutating request made with the session cookie. */
  csrfToken: z.string(),
  permissions: z.array(z.string()),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

export const ApiToken = z.object({
  id: z.uuid(),
  name: z.string(),
  role: WorkspaceRole,
  department: Department,
  createdAt: z.iso.datetime(),
  lastUsedAt: z.iso.datetime().nullable(),
  revokedAt: z.iso.datetime().nullable(),
});
export type ApiToken = z.infer<typeof ApiToken>;

export const CreateApiTokenInput = z.object({
  name: z.string().trim().min(1).max(120),
  role: WorkspaceRole.exclude(['owner']),
  department: Department,
});
export type CreateApiTokenInput = z.infer<typeof CreateApiTokenInput>;

export const CreatedApiToken = z.object({
  token: ApiToken,
  /** The secret, shown once. Send it as `Authorization: Bearer <secret>`. */
  secret: z.string(),
});
export type CreatedApiToken = z.infer<typeof CreatedApiToken>;
