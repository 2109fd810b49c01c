// Ingestion benchmark: N generated mentions through the whole pipeline (normalise → dedupe → match → sentiment →
// store mentions + raw evidence + rollups + live event, batched transactions), the time until the search indexer
// has caught up (the "searchable" rate), then the same rows written with
// the fastest raw method (COPY … FROM STDIN on PostgreSQL, COPY … FROM '/dev/blob' on PGlite), rates and ratio.
//
//   npm run bench:ingest -- [--n 200000] [--batch 1000] [--producers 4] [--db pglite|postgres|both] [--pglite-disk]
//                           [--search-lag 10000]
//
// PGlite runs in memory unless --pglite-disk (a temporary data directory, as `firebreak serve` uses).
// PostgreSQL runs when DATABASE_URL is set (a scratch database is created beside it and dropped afterwards).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import type { IncomingMention } from '../contracts';
import { loadConfig } from '../server/src/config';
import { simulateMinute } from '../server/src/connectors/simulator/simulator.generator';
import { createContainer, pgliteIngestBatch } from '../server/src/container';
import { type Database, openPglite, openPostgres } from '../server/src/db/database';
import { runMigrations } from '../server/src/db/migrate';
import { systemActor } from '../server/src/domain/actor';
import { scratchPostgres } from './bench-server';
import { estimateReach } from '../server/src/domain/ingestion/ingestion';
import { mentionWriteColumns, uuidArrayLiteral } from '../server/src/repositories/mention.repository';

const { values: args } = parseArgs({
  options: {
    n: { type: 'string', default: '200000' },
    batch: { type: 'string', default: '1000' },
    producers: { type: 'string', default: '4' },
    db: { type: 'string' },
    'pglite-disk': { type: 'boolean', default: false },
    // How many committed mentions may wait for the search indexer before it runs between ingest transactions
    // (PGlite's idle mode, on either database); default: each database's own setting.
    'search-lag': { type: 'string' },
  },
});
const n = Number(args.n);
const batchSize = Number(args.batch);
const producers = Number(args.producers);
const postgresUrl = process.env.DATABASE_URL || undefined;
const targets = args.db
  ? args.db === 'both'
    ? ['pglite', 'postgres']
    : [args.db]
  : postgresUrl
    ? ['pglite', 'postgres']
    : ['pglite'];

function generate(count: number, seed: number): { mentions: IncomingMention[]; raw: unknown[] } {
  const plan = {
    keywords: ['Northwind Air', 'Northwind', 'Contoso', 'Fabrikam'],
    ratePerMinute: 2_000,
    crisis: 'none' as const,
    crisisStartMinutes: 0,
    seed,
    startMs: Date.UTC(2026, 10, 20),
  };
  const mentions: IncomingMention[] = [];
  const raw: unknown[] = [];
  for (let minute = 0; mentions.length < count; minute++) {
    const m = simulateMinute(plan, minute);
    mentions.push(...m.mentions);
    raw.push(...m.raw);
  }
  return { mentions: mentions.slice(0, count), raw: raw.slice(0, count) };
}

/** COPY text format: backslash escapes, \N for NULL. */
function copyField(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  const s =
    typeof v === 'string'
      ? v
      : typeof v === 'boolean'
        ? v
          ? 't'
          : 'f'
        : typeof v === 'number'
          ? String(v)
          : JSON.stringify(v);
  return s.replace(/[\\\t\n\r]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
  );
}

function copyData(workspaceId: string, brandId: string, mentions: IncomingMention[], raw: unknown[]) {
  const rows: string[] = [];
  const raws: string[] = [];
  for (let i = 0; i < mentions.length; i++) {
    const m = mentions[i]!;
    const values: unknown[] = [
      workspaceId,
      m.platform,
      m.externalId,
      m.url,
      m.author.handle,
      m.author.name,
      m.author.followers,
      m.author.verified,
      m.text,
      m.createdAt,
      m.lang,
      m.engagement.likes,
      m.engagement.reposts,
      m.engagement.replies,
      m.engagement.views,
      m.replyTo,
      m.threadId,
      m.isOwn,
      uuidArrayLiteral([brandId]),
      'neutral',
      0,
      0.5,
      estimateReach(m.author.followers, m.engagement),
      null,
    ];
    rows.push(values.map(copyField).join('\t'));
    raws.push([workspaceId, m.platform, m.externalId, JSON.stringify(raw[i])].map(copyField).join('\t'));
  }
  return { mentions: rows.join('\n') + '\n', raw: raws.join('\n') + '\n' };
}

