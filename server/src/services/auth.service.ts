import type { AcceptInviteInput, SessionInfo, SignInInput } from '../../../contracts';
import type { Actor } from '../domain/actor';
import { loginRetryAfter, loginWindowSeconds } from '../domain/login-throttle';
import { allowedActions } from '../domain/policy';
import { AppError, RateLimitedError, UnauthenticatedError } from '../errors';
import type { Clock } from '../repositories/clock.repository';
import type { CryptoRepository } from '../repositories/crypto.repository';
import type { IdentityRepository, MemberRecord, WorkspaceRow } from '../repositories/identity.repository';
import type { Transact } from '../repositories/transaction.repository';
import { presentMember, presentWorkspace } from './presenters';

export const sessionTtlMs = 12 * 60 * 60 * 1000;

export interface RequestMeta {
  requestId: string | null;
  ip: string | null;
  userAgent?: string | null;
}

export interface OpenedSession {
  /** The cookie value: shown to the browser only, stored hashed. */
  secret: string;
  expiresAt: Date;
  info: SessionInfo;
}

export interface ResolvedSession {
  actor: Actor;
  csrfToken: string;
  info: SessionInfo;
}

function memberActor(member: MemberRecord, meta: RequestMeta): Actor {
  return {
    kind: 'member',
    id: member.id,
    label: member.email,
    workspaceId: member.workspaceId,
    role: member.role,
    department: member.department,
    requestId: meta.requestId,
    ip: meta.ip,
  };
}

/** Sign-in with email and password, sessions, invites accepted, and API-token authentication. */
export class AuthService {
  constructor(
    private readonly deps: {
      identity: IdentityRepository;
      transact: Transact;
      crypto: CryptoRepository;
      clock: Clock;
      loginMaxAttempts: number;
    },
  ) {}

  async signIn(input: SignInInput, meta: RequestMeta): Promise<OpenedSession> {
    const { identity, crypto, clock } = this.deps;
    const ip = meta.ip ?? 'unknown';
    const now = clock.now();
    const failures = await identity.countLoginFailures(
      input.email,
      ip,
      new Date(now.getTime() - loginWindowSeconds * 1000),
    );
    const retryAfter = loginRetryAfter(failures, this.deps.loginMaxAttempts);
    if (retryAfter > 0) throw new RateLimitedError(retryAfter);

    const user = await identity.findUserByEmail(input.email);
    const passwordOk = await crypto.verifyPassword(input.password, user?.passwordHash ?? null);
    const membership = user && passwordOk ? (await identity.activeMembershipsOf(user.id))[0] : undefined;
    if (!membership) {
      await identity.recordLoginAttempt({ email: input.email, ip, succeeded: false });
      throw new AppError('invalid_credentials', 'The email or password is wrong.', 401);
    }
    await identity.clearLoginFailures(input.email);
    return this.openSession(membership, meta, 'session.created');
  }

  async acceptInvite(input: AcceptInviteInput, meta: RequestMeta): Promise<OpenedSession> {
    const { crypto, clock } = this.deps;
    const passwordHash = await crypto.hashPassword(input.password);
    const member = await this.deps.transact(async (uow) => {
      const token = await uow.identity.consumeOneTimeToken(crypto.sha256(input.token), 'invite', clock.now());
      if (!token) {
        throw new AppError(
          'invalid_token',
          'This invite link is invalid, used or expired. Ask an admin for a new one.',
          400,
        );
      }
      const invited = await uow.identity.findMember(token.workspaceId, token.memberId);
      if (!invited || invited.status === 'disabled') {
        throw new AppError('invalid_token', 'This invite was withdrawn. Ask an admin for a new one.', 400);
      }
      await uow.identity.setPassword(invited.userId, passwordHash);
      const active = (await uow.identity.updateMember(token.workspaceId, invited.id, { status: 'active' }))!;
      await uow.audit.append(memberActor(active, meta), {
        action: 'member.joined',
        targetType: 'member',
        targetId: active.id,
        summary: { email: active.email },
      });
      await uow.events.append(active.workspaceId, 'member.updated', presentMember(active));
      return active;
    });
    return this.openSession(member, meta, 'session.created');
  }

  async resolveSession(secret: string, meta: RequestMeta): Promise<ResolvedSession> {
    const { identity, crypto, clock } = this.deps;
    const session = await identity.findSession(crypto.sha256(secret), clock.now());
    if (!session || session.member.status !== 'active') {
      throw new UnauthenticatedError('Your session has ended. Sign in again.');
    }
    return {
      actor: memberActor(session.member, meta),
      csrfToken: session.csrfToken,
      info: this.sessionInfo(session.member, session.workspace, session.csrfToken),
    };
  }

  async signOut(secret: string, actor: Actor): Promise<void> {
    const id = this.deps.crypto.sha256(secret);
    await this.deps.transact(async (uow) => {
      await uow.identity.deleteSession(id);
      await uow.audit.append(actor, {
        action: 'session.ended',
        targetType: 'member',
        targetId: actor.id,
        summary: {},
      });
    });
  }

  async authenticateApiToken(secret: string, meta: RequestMeta): Promise<Actor> {
    const { identity, crypto, clock } = this.deps;
    const token = await identity.findActiveApiTokenByHash(crypto.sha256(secret));
    if (!token) throw new UnauthenticatedError('This API token is unknown or revoked.');
    const now = clock.now();
    // Record use at most once a minute, to keep writes off the hot path.
    if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() > 60_000) {
      await identity.touchApiToken(token.id, now);
    }
    return {
      kind: 'api_token',
      id: token.id,
      label: `token:${token.name}`,
      workspaceId: token.workspaceId,
      role: token.role as Actor['role'],
      department: token.department as Actor['department'],
      requestId: meta.requestId,
      ip: meta.ip,
    };
  }

  private async openSession(member: MemberRecord, meta: RequestMeta, action: string): Promise<OpenedSession> {
    const { crypto, clock } = this.deps;
    const secret = crypto.randomToken('fbs_');
    const csrfToken = crypto.randomToken('', 24);
    const expiresAt = new Date(clock.now().getTime() + sessionTtlMs);
    const workspace = await this.deps.transact(async (uow) => {
      await uow.identity.insertSession({
        id: crypto.sha256(secret),
        memberId: member.id,
        workspaceId: member.workspaceId,
        csrfToken,
        ip: meta.ip,
        userAgent: meta.userAgent?.slice(0, 300) ?? null,
        expiresAt,
      });
      await uow.identity.recordLoginAttempt({
        email: member.email,
        ip: meta.ip ?? 'unknown',
        succeeded: true,
      });
      await uow.audit.append(memberActor(member, meta), {
        action,
        targetType: 'member',
        targetId: member.id,
        summary: {},
      });
      return (await uow.identity.findWorkspace(member.workspaceId))!;
    });
    return { secret, expiresAt, info: this.sessionInfo(member, workspace, csrfToken) };
  }

  private sessionInfo(member: MemberRecord, workspace: WorkspaceRow, csrfToken: string): SessionInfo {
    return {
      member: presentMember(member),
      workspace: presentWorkspace(workspace),
      csrfToken,
      permissions: allowedActions(member),
    };
  }
}
