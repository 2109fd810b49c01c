// Detection benchmark: (a) throughput of the streaming detector, 10,000 series × one new bucket;
// (b) quality on simulated per-minute mention counts: detection delay per crisis shape and false alarms
// (episode fires) per series per day on normal traffic.
// (c) with --db pglite and/or --db postgres: the whole detection run (DetectionService.runWorkspace) on the database
// over 10,000 brand × platform series, one new minute per run, then the first run after a restart.
// Run: node --import tsx bench/detect.bench.ts [--skip-quality] [--db pglite] [--db postgres] [--minutes 70]
//   (--db postgres needs DATABASE_URL or --postgres-url; it creates and drops a scratch database)
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { platforms } from '../contracts';
import { loadConfig } from '../server/src/config';
import { createContainer } from '../server/src/container';
import { type Database, openPglite, openPostgres } from '../server/src/db/database';
import { runMigrations } from '../server/src/db/migrate';
import { scratchPostgres } from './bench-server';
import { createDetectorState, updateDetector } from '../server/src/domain/detection/seasonal-detector';
import type { DetectorState } from '../server/src/domain/detection/seasonal-detector';
import { createEpisodeState, stepEpisode } from '../server/src/domain/detection/episode';
import {
  CRISIS_SHAPES,
  MINUTE_MS,
  SIMULATION_START_MS,
  seededRandom,
  simulateCounts,
} from './detect-simulation';
import type { CrisisShape } from './detect-simulation';

const BASE_RATES = [1, 10, 100];
const SEEDS_PER_CASE = 10;
const NORMAL_DAYS = 21;
const WARMUP_DAYS = 1;
const CRISIS_DAY = 14;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? NaN)
    : ((sorted[middle - 1] ?? NaN) + (sorted[middle] ?? NaN)) / 2;
}

function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

// (a) Throughput.
function throughput(): { minMs: number; medianMs: number; p90Ms: number; jsonMs: number } {
  const distinct = 100;
  const warmMinutes = 2 * 1440;
  const warmed: DetectorState[] = [];
  for (let s = 0; s < distinct; s += 1) {
    const counts = simulateCounts(
      { baseRate: BASE_RATES[s % BASE_RATES.length] ?? 10, days: 3, seed: 1000 + s },
      null,
    );
    const state = createDetectorState();
    for (let m = 0; m < warmMinutes; m += 1) {
      updateDetector(state, SIMULATION_START_MS + m * MINUTE_MS, counts[m] ?? 0);
    }
    warmed.push(state);
  }
  const states = Array.from({ length: 10_000 }, (_, i) =>
    structuredClone(warmed[i % distinct] as DetectorState),
  );
  const random = seededRandom(5);
  const nextValues = states.map(() => Math.floor(random() * 30));
  const timings: number[] = [];
  let sink = 0;
  for (let repeat = 0; repeat < 30; repeat += 1) {
    const t = SIMULATION_START_MS + (warmMinutes + repeat) * MINUTE_MS;
    const start = performance.now();
    for (let i = 0; i < states.length; i += 1) {
      sink += updateDetector(states[i] as DetectorState, t, nextValues[i] ?? 0).score;
    }
    timings.push(performance.now() - start);
  }
  const jsonStart = performance.now();
  const restored = states.map((s) => JSON.parse(JSON.stringify(s)) as DetectorState);
  const jsonMs = performance.now() - jsonStart;
  if (sink < 0 || restored.length !== states.length) throw new Error('unreachable');
  const measured = timings.slice(5);
  return { minMs: Math.min(...measured), medianMs: median(measured), p90Ms: quantile(measured, 0.9), jsonMs };
}

interface RunResult {
  fires: number[];
  minutes: number;
}

function runSeries(counts: readonly number[]): RunResult {
  const detector = createDetectorState();
  const episode = createEpisodeState();
  const fires: number[] = [];
  for (let m = 0; m < counts.length; m += 1) {
    const { score } = updateDetector(detector, SIMULATION_START_MS + m * MINUTE_MS, counts[m] ?? 0);
    if (stepEpisode(episode, score).fired) fires.push(m);
  }
  return { fires, minutes: counts.length };
}

function falseAlarms(growth: number): { rate: number; perDay: number; worstSeries: number }[] {
  return BASE_RATES.map((rate) => {
    const perSeries: number[] = [];
    for (let seed = 0; seed < SEEDS_PER_CASE; seed += 1) {
      const counts = simulateCounts({ baseRate: rate, days: NORMAL_DAYS, growth, seed: 100 + seed }, null);
      const { fires } = runSeries(counts);
      const counted = fires.filter((m) => m >= WARMUP_DAYS * 1440).length;
      perSeries.push(counted / (NORMAL_DAYS - WARMUP_DAYS));
    }
    return {
      rate,
      perDay: perSeries.reduce((a, b) => a + b, 0) / perSeries.length,
      worstSeries: Math.max(...perSeries),
    };
  });
}