const mentionCopySql = `COPY mentions (workspace_id, ${mentionWriteColumns.join(', ')})`;
const rawCopySql = 'COPY mention_raw (workspace_id, platform, external_id, payload)';

/** COPY … FROM STDIN over node-postgres's own connection (what pg-copy-streams does, in a few lines). */
function copyFromStdin(client: pg.Client, text: string, data: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let failed: Error | undefined;
    const submittable = {
      submit(connection: { query(t: string): void }) {
        connection.query(text);
      },
      handleCopyInResponse(connection: { sendCopyFromChunk(b: Buffer): void; endCopyFrom(): void }) {
        const buffer = Buffer.from(data, 'utf8');
        for (let i = 0; i < buffer.length; i += 1 << 20) {
          connection.sendCopyFromChunk(buffer.subarray(i, i + (1 << 20)));
        }
        connection.endCopyFrom();
      },
      handleCommandComplete() {},
      handleError(error: Error) {
        failed = error;
      },
      handleReadyForQuery() {
        if (failed) reject(failed);
        else resolve();
      },
    };
    void client.query(submittable as never);
  });
}

async function run(kind: string): Promise<void> {
  let database: Database;
  let drop = async () => {};
  if (kind === 'postgres') {
    const scratch = await scratchPostgres(postgresUrl!, 'fb_bench');
    database = await openPostgres(scratch.url);
    drop = scratch.drop;
  } else if (args['pglite-disk']) {
    // On disk, as `firebreak serve` runs it.
    const dir = mkdtempSync(join(tmpdir(), 'fb-bench-'));
    database = await openPglite({ dataDir: dir });
    drop = async () => rmSync(dir, { recursive: true, force: true });
  } else database = await openPglite();
  await runMigrations(database);
  const config = loadConfig({
    FIREBREAK_LOG_LEVEL: 'silent',
    FIREBREAK_SECRET_KEY: randomBytes(32).toString('base64'),
  });
  const container = await createContainer(config, {
    database,
    migrate: false,
    // --search-lag: the indexer waits for an idle pipeline, or for this many waiting mentions (PGlite's mode).
    ...(args['search-lag']
      ? {
          ingestion: {
            ...(kind === 'pglite' ? { maxBatch: pgliteIngestBatch } : {}),
            search: { mode: 'idle' as const, maxLag: Number(args['search-lag']) },
          },
        }
      : {}),
  });
  const ws = await container.services.workspaces.createWorkspace({
    name: 'Bench',
    ownerEmail: 'bench@bench.test',
    ownerPassword: 'bench bench bench',
  });
  const ws2 = await container.services.workspaces.createWorkspace({
    name: 'Bench copy',
    ownerEmail: 'bench2@bench.test',
    ownerPassword: 'bench bench bench',
  });
  const actor = systemActor(ws.workspace.id);
  const brands = [
    await container.services.brands.create(actor, { name: 'Northwind', keywords: ['Northwind'] }),
    await container.services.brands.create(actor, { name: 'Contoso', query: 'contoso NOT giveaway' }),
    await container.services.brands.create(actor, { name: 'Fabrikam', query: '"fabrikam" OR #fabrikamfail' }),
  ];
  const { mentions, raw } = generate(n, 7);
  const { ingestion } = container.services;
  await ingestion.ingest(ws.workspace.id, { mentions: [], nextCursor: null, skipped: 0 }); // warm up: model, brands

  const rssBefore = process.memoryUsage().rss;
  let next = 0;
  let accepted = 0;
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  await Promise.all(
    Array.from({ length: producers }, async () => {
      while (next < mentions.length) {
        const start = next;
        next += batchSize;
        const r = await ingestion.ingest(ws.workspace.id, {
          mentions: mentions.slice(start, start + batchSize),
          raw: raw.slice(start, start + batchSize),
          nextCursor: null,
          skipped: 0,
        });
        accepted += r.accepted;
      }
    }),
  );
  const pipelineSeconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const lagAtCommit = ingestion.searchLag;
  // Searchable: the indexer (running beside the pipeline on PostgreSQL, between and after its transactions on
  // PGlite) has moved every committed mention into the full-text index. Searches were complete all along (they scan
  // the queue too); this is when they stop paying for the queue.
  await ingestion.drainSearchIndex();
  const searchableSeconds = (performance.now() - started) / 1000;
  const [unindexed] = await database.query<{ n: number }>(
    'select coalesce(sum(cardinality(mention_ids)), 0)::int as n from mention_search_pending',
  );
  const [indexed] = await database.query<{ n: number }>(
    'select count(*)::int as n from mention_search where workspace_id = $1',
    [ws.workspace.id],
  );
  const rss = process.memoryUsage().rss;

  const data = copyData(ws2.workspace.id, brands[0]!.id, mentions, raw);
  const copyStarted = performance.now();
  if (kind === 'postgres') {
    const url = await (async () => {
      const rows = await database.query<{ db: string }>('select current_database() as db');
      const u = new URL(postgresUrl!);
      u.pathname = `/${rows[0]!.db}`;
      return u.toString();
    })();
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query('BEGIN');
    await copyFromStdin(c, `${mentionCopySql} FROM STDIN`, data.mentions);
    await copyFromStdin(c, `${rawCopySql} FROM STDIN`, data.raw);
    await c.query('COMMIT');
    await c.end();
  } else {
    const pglite = (
      database as unknown as {
        pglite: {
          query(t: string, p: unknown[], o: { blob: Blob }): Promise<unknown>;
          transaction<T>(
            f: (tx: { query(t: string, p: unknown[], o: { blob: Blob }): Promise<unknown> }) => Promise<T>,
          ): Promise<T>;
        };
      }
    ).pglite;
    await pglite.transaction(async (tx) => {
      await tx.query(`${mentionCopySql} FROM '/dev/blob'`, [], { blob: new Blob([data.mentions]) });
      await tx.query(`${rawCopySql} FROM '/dev/blob'`, [], { blob: new Blob([data.raw]) });
    });
  }
  const copySeconds = (performance.now() - copyStarted) / 1000;
  const [copied] = await database.query<{ n: number }>(
    'select count(*)::int as n from mentions where workspace_id = $1',
    [ws2.workspace.id],
  );

  const pipelineRate = n / pipelineSeconds;
  const copyRate = n / copySeconds;
  console.log(
    [
      `${kind}: ${n.toLocaleString('en')} mentions, batches of ${batchSize}, ${producers} producers`,
      `  pipeline  ${pipelineSeconds.toFixed(2)} s  ${Math.round(pipelineRate).toLocaleString('en')} mentions/s committed  (${accepted.toLocaleString('en')} stored; RSS ${Math.round(rss / 2 ** 20)} MB, +${Math.round((rss - rssBefore) / 2 ** 20)} MB; this process's CPU ${Math.round((cpu.user + cpu.system) / 1e4 / pipelineSeconds)}% of one core)`,
      `  searchable ${searchableSeconds.toFixed(2)} s  ${Math.round(n / searchableSeconds).toLocaleString('en')} mentions/s  (${lagAtCommit.toLocaleString('en')} not yet indexed at the last commit; ${indexed!.n.toLocaleString('en')} indexed, ${unindexed!.n} queued after draining)`,
      `  raw COPY  ${copySeconds.toFixed(2)} s  ${Math.round(copyRate).toLocaleString('en')} rows/s  (${copied!.n.toLocaleString('en')} rows; mentions + mention_raw)`,
      `  ratio pipeline / COPY = ${(pipelineRate / copyRate).toFixed(2)}`,
    ].join('\n'),
  );
  await container.close();
  await database.close();
  await drop();
}

for (const kind of targets) await run(kind);
