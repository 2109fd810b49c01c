// Memory benchmark: N generated mentions pass through the whole ingestion pipeline (normalise → dedupe → match →
// sentiment → store mentions + raw evidence + rollups + live event, batched transactions) while the process's
// RSS is sampled every few seconds. Mentions are generated batch by batch as a source would deliver them (nothing
// is kept), by several producers that wait on the pipeline's backpressure. Prints every sample, the largest RSS
// and the slope of RSS against mentions ingested after the warm-up (MB per million mentions). Target: RSS stays
// under 500 MB and flat while 5 million mentions pass.
//
//   npm run bench:memory -- [--n 5000000] [--batch 1000] [--producers 4] [--sample-seconds 5] [--db postgres|pglite]
//
// Runs on PostgreSQL when DATABASE_URL is set (a scratch database beside it, dropped afterwards), otherwise on
// PGlite on disk (a temporary data directory, as `firebreak serve` runs it: the database lives in this process,
// so its memory counts in the RSS).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { IncomingMention } from '../contracts';
import { loadConfig } from '../server/src/config';
import { simulateMinute } from '../server/src/connectors/simulator/simulator.generator';
import { createContainer } from '../server/src/container';
import { type Database, openPglite, openPostgres } from '../server/src/db/database';
import { runMigrations } from '../server/src/db/migrate';
import { systemActor } from '../server/src/domain/actor';
import { scratchPostgres } from './bench-server';

const { values: args } = parseArgs({
  options: {
    n: { type: 'string', default: '5000000' },
    batch: { type: 'string', default: '1000' },
    producers: { type: 'string', default: '4' },
    'sample-seconds': { type: 'string', default: '5' },
    db: { type: 'string' },
  },
});
const n = Number(args.n);
const batchSize = Number(args.batch);
const producers = Number(args.producers);
const sampleMs = Number(args['sample-seconds']) * 1000;
const postgresUrl = process.env.DATABASE_URL || undefined;
const kind = args.db ?? (postgresUrl ? 'postgres' : 'pglite');
if (kind === 'postgres' && !postgresUrl) throw new Error('--db postgres needs DATABASE_URL');

const mb = (bytes: number) => Math.round(bytes / 2 ** 20);

/** Simulator traffic, generated a minute at a time and handed out in batches: nothing accumulates. */
function mentionSource(seed: number) {
  const plan = {
    keywords: ['Northwind Air', 'Northwind', 'Contoso', 'Fabrikam'],
    ratePerMinute: 2_000,
    crisis: 'none' as const,
    crisisStartMinutes: 0,
    seed,
    startMs: Date.UTC(2026, 10, 20),
  };
  let minute = 0;
  let pending: { mentions: IncomingMention[]; raw: unknown[] } = { mentions: [], raw: [] };
  let given = 0;
  return (size: number): { mentions: IncomingMention[]; raw: unknown[] } | null => {
    if (given >= n) return null;
    const want = Math.min(size, n - given);
    while (pending.mentions.length < want) {
      const m = simulateMinute(plan, minute++);
      pending = { mentions: pending.mentions.concat(m.mentions), raw: pending.raw.concat(m.raw) };
    }
    const batch = { mentions: pending.mentions.slice(0, want), raw: pending.raw.slice(0, want) };
    pending = { mentions: pending.mentions.slice(want), raw: pending.raw.slice(want) };
    given += want;
    return batch;
  };
}

interface Sample {
  seconds: number;
  ingested: number;
  rss: number;
  heapUsed: number;
  external: number;
}

/** Least-squares slope of y against x. */
function slope(points: { x: number; y: number }[]): number {
  const k = points.length;
  if (k < 2) return Number.NaN;
  const mx = points.reduce((s, p) => s + p.x, 0) / k;
  const my = points.reduce((s, p) => s + p.y, 0) / k;
  const num = points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0);
  const den = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  return den === 0 ? Number.NaN : num / den;
}