interface DelayFigures {
  shape: CrisisShape;
  rate: number;
  medianDelay: number;
  maxDelay: number;
  missed: number;
}

function detectionDelays(): DelayFigures[] {
  const figures: DelayFigures[] = [];
  for (const shape of CRISIS_SHAPES) {
    for (const rate of BASE_RATES) {
      const delays: number[] = [];
      let missed = 0;
      for (let seed = 0; seed < SEEDS_PER_CASE; seed += 1) {
        const random = seededRandom(9000 + seed);
        // Onsets fall at any time of day (the night trough included).
        const onsetMinute = CRISIS_DAY * 1440 + Math.floor(random() * 1440);
        const counts = simulateCounts(
          { baseRate: rate, days: CRISIS_DAY + 2, seed: 500 + seed },
          { shape, onsetMinute },
        ).slice(0, onsetMinute + 6 * 60);
        const { fires } = runSeries(counts);
        const first = fires.find((m) => m >= onsetMinute);
        if (first === undefined) missed += 1;
        else delays.push(first - onsetMinute);
      }
      figures.push({
        shape,
        rate,
        medianDelay: delays.length > 0 ? median(delays) : NaN,
        maxDelay: delays.length > 0 ? Math.max(...delays) : NaN,
        missed,
      });
    }
  }
  return figures;
}

const { values: args } = parseArgs({
  options: {
    'skip-quality': { type: 'boolean', default: false },
    db: { type: 'string', multiple: true, default: [] },
    minutes: { type: 'string', default: '70' },
    'postgres-url': { type: 'string' },
  },
});

function pureDetector(): void {
  const speed = throughput();
  console.log('## (a) throughput: 10,000 series × 1 new bucket (after 2 days of per-minute warm-up)');
  console.log(
    `median ${speed.medianMs.toFixed(2)} ms, min ${speed.minMs.toFixed(2)} ms, p90 ${speed.p90Ms.toFixed(2)} ms (25 repeats)`,
  );
  console.log(`JSON round-trip of the 10,000 states: ${speed.jsonMs.toFixed(0)} ms`);

  console.log(
    '\n## (b1) false alarms on normal traffic (episode fires per series per day, days 2–21, per-minute buckets)',
  );
  console.log(
    '| mentions/min | flat: mean | flat: worst series | 2× growth: mean | 2× growth: worst series |',
  );
  console.log('|---|---|---|---|---|');
  const flat = falseAlarms(1);
  const grown = falseAlarms(2);
  for (const [i, row] of flat.entries()) {
    const g = grown[i];
    console.log(
      `| ${row.rate} | ${row.perDay.toFixed(3)} | ${row.worstSeries.toFixed(3)} | ${g?.perDay.toFixed(3)} | ${g?.worstSeries.toFixed(3)} |`,
    );
  }

  console.log('\n## (b2) detection delay in buckets (minutes) from onset, 10 series per cell');
  console.log('| shape | mentions/min | median delay | max delay | missed |');
  console.log('|---|---|---|---|---|');
  for (const row of detectionDelays()) {
    console.log(`| ${row.shape} | ${row.rate} | ${row.medianDelay} | ${row.maxDelay} | ${row.missed} |`);
  }
}

// (c) The detection run on the database.
const DB_START_MS = Date.UTC(2026, 0, 5);
// Ten platforms: every one but 'other'.
const PLATFORMS = platforms.filter((p) => p !== 'other');

