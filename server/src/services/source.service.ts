// Sources: connect, pause/resume, change and remove; credentials sealed at rest and never returned.
import type { Source, SourceKind, SourceStatus, UpdateSourceInput } from '../../../contracts';
import { CreateSourceInput, SimulatorSettings } from '../../../contracts';
import type { Actor } from '../domain/actor';
import { InvalidError, NotFoundError } from '../errors';
import type { BrandRepository } from '../repositories/brand.repository';
import type { Clock } from '../repositories/clock.repository';
import type { ListeningTransact } from '../repositories/mention.repository';
import type { SecretBox } from '../repositories/secret-box.repository';
import type { SourceRepository, SourceRow } from '../repositories/source.repository';
import { authorize } from './authorize';

export function presentSource(row: SourceRow): Source {
  return {
    id: row.id,
    kind: row.kind as SourceKind,
    name: row.name,
    status: row.status as SourceStatus,
    settings: row.settings,
    credentialKeys: row.credentialKeys,
    cursor: row.cursor,
    lastEventAt: row.lastEventAt ? row.lastEventAt.toISOString() : null,
    lagMs: row.lagMs,
    counters: {
      received: Number(row.received),
      accepted: Number(row.accepted),
      duplicates: Number(row.duplicates),
      skipped: Number(row.skipped),
    },
    recentErrors: row.recentErrors,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export class SourceService {
  constructor(
    private readonly deps: {
      sources: SourceRepository;
      brands: BrandRepository;
      transact: ListeningTransact;
      secrets: SecretBox;
      clock: Clock;
    },
  ) {}

  async list(actor: Actor): Promise<Source[]> {
    authorize(actor, 'source.read');
    return (await this.deps.sources.list(actor.workspaceId)).map(presentSource);
  }

  async get(actor: Actor, id: string): Promise<Source> {
    authorize(actor, 'source.read');
    const row = await this.deps.sources.find(actor.workspaceId, id);
    if (!row) throw new NotFoundError('Source');
    return presentSource(row);
  }

  async create(actor: Actor, raw: CreateSourceInput): Promise<Source> {
    authorize(actor, 'source.manage');
    const input = CreateSourceInput.parse(raw);
    const settings = await this.checkSettings(actor.workspaceId, input.kind, input.settings);
    const sealed = this.seal(input.credentials);
    return this.deps.transact(async (uow) => {
      const row = await uow.sources.insert({
        workspaceId: actor.workspaceId,
        kind: input.kind,
        name: input.name,
        status: 'active',
        settings,
        ...sealed,
      });
      const source = presentSource(row);
      await uow.audit.append(actor, {
        action: 'source.created',
        targetType: 'source',
        targetId: row.id,
        summary: { name: row.name, kind: row.kind, credentialKeys: row.credentialKeys },
      });
      await uow.events.append(actor.workspaceId, 'source.updated', source);
      return source;
    });
  }

  async update(actor: Actor, id: string, patch: UpdateSourceInput): Promise<Source> {
    authorize(actor, 'source.manage');
    const before = await this.deps.sources.find(actor.workspaceId, id);
    if (!before) throw new NotFoundError('Source');
    const settings =
      patch.settings !== undefined
        ? await this.checkSettings(actor.workspaceId, before.kind as SourceKind, patch.settings)
        : undefined;
    const sealed = patch.credentials !== undefined ? this.seal(patch.credentials) : undefined;
    return this.deps.transact(async (uow) => {
      const row = await uow.sources.update(actor.workspaceId, id, {
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.status !== undefined ? { status: patch.status } : {}),
        ...(settings !== undefined ? { settings } : {}),
        ...(sealed ?? {}),
      });
      if (!row) throw new NotFoundError('Source');
      const source = presentSource(row);
      const action =
        patch.status === 'paused'
          ? 'source.paused'
          : patch.status === 'active' && before.status === 'paused'
            ? 'source.resumed'
            : 'source.updated';
      await uow.audit.append(actor, {
        action,
        targetType: 'source',
        targetId: id,
        summary: {
          name: row.name,
          changed: Object.keys(patch),
          ...(patch.credentials ? { credentialKeys: row.credentialKeys } : {}),
        },
      });
      await uow.events.append(actor.workspaceId, 'source.updated', source);
      return source;
    });
  }

  async remove(actor: Actor, id: string): Promise<void> {
    authorize(actor, 'source.manage');
    await this.deps.transact(async (uow) => {
      const row = await uow.sources.delete(actor.workspaceId, id);
      if (!row) throw new NotFoundError('Source');
      await uow.audit.append(actor, {
        action: 'source.deleted',
        targetType: 'source',
        targetId: id,
        summary: { name: row.name, kind: row.kind },
      });
      await uow.events.append(actor.workspaceId, 'source.deleted', { id });
    });
  }

  /** The decrypted credentials of a source (for its connector only; never logged or returned). */
  credentialsOf(row: SourceRow): Record<string, string> {
    if (!row.credentialsCiphertext) return {};
    return JSON.parse(this.deps.secrets.open(row.credentialsCiphertext)) as Record<string, string>;
  }

  private seal(credentials: Record<string, string> | undefined) {
    if (credentials === undefined || Object.keys(credentials).length === 0) {
      return { credentialsCiphertext: null, credentialKeys: [] as string[] };
    }
    return {
      credentialsCiphertext: this.deps.secrets.seal(JSON.stringify(credentials)),
      credentialKeys: Object.keys(credentials).sort(),
    };
  }

  /** Kind-specific settings checks; the simulator's brand must be one of the workspace's. */
  private async checkSettings(
    workspaceId: string,
    kind: SourceKind,
    settings: Record<string, unknown>,
  ): Promise<Record<string, unknown>> {
    if (kind !== 'simulator') return settings;
    const parsed = SimulatorSettings.safeParse(settings);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new InvalidError(`settings.${issue.path.join('.')}: ${issue.message}`);
    }
    const brand = await this.deps.brands.find(workspaceId, parsed.data.brandId);
    if (!brand) throw new InvalidError('settings.brandId: no such brand in this workspace');
    return {
      ...parsed.data,
      keywords: parsed.data.keywords.length > 0 ? parsed.data.keywords : brand.keywords,
      brandName: parsed.data.brandName ?? brand.name,
      startAt: parsed.data.startAt ?? this.deps.clock.now().toISOString(),
    };
  }
}