async function main(): Promise<void> {
  let database: Database;
  let drop = async () => {};
  if (kind === 'postgres') {
    const scratch = await scratchPostgres(postgresUrl!, 'fb_bench_mem');
    database = await openPostgres(scratch.url);
    drop = scratch.drop;
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'fb-bench-mem-'));
    database = await openPglite({ dataDir: dir });
    drop = async () => rmSync(dir, { recursive: true, force: true });
  }
  await runMigrations(database);
  const config = loadConfig({
    FIREBREAK_LOG_LEVEL: 'silent',
    FIREBREAK_SECRET_KEY: randomBytes(32).toString('base64'),
  });
  const container = await createContainer(config, { database, migrate: false });
  const ws = await container.services.workspaces.createWorkspace({
    name: 'Bench',
    ownerEmail: 'bench@bench.test',
    ownerPassword: 'bench bench bench',
  });
  const actor = systemActor(ws.workspace.id);
  await container.services.brands.create(actor, { name: 'Northwind', keywords: ['Northwind'] });
  await container.services.brands.create(actor, { name: 'Contoso', query: 'contoso NOT giveaway' });
  await container.services.brands.create(actor, { name: 'Fabrikam', query: '"fabrikam" OR #fabrikamfail' });
  const { ingestion } = container.services;
  await ingestion.ingest(ws.workspace.id, { mentions: [], nextCursor: null, skipped: 0 }); // loads the model

  const next = mentionSource(11);
  let ingested = 0;
  let accepted = 0;
  const samples: Sample[] = [];
  const started = performance.now();
  const sample = () => {
    const m = process.memoryUsage();
    const s: Sample = {
      seconds: (performance.now() - started) / 1000,
      ingested,
      rss: m.rss,
      heapUsed: m.heapUsed,
      external: m.external + m.arrayBuffers,
    };
    samples.push(s);
    const previous = samples.at(-2);
    const rate = previous ? (s.ingested - previous.ingested) / (s.seconds - previous.seconds) : 0;
    console.log(
      `  ${s.seconds.toFixed(0).padStart(6)} s  ${ingested.toLocaleString('en').padStart(10)} mentions  ` +
        `${Math.round(rate).toLocaleString('en').padStart(7)}/s  RSS ${String(mb(s.rss)).padStart(4)} MB  ` +
        `heap ${String(mb(s.heapUsed)).padStart(4)} MB  external ${mb(s.external)} MB  load ${loadavg()[0]!.toFixed(1)}`,
    );
  };
  console.log(
    `memory: ${n.toLocaleString('en')} mentions through the pipeline on ${kind === 'postgres' ? 'PostgreSQL' : 'PGlite (disk)'}, ` +
      `batches of ${batchSize}, ${producers} producers, RSS every ${sampleMs / 1000} s`,
  );
  sample();
  const timer = setInterval(sample, sampleMs);
  await Promise.all(
    Array.from({ length: producers }, async () => {
      for (let batch = next(batchSize); batch; batch = next(batchSize)) {
        const r = await ingestion.ingest(ws.workspace.id, { ...batch, nextCursor: null, skipped: 0 });
        ingested += batch.mentions.length;
        accepted += r.accepted;
      }
    }),
  );
  clearInterval(timer);
  sample();
  const seconds = (performance.now() - started) / 1000;

  // The slope after the warm-up (the first 10% of mentions: model, caches, connection pools, heap growth).
  const steady = samples.filter((s) => s.ingested >= n * 0.1);
  const rssSlope = slope(steady.map((s) => ({ x: s.ingested / 1e6, y: mb(s.rss) })));
  const heapSlope = slope(steady.map((s) => ({ x: s.ingested / 1e6, y: mb(s.heapUsed) })));
  const maxRss = Math.max(...samples.map((s) => s.rss));
  const steadyRss = steady.map((s) => s.rss);
  console.log(
    [
      `  ${n.toLocaleString('en')} mentions in ${seconds.toFixed(0)} s (${Math.round(n / seconds).toLocaleString('en')}/s), ${accepted.toLocaleString('en')} stored`,
      `  RSS max ${mb(maxRss)} MB; after warm-up min ${mb(Math.min(...steadyRss))} MB, max ${mb(Math.max(...steadyRss))} MB, last ${mb(samples.at(-1)!.rss)} MB`,
      `  slope after warm-up: RSS ${rssSlope.toFixed(1)} MB per million mentions, heap ${heapSlope.toFixed(1)} MB per million mentions`,
      `  target RSS < 500 MB: ${mb(maxRss) < 500 ? 'met' : 'NOT met'}`,
      `  machine load (1/5/15 min) at the end: ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' / ')}`,
    ].join('\n'),
  );
  await container.close();
  await database.close();
  await drop();
}

await main();
