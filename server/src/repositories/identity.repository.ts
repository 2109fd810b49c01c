import { and, asc, count, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import type { Department, WorkspaceRole } from '../../../contracts';
import type { Db } from '../db/database';
import { apiTokens, loginAttempts, members, oneTimeTokens, sessions, users, workspaces } from '../db/schema';

export type WorkspaceRow = typeof workspaces.$inferSelect;
export type UserRow = typeof users.$inferSelect;
export type ApiTokenRow = typeof apiTokens.$inferSelect;

export interface MemberRecord {
  id: string;
  workspaceId: string;
  userId: string;
  email: string;
  name: string;
  department: Department;
  role: WorkspaceRole;
  status: 'invited' | 'active' | 'disabled';
  createdAt: Date;
}

export interface SessionRecord {
  id: string;
  csrfToken: string;
  expiresAt: Date;
  member: MemberRecord;
  workspace: WorkspaceRow;
}

const memberColumns = {
  id: members.id,
  workspaceId: members.workspaceId,
  userId: members.userId,
  email: users.email,
  name: members.name,
  department: members.department,
  role: members.role,
  status: members.status,
  createdAt: members.createdAt,
};

function asMember(row: Record<keyof typeof memberColumns, unknown>): MemberRecord {
  return row as unknown as MemberRecord;
}

/** Workspaces, users, members, sessions, one-time links, API tokens and sign-in attempts. */
export class IdentityRepository {
  constructor(private readonly db: Db) {}

  async countWorkspaces(): Promise<number> {
    const [row] = await this.db.select({ n: count() }).from(workspaces);
    return row?.n ?? 0;
  }

  async findWorkspace(id: string): Promise<WorkspaceRow | undefined> {
    const [row] = await this.db.select().from(workspaces).where(eq(workspaces.id, id));
    return row;
  }

  async findWorkspaceBySlug(slug: string): Promise<WorkspaceRow | undefined> {
    const [row] = await this.db.select().from(workspaces).where(eq(workspaces.slug, slug));
    return row;
  }

  async listWorkspaces(): Promise<WorkspaceRow[]> {
    return this.db.select().from(workspaces).orderBy(asc(workspaces.createdAt));
  }

  async slugExists(slug: string): Promise<boolean> {
    return (await this.findWorkspaceBySlug(slug)) !== undefined;
  }

  async insertWorkspace(values: { name: string; slug: string }): Promise<WorkspaceRow> {
    const [row] = await this.db.insert(workspaces).values(values).returning();
    return row!;
  }

  async findUserByEmail(email: string): Promise<UserRow | undefined> {
    const [row] = await this.db.select().from(users).where(eq(users.email, email));
    return row;
  }

  async insertUser(values: { email: string; passwordHash: string | null }): Promise<UserRow> {
    const [row] = await this.db.insert(users).values(values).returning();
    return row!;
  }

  async setPassword(userId: string, passwordHash: string): Promise<void> {
    await this.db.update(users).set({ passwordHash }).where(eq(users.id, userId));
  }

  async insertMember(values: {
    workspaceId: string;
    userId: string;
    name: string;
    department: Department;
    role: WorkspaceRole;
    status: MemberRecord['status'];
  }): Promise<MemberRecord> {
    const [row] = await this.db.insert(members).values(values).returning({ id: members.id });
    return (await this.findMember(values.workspaceId, row!.id))!;
  }

  async findMember(workspaceId: string, memberId: string): Promise<MemberRecord | undefined> {
    const [row] = await this.db
      .select(memberColumns)
      .from(members)
      .innerJoin(users, eq(users.id, members.userId))
      .where(and(eq(members.workspaceId, workspaceId), eq(members.id, memberId)));
    return row && asMember(row);
  }

  async findMemberByEmail(workspaceId: string, email: string): Promise<MemberRecord | undefined> {
    const [row] = await this.db
      .select(memberColumns)
      .from(members)
      .innerJoin(users, eq(users.id, members.userId))
      .where(and(eq(members.workspaceId, workspaceId), eq(users.email, email)));
    return row && asMember(row);
  }

  /** The active memberships of a login identity, oldest first (sign-in opens the first). */
  async activeMembershipsOf(userId: string): Promise<MemberRecord[]> {
    const rows = await this.db
      .select(memberColumns)
      .from(members)
      .innerJoin(users, eq(users.id, members.userId))
      .where(and(eq(members.userId, userId), eq(members.status, 'active')))
      .orderBy(asc(members.createdAt));
    return rows.map(asMember);
  }

  async listMembers(workspaceId: string): Promise<MemberRecord[]> {
    const rows = await this.db
      .select(memberColumns)
      .from(members)
      .innerJoin(users, eq(users.id, members.userId))
      .where(eq(members.workspaceId, workspaceId))
      .orderBy(asc(members.createdAt));
    return rows.map(asMember);
  }

  async updateMember(
    workspaceId: string,
    memberId: string,
    patch: { [K in 'name' | 'department' | 'role' | 'status']?: MemberRecord[K] | undefined },
  ): Promise<MemberRecord | undefined> {
    const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    const updated = await this.db
      .update(members)
      .set({ ...defined, updatedAt: new Date() })
      .where(and(eq(members.workspaceId, workspaceId), eq(members.id, memberId)))
      .returning({ id: members.id });
    return updated.length ? this.findMember(workspaceId, memberId) : undefined;
  }

  async countActiveOwners(workspaceId: string): Promise<number> {
    const [row] = await this.db
      .select({ n: count() })
      .from(members)
      .where(
        and(eq(members.workspaceId, workspaceId), eq(members.role, 'owner'), eq(members.status, 'active')),
      );
    return row?.n ?? 0;
  }

  async insertSession(values: typeof sessions.$inferInsert): Promise<void> {
    await this.db.insert(sessions).values(values);
  }

  async findSession(id: string, now: Date): Promise<SessionRecord | undefined> {
    const [row] = await this.db
      .select({ session: sessions, member: memberColumns, workspace: workspaces })
      .from(sessions)
      .innerJoin(members, eq(members.id, sessions.memberId))
      .innerJoin(users, eq(users.id, members.userId))
      .innerJoin(workspaces, eq(workspaces.id, sessions.workspaceId))
      .where(and(eq(sessions.id, id), gt(sessions.expiresAt, now)));
    if (!row) return undefined;
    return {
      id: row.session.id,
      csrfToken: row.session.csrfToken,
      expiresAt: row.session.expiresAt,
      member: asMember(row.member),
      workspace: row.workspace,
    };
  }

  async deleteSession(id: string): Promise<void> {
    await this.db.delete(sessions).where(eq(sessions.id, id));
  }

  async deleteSessionsOfMember(memberId: string): Promise<void> {
    await this.db.delete(sessions).where(eq(sessions.memberId, memberId));
  }

  async deleteExpiredSessions(now: Date): Promise<number> {
    const rows = await this.db
      .delete(sessions)
      .where(lt(sessions.expiresAt, now))
      .returning({ id: sessions.id });
    return rows.length;
  }

  async insertOneTimeToken(values: typeof oneTimeTokens.$inferInsert): Promise<void> {
    await this.db.insert(oneTimeTokens).values(values);
  }

  /** Marks a one-time token used and returns it, or nothing when it is unknown, used or expired. */
  async consumeOneTimeToken(id: string, kind: string, now: Date) {
    const [row] = await this.db
      .update(oneTimeTokens)
      .set({ usedAt: now })
      .where(
        and(
          eq(oneTimeTokens.id, id),
          eq(oneTimeTokens.kind, kind),
          isNull(oneTimeTokens.usedAt),
          gt(oneTimeTokens.expiresAt, now),
        ),
      )
      .returning();
    return row;
  }

  async insertApiToken(values: typeof apiTokens.$inferInsert): Promise<ApiTokenRow> {
    const [row] = await this.db.insert(apiTokens).values(values).returning();
    return row!;
  }

  async listApiTokens(workspaceId: string): Promise<ApiTokenRow[]> {
    return this.db
      .select()
      .from(apiTokens)
      .where(eq(apiTokens.workspaceId, workspaceId))
      .orderBy(asc(apiTokens.createdAt));
  }

  async findActiveApiTokenByHash(tokenHash: string): Promise<ApiTokenRow | undefined> {
    const [row] = await this.db
      .select()
      .from(apiTokens)
      .where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt)));
    return row;
  }

  async touchApiToken(id: string, now: Date): Promise<void> {
    await this.db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, id));
  }

  async revokeApiToken(workspaceId: string, id: string, now: Date): Promise<ApiTokenRow | undefined> {
    const [row] = await this.db
      .update(apiTokens)
      .set({ revokedAt: sql`coalesce(${apiTokens.revokedAt}, ${now.toISOString()}::timestamptz)` })
      .where(and(eq(apiTokens.workspaceId, workspaceId), eq(apiTokens.id, id)))
      .returning();
    return row;
  }

  async recordLoginAttempt(values: { email: string; ip: string; succeeded: boolean }): Promise<void> {
    await this.db.insert(loginAttempts).values(values);
  }

  async countLoginFailures(
    email: string,
    ip: string,
    since: Date,
  ): Promise<{ byEmail: number; byIp: number }> {
    const [row] = await this.db
      .select({
        byEmail: sql<number>`count(*) filter (where ${loginAttempts.email} = ${email})`.mapWith(Number),
        byIp: sql<number>`count(*) filter (where ${loginAttempts.ip} = ${ip})`.mapWith(Number),
      })
      .from(loginAttempts)
      .where(and(eq(loginAttempts.succeeded, false), gt(loginAttempts.createdAt, since)));
    return { byEmail: row?.byEmail ?? 0, byIp: row?.byIp ?? 0 };
  }

  async clearLoginFailures(email: string): Promise<void> {
    await this.db.delete(loginAttempts).where(eq(loginAttempts.email, email));
  }
}
