// What storing and indexing a mention costs the database, without the rest of the pipeline: N simulator mentions
// written with MentionRepository.storeBatch (mentions + raw evidence + search queue, one statement per batch, one
// transaction per batch, one connection, sequential), then moved into the full-text index with indexPending.
//
//   node --import tsx bench/store-cost.bench.ts [--db pglite|postgres] [--n 30000] [--batch 250] [--no-raw]
//
// PGlite runs on disk (a temporary data directory, as `firebreak serve` uses); PostgreSQL needs DATABASE_URL (a
// scratch database is created beside it and dropped afterwards).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { simulateMinute } from '../server/src/connectors/simulator/simulator.generator';
import { type Database, openPglite, openPostgres } from '../server/src/db/database';
import { runMigrations } from '../server/src/db/migrate';
import { uuidv7 } from '../server/src/domain/ingestion/uuidv7';
import { MentionRepository, type MentionWrite } from '../server/src/repositories/mention.repository';
import { scratchPostgres } from './bench-server';

const { values: args } = parseArgs({
  options: {
    db: { type: 'string', default: process.env.DATABASE_URL ? 'postgres' : 'pglite' },
    n: { type: 'string', default: '30000' },
    batch: { type: 'string' },
    'no-raw': { type: 'boolean', default: false },
  },
});
const n = Number(args.n);
const batch = Number(args.batch ?? (args.db === 'postgres' ? 1000 : 250));

let database: Database;
let drop = async () => {};
if (args.db === 'postgres') {
  const scratch = await scratchPostgres(process.env.DATABASE_URL!, 'fb_bench');
  database = await openPostgres(scratch.url);
  drop = scratch.drop;
} else {
  const dir = mkdtempSync(join(tmpdir(), 'fb-bench-'));
  database = await openPglite({ dataDir: dir });
  drop = async () => rmSync(dir, { recursive: true, force: true });
}
await runMigrations(database);
const [ws] = await database.query<{ id: string }>(
  "insert into workspaces (name, slug) values ('Bench', 'bench') returning id",
);
const plan = {
  keywords: ['Northwind'],
  ratePerMinute: 2_000,
  crisis: 'none' as const,
  crisisStartMinutes: 0,
  seed: 1,
  startMs: Date.UTC(2026, 10, 20),
};
const writes: MentionWrite[] = [];
for (let minute = 0; writes.length < n; minute++) {
  const { mentions, raw } = simulateMinute(plan, minute);
  mentions.forEach((m, i) =>
    writes.push({
      platform: m.platform,
      externalId: m.externalId,
      url: m.url,
      authorHandle: m.author.handle,
      authorName: m.author.name,
      authorFollowers: m.author.followers,
      authorVerified: m.author.verified,
      text: m.text,
      createdAt: m.createdAt,
      lang: m.lang,
      likes: m.engagement.likes,
      reposts: m.engagement.reposts,
      replies: m.engagement.replies,
      views: m.engagement.views,
      replyTo: m.replyTo,
      threadId: m.threadId,
      isOwn: m.isOwn,
      brandIds: ['00000000-0000-4000-8000-000000000001'],
      sentimentLabel: 'neutral',
      sentimentScore: 0,
      sentimentConfidence: 0.5,
      reach: 10,
      sourceId: null,
      raw: args['no-raw'] ? undefined : raw[i],
    }),
  );
}
writes.length = n;

const cpuBefore = process.cpuUsage();
let started = performance.now();
for (let i = 0; i < n; i += batch) {
  const part = writes.slice(i, i + batch);
  await database.db.transaction(async (tx) => {
    await new MentionRepository(tx as never).storeBatch(
      ws!.id,
      part,
      part.map(() => uuidv7()),
    );
  });
}
const storeMs = performance.now() - started;
const cpu = process.cpuUsage(cpuBefore);
started = performance.now();
await new MentionRepository(database.db).indexPending(1_000_000);
const indexMs = performance.now() - started;
const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
console.log(
  [
    `${args.db}: ${n.toLocaleString('en')} mentions, transactions of ${batch}${args['no-raw'] ? ', no raw payloads' : ''} (load ${load})`,
    `  store  ${((storeMs / n) * 1000).toFixed(1)} µs a mention (${Math.round((n / storeMs) * 1000).toLocaleString('en')}/s); this process's CPU ${(((cpu.user + cpu.system) / n) | 0).toString()} µs a mention`,
    `  index  ${((indexMs / n) * 1000).toFixed(1)} µs a mention (one indexPending step)`,
  ].join('\n'),
);
await database.close();
await drop();
