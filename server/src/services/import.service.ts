// File imports sent to a running server, one batch per request (`firebreak import --server`): with an embedded
// database the server owns the data directory, so a second process cannot open it; the CLI reads and validates the
// file and the server stores each batch through the same pipeline, answering only after the commit.
import type { ImportBatchInput, ImportBatchResult } from '../../../contracts';
import type { Actor } from '../domain/actor';
import { InvalidError } from '../errors';
import type { BrandRepository } from '../repositories/brand.repository';
import { authorize } from './authorize';
import type { IngestionService } from './ingestion.service';

export class ImportService {
  constructor(
    private readonly deps: {
      brands: Pick<BrandRepository, 'find'>;
      ingestion: Pick<IngestionService, 'ingest'>;
    },
  ) {}

  async importBatch(actor: Actor, input: ImportBatchInput): Promise<ImportBatchResult> {
    authorize(actor, 'source.manage');
    const brand = await this.deps.brands.find(actor.workspaceId, input.brandId);
    if (!brand || brand.archivedAt) {
      throw new InvalidError('brandId: no such brand in this workspace', {
        issues: [{ path: 'brandId', message: 'no such brand in this workspace' }],
      });
    }
    const r = await this.deps.ingestion.ingest(
      actor.workspaceId,
      { mentions: input.mentions, ...(input.raw ? { raw: input.raw } : {}), nextCursor: null, skipped: 0 },
      {
        brandIds: [brand.id],
        audit: { actor, action: 'mentions.imported', targetType: 'brand', targetId: brand.id },
      },
    );
    return { received: r.received, accepted: r.accepted, duplicates: r.duplicates, unmatched: r.unmatched };
  }
}
