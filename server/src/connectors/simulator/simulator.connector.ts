// The simulator source: a PullConnector that emits `simulateMinute` batches paced by the wall clock (times `speed`),
// resuming after the last minute it emitted (the cursor), so a restart neither skips nor repeats a minute.
import type { Platform } from '../../../../contracts';
import { SimulatorSettings } from '../../../../contracts';
import type { Cursor, IngestBatch, PullConnector } from '../connector';
import { type SimulatorPlan, simulateMinute } from './simulator.generator';

export interface SimulatorOptions {
  /** Wall clock (ms); tests and benchmarks may pass their own. */
  now?: () => number;
  /** Stop after this simulated minute (exclusive); default: never. */
  endMinute?: number;
  /** When behind schedule, at most this many mentions per batch. */
  maxBatch?: number;
  /** Never catch up more than this many minutes behind the schedule (a restart after a long pause). */
  maxCatchUpMinutes?: number;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

export class SimulatorConnector implements PullConnector {
  readonly kind = 'simulator';
  readonly platform: Platform = 'other';
  readonly plan: SimulatorPlan;
  private readonly speed: number;
  private readonly now: () => number;

  constructor(
    settings: Record<string, unknown>,
    private readonly options: SimulatorOptions = {},
  ) {
    const s = SimulatorSettings.parse(settings);
    this.now = options.now ?? Date.now;
    this.speed = s.speed;
    this.plan = {
      keywords: s.keywords.length > 0 ? s.keywords : [s.brandName ?? 'brand'],
      ratePerMinute: s.ratePerMinute,
      crisis: s.crisis,
      crisisStartMinutes: s.crisisStartMinutes,
      seed: s.seed,
      startMs: s.startAt ? Date.parse(s.startAt) : this.now(),
    };
  }

  /** Wall-clock time at which simulated minute `m` is complete. */
  private dueAt(minute: number): number {
    return this.plan.startMs + ((minute + 1) * 60_000) / this.speed;
  }

  async *pull(cursor: Cursor | null, signal: AbortSignal): AsyncIterable<IngestBatch> {
    let minute = cursor !== null && /^\d+$/.test(cursor) ? Number(cursor) + 1 : 0;
    const maxBatch = this.options.maxBatch ?? 2_000;
    const maxCatchUp = this.options.maxCatchUpMinutes ?? 24 * 60;
    while (!signal.aborted) {
      if (this.options.endMinute !== undefined && minute >= this.options.endMinute) return;
      const wait = this.dueAt(minute) - this.now();
      if (wait > 0) {
        await sleep(Math.min(wait, 60_000), signal);
        continue;
      }
      const behind = Math.floor((this.now() - this.plan.startMs) / (60_000 / this.speed)) - minute;
      if (behind > maxCatchUp) minute += behind - maxCatchUp;
      const mentions: IngestBatch['mentions'] = [];
      const raw: unknown[] = [];
      let last = minute;
      // Behind schedule: gather several minutes into one batch.
      do {
        const m = simulateMinute(this.plan, minute);
        mentions.push(...m.mentions);
        raw.push(...m.raw);
        last = minute++;
      } while (
        mentions.length < maxBatch &&
        this.dueAt(minute) <= this.now() &&
        (this.options.endMinute === undefined || minute < this.options.endMinute)
      );
      yield { mentions, raw, nextCursor: String(last), skipped: 0 };
    }
  }
}
