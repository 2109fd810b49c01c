import type { InvitedMember, InviteMemberInput, Member, UpdateMemberInput } from '../../../contracts';
import type { Actor } from '../domain/actor';
import { changedFields } from '../domain/audit';
import { canAssignRole } from '../domain/policy';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors';
import type { Clock } from '../repositories/clock.repository';
import type { CryptoRepository } from '../repositories/crypto.repository';
import type { IdentityRepository } from '../repositories/identity.repository';
import type { Transact } from '../repositories/transaction.repository';
import { authorize } from './authorize';
import { presentMember } from './presenters';

export const inviteTtlMs = 7 * 24 * 60 * 60 * 1000;

export class MemberService {
  constructor(
    private readonly deps: {
      identity: IdentityRepository;
      transact: Transact;
      crypto: CryptoRepository;
      clock: Clock;
      publicUrl: string;
    },
  ) {}

  async list(actor: Actor): Promise<Member[]> {
    authorize(actor, 'member.read');
    return (await this.deps.identity.listMembers(actor.workspaceId)).map(presentMember);
  }

  /** Adds a member in `invited` state and returns the one-time link with which they set a password. */
  async invite(actor: Actor, input: InviteMemberInput): Promise<InvitedMember> {
    authorize(actor, 'member.invite');
    if (!canAssignRole(actor.role, 'viewer', input.role)) {
      throw new ForbiddenError(`Only an owner can invite an ${input.role}.`);
    }
    const { crypto, clock } = this.deps;
    const secret = crypto.randomToken('fbi_');
    const member = await this.deps.transact(async (uow) => {
      if (await uow.identity.findMemberByEmail(actor.workspaceId, input.email)) {
        throw new ConflictError(`${input.email} is already a member of this workspace.`);
      }
      const user =
        (await uow.identity.findUserByEmail(input.email)) ??
        (await uow.identity.insertUser({ email: input.email, passwordHash: null }));
      const created = await uow.identity.insertMember({
        workspaceId: actor.workspaceId,
        userId: user.id,
        name: input.name,
        department: input.department,
        role: input.role,
        status: user.passwordHash ? 'active' : 'invited',
      });
      await uow.identity.insertOneTimeToken({
        id: crypto.sha256(secret),
        kind: 'invite',
        memberId: created.id,
        workspaceId: actor.workspaceId,
        expiresAt: new Date(clock.now().getTime() + inviteTtlMs),
      });
      const dto = presentMember(created);
      await uow.audit.append(actor, {
        action: 'member.invited',
        targetType: 'member',
        targetId: created.id,
        summary: { email: dto.email, department: dto.department, role: dto.role },
      });
      await uow.events.append(actor.workspaceId, 'member.invited', dto);
      return dto;
    });
    return { member, inviteUrl: `${this.deps.publicUrl}/accept-invite?token=${encodeURIComponent(secret)}` };
  }

  async update(actor: Actor, memberId: string, patch: UpdateMemberInput): Promise<Member> {
    authorize(actor, 'member.update');
    return this.deps.transact(async (uow) => {
      const before = await uow.identity.findMember(actor.workspaceId, memberId);
      if (!before) throw new NotFoundError('Member');
      if (patch.role && !canAssignRole(actor.role, before.role, patch.role)) {
        throw new ForbiddenError('Only an owner can grant or take away the owner or admin role.');
      }
      if (before.role === 'owner' && !canAssignRole(actor.role, 'owner', 'owner')) {
        throw new ForbiddenError('Only an owner can change another owner.');
      }
      const losesOwnership =
        before.role === 'owner' && ((patch.role && patch.role !== 'owner') || patch.status === 'disabled');
      if (losesOwnership && (await uow.identity.countActiveOwners(actor.workspaceId)) <= 1) {
        throw new ConflictError(
          'A workspace needs at least one active owner. Make someone else owner first.',
        );
      }
      const after = (await uow.identity.updateMember(actor.workspaceId, memberId, patch))!;
      if (patch.status === 'disabled') await uow.identity.deleteSessionsOfMember(memberId);
      const dto = presentMember(after);
      await uow.audit.append(actor, {
        action: 'member.updated',
        targetType: 'member',
        targetId: memberId,
        summary: { email: dto.email, changes: changedFields(presentMember(before), patch) },
      });
      await uow.events.append(actor.workspaceId, 'member.updated', dto);
      return dto;
    });
  }
}
