import {
  type CrisisType,
  crisisTypes,
  type Playbook,
  type PlaybookContent,
  type PlaybookVersion,
  SavePlaybookInput,
} from '../../../contracts';
import type { Actor } from '../domain/actor';
import { defaultPlaybooks } from '../domain/crisis/default-playbooks';
import { describePlaybookChanges } from '../domain/crisis/playbook-changes';
import { playbookProblems } from '../domain/crisis/tasks';
import { InvalidError, NotFoundError } from '../errors';
import type { CrisisTransact, CrisisUnitOfWork } from '../repositories/crisis.repository';
import type {
  PlaybookRepository,
  PlaybookRow,
  PlaybookVersionRow,
} from '../repositories/playbook.repository';
import { authorize } from './authorize';

/** One version as the API shows it, with what it changed from `previous` (null for the first version). */
export function presentPlaybookVersion(
  row: PlaybookVersionRow,
  previous: PlaybookVersionRow | null | undefined,
): PlaybookVersion {
  return {
    id: row.id,
    playbookId: row.playbookId,
    version: row.version,
    content: row.content,
    reason: row.reason,
    changedBy: row.changedBy,
    createdAt: row.createdAt.toISOString(),
    changes: describePlaybookChanges(previous?.content ?? null, row.content),
  };
}

/** Versioned playbooks per crisis type; the defaults are seeded per workspace on first use. */
export class PlaybookService {
  constructor(private readonly deps: { playbooks: PlaybookRepository; transact: CrisisTransact }) {}

  async list(actor: Actor): Promise<Playbook[]> {
    authorize(actor, 'playbook.read');
    await this.seedDefaults(actor.workspaceId);
    const rows = await this.deps.playbooks.list(actor.workspaceId);
    return Promise.all(rows.map((row) => this.present(row)));
  }

  async get(actor: Actor, type: CrisisType): Promise<Playbook & { versions: PlaybookVersion[] }> {
    authorize(actor, 'playbook.read');
    await this.seedDefaults(actor.workspaceId);
    const row = await this.deps.playbooks.findByType(actor.workspaceId, type);
    if (!row) throw new NotFoundError('Playbook');
    const versions = await this.deps.playbooks.versions(row.id);
    // Newest first: each version's predecessor is the next row.
    return {
      ...(await this.present(row)),
      versions: versions.map((v, i) => presentPlaybookVersion(v, versions[i + 1] ?? null)),
    };
  }

  /** Saves a new immutable version; earlier versions (and crises declared with them) stay as they were. */
  async save(actor: Actor, type: CrisisType, raw: SavePlaybookInput): Promise<Playbook> {
    authorize(actor, 'playbook.manage');
    const input = SavePlaybookInput.parse(raw);
    const problems = playbookProblems(input.content);
    if (problems.length > 0) throw new InvalidError(problems.join('; '), { problems });
    await this.seedDefaults(actor.workspaceId);
    return this.deps.transact(async (uow) => {
      // Locked, so two editors saving at once get versions N+1 and N+2 rather than a clash.
      const row = await uow.playbooks.findByType(actor.workspaceId, type, { forUpdate: true });
      if (!row) throw new NotFoundError('Playbook');
      const previous = await uow.playbooks.version(row.id, row.currentVersion);
      if (previous && describePlaybookChanges(previous.content, input.content).length === 0) {
        throw new InvalidError('This version changes nothing in the playbook; edit it before saving.');
      }
      const version = row.currentVersion + 1;
      const name = input.name ?? row.name;
      const saved = await uow.playbooks.insertVersion({
        playbookId: row.id,
        version,
        content: input.content,
        reason: input.reason,
        changedBy: actor.label,
        changedById: actor.kind === 'member' ? actor.id : null,
      });
      await uow.playbooks.setCurrentVersion(actor.workspaceId, row.id, version, name);
      const current = presentPlaybookVersion(saved, previous);
      await uow.audit.append(actor, {
        action: 'playbook.version_saved',
        targetType: 'playbook',
        targetId: row.id,
        summary: {
          crisisType: type,
          version,
          reason: input.reason,
          changes: current.changes,
        },
      });
      const playbook: Playbook = {
        id: row.id,
        crisisType: type,
        name,
        current,
      };
      await uow.events.append(actor.workspaceId, 'playbook.updated', playbook);
      return playbook;
    });
  }

  /** The current version for a crisis type, seeding the defaults if needed (inside the caller's transaction). */
  async currentFor(
    uow: CrisisUnitOfWork,
    workspaceId: string,
    type: CrisisType,
  ): Promise<PlaybookVersionRow> {
    let row = await uow.playbooks.findByType(workspaceId, type);
    if (!row) {
      await this.seedIn(uow, workspaceId);
      row = await uow.playbooks.findByType(workspaceId, type);
    }
    return (await uow.playbooks.version(row!.id, row!.currentVersion))!;
  }

  /** The playbook version a crisis was declared with (it keeps it when the playbook changes later). */
  async usedBy(
    workspaceId: string,
    crisis: { type: string; playbookVersionId: string | null },
  ): Promise<{ name: string; version: number; content: PlaybookContent } | null> {
    if (!crisis.playbookVersionId) return null;
    const version = await this.deps.playbooks.versionById(crisis.playbookVersionId);
    const playbook = await this.deps.playbooks.findByType(workspaceId, crisis.type);
    if (!version || !playbook || version.playbookId !== playbook.id) return null;
    return { name: playbook.name, version: version.version, content: version.content };
  }

  async seedDefaults(workspaceId: string): Promise<void> {
    const existing = await this.deps.playbooks.list(workspaceId);
    if (existing.length >= crisisTypes.length) return;
    await this.deps.transact((uow) => this.seedIn(uow, workspaceId));
  }

  private async seedIn(uow: CrisisUnitOfWork, workspaceId: string): Promise<void> {
    for (const type of crisisTypes) {
      const preset = defaultPlaybooks[type];
      const row = await uow.playbooks.insertIfMissing({
        workspaceId,
        crisisType: type,
        name: preset.name,
        currentVersion: 1,
      });
      if (!row) continue;
      await uow.playbooks.insertVersion({
        playbookId: row.id,
        version: 1,
        content: preset.content,
        reason: 'Firebreak default playbook',
        changedBy: 'firebreak',
        changedById: null,
      });
    }
  }

  private async present(row: PlaybookRow): Promise<Playbook> {
    const current = await this.deps.playbooks.version(row.id, row.currentVersion);
    const previous =
      row.currentVersion > 1 ? await this.deps.playbooks.version(row.id, row.currentVersion - 1) : null;
    return {
      id: row.id,
      crisisType: row.crisisType as CrisisType,
      name: row.name,
      current: presentPlaybookVersion(current!, previous),
    };
  }
}
