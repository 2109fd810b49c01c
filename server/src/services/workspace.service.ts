import type { Department, WorkspaceRole } from '../../../contracts';
import { Email, Password } from '../../../contracts';
import { systemActor } from '../domain/actor';
import { slugify } from '../domain/text';
import { ConflictError, InvalidError, NotFoundError } from '../errors';
import type { CryptoRepository } from '../repositories/crypto.repository';
import type { IdentityRepository, MemberRecord, WorkspaceRow } from '../repositories/identity.repository';
import type { Transact } from '../repositories/transaction.repository';
import { presentMember } from './presenters';

export interface CreatedWorkspace {
  workspace: WorkspaceRow;
  owner: MemberRecord;
  /** The password to print once; null when the caller supplied one. */
  generatedPassword: string | null;
}

export interface CreatedUser {
  member: MemberRecord;
  generatedPassword: string | null;
}

/** Creating workspaces and their members from the command line and on first run. */
export class WorkspaceService {
  constructor(
    private readonly deps: { identity: IdentityRepository; transact: Transact; crypto: CryptoRepository },
  ) {}

  /** On an empty database: a workspace and its owner with a generated password, printed once by the caller. */
  async bootstrapIfEmpty(ownerEmail: string): Promise<CreatedWorkspace | null> {
    if ((await this.deps.identity.countWorkspaces()) > 0) return null;
    return this.createWorkspace({ name: 'My workspace', ownerEmail, ownerName: 'Workspace owner' });
  }

  async createWorkspace(input: {
    name: string;
    ownerEmail: string;
    ownerName?: string;
    ownerPassword?: string;
  }): Promise<CreatedWorkspace> {
    const name = input.name.trim();
    if (!name) throw new InvalidError('name: a workspace needs a name');
    const email = this.email(input.ownerEmail);
    const generatedPassword = input.ownerPassword === undefined ? this.deps.crypto.randomPassword() : null;
    const password = this.password(input.ownerPassword ?? generatedPassword!);
    const passwordHash = await this.deps.crypto.hashPassword(password);
    return this.deps.transact(async (uow) => {
      let slug = slugify(name);
      for (let n = 2; await uow.identity.slugExists(slug); n++) slug = `${slugify(name)}-${n}`;
      const workspace = await uow.identity.insertWorkspace({ name, slug });
      const existing = await uow.identity.findUserByEmail(email);
      if (existing?.passwordHash && input.ownerPassword === undefined) {
        throw new ConflictError(
          `${email} already signs in elsewhere; pass --password to confirm, or use another email.`,
        );
      }
      const user = existing ?? (await uow.identity.insertUser({ email, passwordHash }));
      if (existing && !existing.passwordHash) await uow.identity.setPassword(existing.id, passwordHash);
      const owner = await uow.identity.insertMember({
        workspaceId: workspace.id,
        userId: user.id,
        name: input.ownerName?.trim() || email.split('@')[0]!,
        department: 'executive',
        role: 'owner',
        status: 'active',
      });
      const actor = systemActor(workspace.id);
      await uow.audit.append(actor, {
        action: 'workspace.created',
        targetType: 'workspace',
        targetId: workspace.id,
        summary: { name, slug, ownerEmail: email },
      });
      await uow.events.append(workspace.id, 'member.invited', presentMember(owner));
      return { workspace, owner, generatedPassword };
    });
  }

  async createUser(input: {
    workspace: string;
    email: string;
    name: string;
    department: Department;
    role: WorkspaceRole;
    password?: string;
  }): Promise<CreatedUser> {
    const email = this.email(input.email);
    const generatedPassword = input.password === undefined ? this.deps.crypto.randomPassword() : null;
    const passwordHash = await this.deps.crypto.hashPassword(
      this.password(input.password ?? generatedPassword!),
    );
    return this.deps.transact(async (uow) => {
      const workspace = await this.findWorkspace(uow.identity, input.workspace);
      if (await uow.identity.findMemberByEmail(workspace.id, email)) {
        throw new ConflictError(`${email} is already a member of workspace "${workspace.slug}".`);
      }
      const existing = await uow.identity.findUserByEmail(email);
      const user = existing ?? (await uow.identity.insertUser({ email, passwordHash }));
      if (existing) await uow.identity.setPassword(existing.id, passwordHash);
      const member = await uow.identity.insertMember({
        workspaceId: workspace.id,
        userId: user.id,
        name: input.name.trim() || email.split('@')[0]!,
        department: input.department,
        role: input.role,
        status: 'active',
      });
      await uow.audit.append(systemActor(workspace.id), {
        action: 'member.created',
        targetType: 'member',
        targetId: member.id,
        summary: { email, department: member.department, role: member.role },
      });
      await uow.events.append(workspace.id, 'member.invited', presentMember(member));
      return { member, generatedPassword };
    });
  }

  /** A workspace by slug or id; with a single workspace, `undefined` picks it. */
  async resolveWorkspace(slugOrId: string | undefined): Promise<WorkspaceRow> {
    if (slugOrId !== undefined) return this.findWorkspace(this.deps.identity, slugOrId);
    const all = await this.deps.identity.listWorkspaces();
    if (all.length === 1) return all[0]!;
    if (all.length === 0) {
      throw new InvalidError('No workspace exists yet: run `firebreak workspace create` first.');
    }
    throw new InvalidError(
      `There are ${all.length} workspaces; name one with --workspace (${all.map((w) => w.slug).join(', ')}).`,
    );
  }

  private async findWorkspace(identity: IdentityRepository, slugOrId: string): Promise<WorkspaceRow> {
    const bySlug = await identity.findWorkspaceBySlug(slugOrId);
    const found =
      bySlug ?? (/^[0-9a-f-]{36}$/i.test(slugOrId) ? await identity.findWorkspace(slugOrId) : undefined);
    if (!found) throw new NotFoundError(`Workspace "${slugOrId}"`);
    return found;
  }

  private email(value: string): string {
    const parsed = Email.safeParse(value);
    if (!parsed.success) throw new InvalidError(`email: "${value}" is not an email address`);
    return parsed.data;
  }

  private password(value: string): string {
    const parsed = Password.safeParse(value);
    if (!parsed.success) throw new InvalidError(`password: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    return parsed.data;
  }
}