async function detectionRun(kind: 'pglite' | 'postgres'): Promise<void> {
  const brands = 1000;
  const minutes = Number(args.minutes);
  let scratch: { url: string; drop: () => Promise<void> } | null = null;
  let database: Database;
  if (kind === 'postgres') {
    const base = args['postgres-url'] ?? process.env.DATABASE_URL;
    if (!base) throw new Error('--db postgres needs DATABASE_URL or --postgres-url');
    scratch = await scratchPostgres(base, 'fb_bench_detect');
    database = await openPostgres(scratch.url);
  } else {
    database = await openPglite();
  }
  await runMigrations(database);
  const clock = { t: DB_START_MS, now: () => new Date(clock.t) };
  const options = {
    database,
    migrate: false,
    clock,
    // Every brand's series from the first run (by default 20 new brands a run learn their history).
    detection: { bootstrapBrandsPerRun: brands },
  };
  const config = loadConfig({
    FIREBREAK_LOG_LEVEL: 'silent',
    FIREBREAK_SECRET_KEY: randomBytes(32).toString('base64'),
  });
  let container = await createContainer(config, options);
  const ws = await container.services.workspaces.createWorkspace({
    name: 'Bench',
    ownerEmail: 'bench@bench.test',
    ownerPassword: 'bench bench bench',
  });
  const workspaceId = ws.workspace.id;
  const brandIds: string[] = [];
  for (let i = 0; i < brands; i += 1) {
    const row = await container.repositories.brands.insert({
      workspaceId,
      name: `Brand ${i}`,
      handles: {},
      keywords: [`brand${i}`],
      query: null,
    });
    brandIds.push(row.id);
  }
  let seed = 1;
  const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const addMinute = async (m: number) => {
    const bucket = new Date(DB_START_MS + m * MINUTE_MS).toISOString();
    await container.repositories.rollups.add(
      workspaceId,
      brandIds.flatMap((brandId) =>
        PLATFORMS.map((platform) => {
          const count = Math.floor(random() * 12);
          const negativeCount = Math.floor(count * 0.2);
          return {
            brandId,
            platform,
            bucket,
            count,
            negativeCount,
            reach: count * 500,
            negativeWeight: negativeCount * 2.7,
          };
        }),
      ),
    );
  };
  type Timings = { total: number; load: number; read: number; detect: number; save: number; signals: number };
  const runs: (Timings & { saved: number; series: number })[] = [];
  for (let m = 0; m < minutes; m += 1) {
    await addMinute(m);
    clock.t = DB_START_MS + (m + 1) * MINUTE_MS + 10_000;
    const r = await container.services.detection.runWorkspace(workspaceId);
    if (m >= 5) runs.push({ ...r.timings, saved: r.statesSaved, series: r.series });
  }
  const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  console.log(
    `\n## (c) detection run on ${kind === 'pglite' ? 'PGlite (in memory)' : 'PostgreSQL'}: ${runs[0]!.series} series (${brands} brands × ${PLATFORMS.length} platforms + brand-wide), one new minute (10,000 rollup rows) per run, ${runs.length} timed runs after 5; load ${load()}`,
  );
  console.log('| figure (ms) | median | p95 | max |');
  console.log('|---|---|---|---|');
  for (const k of ['total', 'read', 'detect', 'save', 'signals'] as const) {
    const v = runs.map((r) => r[k]);
    console.log(
      `| ${k} | ${median(v).toFixed(0)} | ${quantile(v, 0.95).toFixed(0)} | ${Math.max(...v).toFixed(0)} |`,
    );
  }
  console.log(
    `| states checkpointed per run | ${median(runs.map((r) => r.saved))} | | ${Math.max(...runs.map((r) => r.saved))} |`,
  );
  // Restarts: a new process (a new container over the same database) loads the checkpoints and replays the
  // rollups since each. After a crash the states are as the staggered checkpoints left them; after a graceful
  // stop, `close()` checkpointed every state first.
  let minute = minutes;
  const restart = async (graceful: boolean) => {
    if (!graceful) container.services.detection.forget(); // a crash: nothing checkpointed at the end
    const flushStarted = performance.now();
    await container.close();
    const stopMs = performance.now() - flushStarted;
    container = await createContainer(config, options);
    await addMinute(minute);
    clock.t = DB_START_MS + (minute + 1) * MINUTE_MS + 10_000;
    minute += 1;
    const started = performance.now();
    const first = await container.services.detection.runWorkspace(workspaceId);
    const firstMs = performance.now() - started;
    const next: number[] = [];
    for (let k = 0; k < 5; k += 1, minute += 1) {
      await addMinute(minute);
      clock.t = DB_START_MS + (minute + 1) * MINUTE_MS + 10_000;
      next.push((await container.services.detection.runWorkspace(workspaceId)).timings.total);
    }
    const t = Object.fromEntries(Object.entries(first.timings).map(([k, v]) => [k, Math.round(v)]));
    console.log(
      `| first run after a ${graceful ? `graceful restart (stop took ${stopMs.toFixed(0)} ms)` : 'crash'} | ${firstMs.toFixed(0)} | | | ${first.updates} series updates; ${JSON.stringify(t)}; the 5 runs after it: ${next.map((x) => x.toFixed(0)).join(', ')} ms`,
    );
  };
  await restart(false);
  await restart(true);
  await container.close();
  await database.close();
  await scratch?.drop();
}

if (!args['skip-quality'] || args.db.length === 0) pureDetector();
for (const kind of args.db) {
  if (kind !== 'pglite' && kind !== 'postgres') throw new Error(`--db ${kind}: pglite or postgres`);
  await detectionRun(kind);
}
