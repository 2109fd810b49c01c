import type { ApiToken, CreateApiTokenInput, CreatedApiToken } from '../../../contracts';
import type { Actor } from '../domain/actor';
import { canAssignRole } from '../domain/policy';
import { ForbiddenError, NotFoundError } from '../errors';
import type { Clock } from '../repositories/clock.repository';
import type { CryptoRepository } from '../repositories/crypto.repository';
import type { IdentityRepository } from '../repositories/identity.repository';
import type { Transact } from '../repositories/transaction.repository';
import { authorize } from './authorize';
import { presentApiToken } from './presenters';

/** Machine credentials: stored as SHA-256 hashes, the secret shown once at creation. */
export class ApiTokenService {
  constructor(
    private readonly deps: {
      identity: IdentityRepository;
      transact: Transact;
      crypto: CryptoRepository;
      clock: Clock;
    },
  ) {}

  async list(actor: Actor): Promise<ApiToken[]> {
    authorize(actor, 'api_token.read');
    return (await this.deps.identity.listApiTokens(actor.workspaceId)).map(presentApiToken);
  }

  async create(actor: Actor, input: CreateApiTokenInput): Promise<CreatedApiToken> {
    authorize(actor, 'api_token.manage');
    if (!canAssignRole(actor.role, 'viewer', input.role)) {
      throw new ForbiddenError(`Only an owner can create an ${input.role} token.`);
    }
    const secret = this.deps.crypto.randomToken('fbt_');
    const token = await this.deps.transact(async (uow) => {
      const row = await uow.identity.insertApiToken({
        workspaceId: actor.workspaceId,
        name: input.name,
        tokenHash: this.deps.crypto.sha256(secret),
        role: input.role,
        department: input.department,
        createdBy: actor.kind === 'member' ? actor.id : null,
      });
      await uow.audit.append(actor, {
        action: 'api_token.created',
        targetType: 'api_token',
        targetId: row.id,
        summary: { name: row.name, role: row.role, department: row.department },
      });
      return presentApiToken(row);
    });
    return { token, secret };
  }

  async revoke(actor: Actor, id: string): Promise<void> {
    authorize(actor, 'api_token.manage');
    await this.deps.transact(async (uow) => {
      const row = await uow.identity.revokeApiToken(actor.workspaceId, id, this.deps.clock.now());
      if (!row) throw new NotFoundError('API token');
      await uow.audit.append(actor, {
        action: 'api_token.revoked',
        targetType: 'api_token',
        targetId: id,
        summary: { name: row.name },
      });
    });
  }
}
