// Resolves a push source (Meta or generic inbound webhook) from the id in its public callback URL:
// its workspace, decrypted credentials (for signature checks only) and a sink bound to it that resolves
// after commit. Paused, unknown and non-webhook sources resolve to undefined (the route answers 404).
import type { SourceKind } from '../../../contracts';
import type { MentionSink } from '../connectors/connector';
import type { SourceRepository, SourceRow } from '../repositories/source.repository';
import type { IngestionService } from './ingestion.service';
import type { SourceService } from './source.service';

export interface ResolvedWebhookSource {
  workspaceId: string;
  kind: SourceKind;
  credentials: Record<string, string>;
  sink: MentionSink;
}

const webhookKinds = new Set<string>(['meta_webhook', 'inbound_webhook']);
const uuidShape = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class WebhookSourceService {
  constructor(
    private readonly deps: {
      sources: Pick<SourceRepository, 'findById'>;
      sourceService: Pick<SourceService, 'credentialsOf'>;
      ingestion: Pick<IngestionService, 'sinkFor'>;
    },
  ) {}

  async resolve(sourceId: string): Promise<ResolvedWebhookSource | undefined> {
    if (!uuidShape.test(sourceId)) return undefined;
    // The callback URL carries no workspace: the source id (a random UUID, the primary key) finds it.
    const row: SourceRow | undefined = await this.deps.sources.findById(sourceId);
    if (!row || !webhookKinds.has(row.kind) || row.status === 'paused') return undefined;
    const brandId = typeof row.settings.brandId === 'string' ? row.settings.brandId : null;
    return {
      workspaceId: row.workspaceId,
      kind: row.kind as SourceKind,
      credentials: this.deps.sourceService.credentialsOf(row),
      sink: this.deps.ingestion.sinkFor(row.workspaceId, {
        sourceId: row.id,
        ...(brandId ? { brandIds: [brandId] } : {}),
      }),
    };
  }
}
