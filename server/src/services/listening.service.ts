// "Start a demo": a demo brand fed by a simulator source, in one call, the same ones on every call.
import type { DemoResult } from '../../../contracts';
import type { Actor } from '../domain/actor';
import { ConflictError } from '../errors';
import type { BrandRepository } from '../repositories/brand.repository';
import type { Clock } from '../repositories/clock.repository';
import type { SourceRepository } from '../repositories/source.repository';
import { authorize } from './authorize';
import type { BrandService } from './brand.service';
import type { SourceService } from './source.service';

export const demoBrandName = 'Northwind Air (demo)';
/**
 * Hours of simulated history a demo starts with. Detectors need a day of history by default before they score at
 * full strength; run with `FIREBREAK_DETECTION_WARMUP_HOURS=1` to see the demo's crisis open a signal.
 */
export const demoHistoryHours = 2;

export class ListeningService {
  constructor(
    private readonly deps: {
      brands: BrandService;
      sources: SourceService;
      brandRows: BrandRepository;
      sourceRows: SourceRepository;
      clock: Clock;
    },
  ) {}

  private async findDemo(workspaceId: string): Promise<DemoResult | undefined> {
    const source = (await this.deps.sourceRows.list(workspaceId)).find(
      (s) => s.kind === 'simulator' && s.settings.demo === true,
    );
    return source
      ? { brandId: String(source.settings.brandId), sourceId: source.id, created: false }
      : undefined;
  }

  /**
   * Creates (once per workspace) the demo brand and a simulator source for it: two hours of history at once, then
   * live traffic with a dormant-then-viral crisis starting half an hour after the demo starts.
   */
  async startDemo(actor: Actor): Promise<DemoResult> {
    authorize(actor, 'source.manage');
    const existing = await this.findDemo(actor.workspaceId);
    if (existing) return existing;
    let brand = (await this.deps.brandRows.list(actor.workspaceId, true)).find(
      (b) => b.name === demoBrandName,
    );
    if (brand?.archivedAt) await this.deps.brands.restore(actor, brand.id);
    const brandId =
      brand?.id ??
      (await this.deps.brands
        .create(actor, {
          name: demoBrandName,
          keywords: ['Northwind Air', 'Northwind'],
          handles: { x: ['@northwindair'], bluesky: ['northwindair.bsky.social'] },
        })
        .then((b) => b.id)
        .catch(async (error: unknown) => {
          // A concurrent call created it first.
          if (!(error instanceof ConflictError)) throw error;
          brand = (await this.deps.brandRows.list(actor.workspaceId, true)).find(
            (b) => b.name === demoBrandName,
          );
          if (!brand) throw error;
          return brand.id;
        }));
    const again = await this.findDemo(actor.workspaceId);
    if (again) return again;
    const start = new Date(this.deps.clock.now().getTime() - demoHistoryHours * 3_600_000);
    const source = await this.deps.sources.create(actor, {
      kind: 'simulator',
      name: 'Demo: simulated social traffic',
      settings: {
        brandId,
        demo: true,
        ratePerMinute: 12,
        crisis: 'dormant_then_viral',
        crisisStartMinutes: demoHistoryHours * 60 + 30,
        seed: 42,
        speed: 1,
        startAt: start.toISOString(),
      },
    });
    return { brandId, sourceId: source.id, created: true };
  }
}
