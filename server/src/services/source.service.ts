// Sources: connect, pause/resume, change and remove; credentials sealed at rest and never returned.
import type { SavedSource, Source, SourceKind, SourceStatus, UpdateSourceInput } from '../../../contracts';
import { CreateSourceInput, SimulatorSettings } from '../../../contracts';
import { validateSourceCredentials, validateSourceSettings } from '../connectors/registry';
import type { Actor } from '../domain/actor';
import { InvalidError, NotFoundError } from '../errors';
import type { BrandRepository } from '../repositories/brand.repository';
import type { Clock } from '../repositories/clock.repository';
import type { CryptoRepository } from '../repositories/crypto.repository';
import type { ListeningTransact } from '../repositories/mention.repository';
import type { SecretBox } from '../repositories/secret-box.repository';
import type { SourceRepository, SourceRow } from '../repositories/source.repository';
import { authorize } from './authorize';

/** A refused setting or credential: the message and `issues` name the field (never its value). */
function fieldError(field: string, message: string): InvalidError {
  return new InvalidError(`${field}: ${message}`, { field, issues: [{ path: field, message }] });
}

const uuidShape = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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
      crypto: Pick<CryptoRepository, 'randomWebhookSecret'>;
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

  async create(actor: Actor, raw: CreateSourceInput): Promise<SavedSource> {
    authorize(actor, 'source.manage');
    const input = CreateSourceInput.parse(raw);
    const { credentials, generated } = this.withGeneratedSecret(input.kind, input.credentials ?? {});
    // Bad settings or credentials are refused here (400 naming the field), not later by the runner.
    validateSourceSettings(input.kind, input.settings);
    validateSourceCredentials(input.kind, credentials);
    const settings = await this.checkSettings(actor.workspaceId, input.kind, input.settings);
    const sealed = this.seal(credentials);
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
      return generated ? { ...source, signingSecret: generated } : source;
    });
  }

  async update(actor: Actor, id: string, patch: UpdateSourceInput): Promise<SavedSource> {
    authorize(actor, 'source.manage');
    const before = await this.deps.sources.find(actor.workspaceId, id);
    if (!before) throw new NotFoundError('Source');
    const kind = before.kind as SourceKind;
    const { credentials, generated } =
      patch.credentials !== undefined
        ? this.withGeneratedSecret(kind, patch.credentials)
        : { credentials: undefined, generated: undefined };
    if (patch.settings !== undefined) validateSourceSettings(kind, patch.settings);
    if (credentials !== undefined) validateSourceCredentials(kind, credentials);
    const settings =
      patch.settings !== undefined
        ? await this.checkSettings(actor.workspaceId, kind, patch.settings)
        : undefined;
    const sealed = credentials !== undefined ? this.seal(credentials) : undefined;
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
      return generated ? { ...source, signingSecret: generated } : source;
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

  /**
   * An inbound webhook's signing secret is generated here when none is given (creation, or a change of
   * credentials that leaves it out: a rotation), so it always has the entropy Standard Webhooks asks for.
   */
  private withGeneratedSecret(
    kind: SourceKind,
    credentials: Record<string, string>,
  ): { credentials: Record<string, string>; generated: string | undefined } {
    if (kind !== 'inbound_webhook' || credentials.signingSecret) return { credentials, generated: undefined };
    const generated = this.deps.crypto.randomWebhookSecret();
    return { credentials: { ...credentials, signingSecret: generated }, generated };
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
    if (kind !== 'simulator') {
      // A push source may attribute every delivery to one brand: it must be one of this workspace's.
      if (settings.brandId !== undefined && settings.brandId !== null) {
        const brand =
          typeof settings.brandId === 'string' && uuidShape.test(settings.brandId)
            ? await this.deps.brands.find(workspaceId, settings.brandId)
            : undefined;
        if (!brand) throw fieldError('settings.brandId', 'no such brand in this workspace');
      }
      return settings;
    }
    const parsed = SimulatorSettings.safeParse(settings);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw fieldError(`settings.${issue.path.join('.')}`, issue.message);
    }
    const brand = await this.deps.brands.find(workspaceId, parsed.data.brandId);
    if (!brand) throw fieldError('settings.brandId', 'no such brand in this workspace');
    return {
      ...parsed.data,
      keywords: parsed.data.keywords.length > 0 ? parsed.data.keywords : brand.keywords,
      brandName: parsed.data.brandName ?? brand.name,
      startAt: parsed.data.startAt ?? this.deps.clock.now().toISOString(),
    };
  }
}
