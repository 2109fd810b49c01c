// Full-text search out of the ingest transaction: the indexer's queue, completeness before it catches up, dedupe on
// the new write path. Runs on PGlite, or on PostgreSQL with DATABASE_URL.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { IncomingMention } from '../../../contracts';
import { IncomingMention as IncomingMentionSchema } from '../../../contracts';
import { systemActor } from '../domain/actor';
import { createListeningTransact } from '../repositories/mention.repository';
import { SentimentModelRepository } from '../repositories/sentiment-model.repository';
import { createTestApp, type TestApp } from '../../test/app';
import { IngestionService, type IngestionTuning } from './ingestion.service';

function mention(id: string, text: string, likes = 1): IncomingMention {
  return IncomingMentionSchema.parse({
    platform: 'x',
    externalId: id,
    author: { handle: `user_${id}`, followers: 10 },
    text,
    createdAt: '2026-11-20T10:15:30.000Z',
    lang: 'en',
    engagement: { likes, reposts: 0, replies: 0, views: null },
  });
}

describe('mention search index', () => {
  let t: TestApp;
  let brand: string;
  const models = new SentimentModelRepository();

  before(async () => {
    t = await createTestApp();
    // This file drives the indexer itself: the container's own one stays off.
    await t.container.services.ingestion.close();
    brand = (
      await t.container.services.brands.create(systemActor(t.workspaceId), {
        name: 'Acme',
        keywords: ['acme'],
      })
    ).id;
  });
  after(() => t.close());

  function pipeline(withIndexer: boolean, tuning: IngestionTuning = {}): IngestionService {
    const { repositories, database, clock } = t.container;
    return new IngestionService(
      {
        transact: createListeningTransact(database.db),
        brands: repositories.brands,
        loadScorer: () => models.load(),
        clock,
        ...(withIndexer
          ? {
              indexSearch: (n: number) => repositories.mentions.indexPending(n),
              searchQueue: () => repositories.mentions.pendingSearchCount(),
            }
          : {}),
      },
      { search: { sweepMs: 3_600_000 }, ...tuning },
    );
  }

  async function search(q: string): Promise<string[]> {
    const rows = await t.container.repositories.mentions.list(t.workspaceId, {
      q,
      brandId: brand,
      limit: 100,
    });
    return rows.map((r) => r.externalId).sort();
  }

  async function queued(): Promise<number> {
    return t.container.repositories.mentions.pendingSearchCount();
  }

  it('finds a committed mention the indexer has not reached, once, and after indexing still once', async () => {
    const noIndexer = pipeline(false);
    const r = await noIndexer.ingest(t.workspaceId, {
      mentions: [mention('q-1', 'acme zanzibarqueue delay'), mention('q-2', 'acme on time')],
      nextCursor: null,
      skipped: 0,
    });
    assert.equal(r.accepted, 2);
    assert.equal(await queued(), 2, 'both wait for the indexer');
    const [indexedBefore] = await t.container.database.query<{ n: number }>(
      "select count(*)::int as n from mention_search s join mentions m on m.id = s.mention_id where m.external_id like 'q-%'",
    );
    assert.equal(indexedBefore!.n, 0);
    assert.deepEqual(await search('zanzibarqueue'), ['q-1'], 'found through the queue');
    assert.deepEqual(await search('acme'), ['q-1', 'q-2']);
    assert.deepEqual(await search('"on time" -delay'), ['q-2']);

    const indexer = pipeline(true);
    assert.equal(await indexer.drainSearchIndex(), 2);
    assert.equal(await queued(), 0);
    assert.deepEqual(await search('zanzibarqueue'), ['q-1'], 'found through the index, not twice');
    const [vector] = await t.container.database.query<{ ok: boolean }>(
      `select s.search = to_tsvector('simple', m.text) as ok from mention_search s join mentions m on m.id = s.mention_id
       where m.external_id = 'q-1'`,
    );
    assert.equal(vector!.ok, true);
    await noIndexer.close();
    await indexer.close();
  });

  it('stores a repeated mention once, queues only the first copy, and keeps the larger engagement', async () => {
    const noIndexer = pipeline(false);
    const first = await noIndexer.ingest(t.workspaceId, {
      mentions: [mention('d-1', 'acme dedupecheck', 1)],
      raw: [{ copy: 1 }],
      nextCursor: null,
      skipped: 0,
    });
    const second = await noIndexer.ingest(t.workspaceId, {
      mentions: [mention('d-1', 'acme dedupecheck', 7), mention('d-1', 'acme dedupecheck', 3)],
      raw: [{ copy: 2 }, { copy: 3 }],
      nextCursor: null,
      skipped: 0,
    });
    assert.equal(first.accepted, 1);
    assert.deepEqual([second.accepted, second.duplicates], [0, 2]);
    const rows = await t.container.database.query<{ id: string; likes: number; payload: unknown }>(
      `select m.id, m.likes, r.payload from mentions m
       join mention_raw r on r.workspace_id = m.workspace_id and r.platform = m.platform and r.external_id = m.external_id
       where m.external_id = 'd-1'`,
    );
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.likes, 7);
    assert.deepEqual(rows[0]!.payload, { copy: 1 }, 'the first payload stays as evidence');
    assert.match(rows[0]!.id, /^[0-9a-f]{8}-[0-9a-f]{4}-7/, 'a time-ordered (v7) id');
    const [q] = await t.container.database.query<{ n: number }>(
      'select count(*)::int as n from mention_search_pending where $1 = any(mention_ids)',
      [rows[0]!.id],
    );
    assert.equal(q!.n, 1, 'queued once, by the copy that inserted it');
    assert.deepEqual(await search('dedupecheck'), ['d-1']);
    await pipeline(true).drainSearchIndex();
    assert.deepEqual(await search('dedupecheck'), ['d-1']);
    await noIndexer.close();
  });

  it('stores text with a broken surrogate as U+FFFD, and a null payload as evidence, through the JSON batch', async () => {
    const noIndexer = pipeline(false);
    const r = await noIndexer.ingest(t.workspaceId, {
      mentions: [
        mention('s-1', 'acme \ud83d half an emoji \\ud800 not one'),
        mention('s-2', 'acme "quoted" \\ back\u0001slash'),
        mention('s-3', 'acme without payload'),
      ],
      raw: [null, { nested: ['é', '\ud83d\ude00'] }, undefined],
      nextCursor: null,
      skipped: 0,
    });
    assert.equal(r.accepted, 3);
    const rows = await t.container.database.query<{ external_id: string; text: string; payload: unknown }>(
      `select m.external_id, m.text, r.payload from mentions m
       left join mention_raw r on r.workspace_id = m.workspace_id and r.platform = m.platform
         and r.external_id = m.external_id
       where m.external_id like 's-%' order by m.external_id`,
    );
    assert.deepEqual(
      rows.map((x) => [x.external_id, x.text, x.payload]),
      [
        ['s-1', 'acme \ufffd half an emoji \\ud800 not one', null],
        ['s-2', 'acme "quoted" \\ back\u0001slash', { nested: ['é', '\ud83d\ude00'] }],
        ['s-3', 'acme without payload', null],
      ],
    );
    const [evidence] = await t.container.database.query<{ n: number }>(
      "select count(*)::int as n from mention_raw where external_id like 's-%'",
    );
    assert.equal(evidence!.n, 2, 'a null payload is kept; no payload is not');
    await noIndexer.close();
  });

  it('indexes in the background after the commit (concurrent mode, as on PostgreSQL)', async () => {
    const live = pipeline(true, { search: { mode: 'concurrent', sweepMs: 3_600_000 } });
    await live.ingest(t.workspaceId, {
      mentions: Array.from({ length: 30 }, (_, i) => mention(`c-${i}`, `acme backgroundword ${i}`)),
      nextCursor: null,
      skipped: 0,
    });
    assert.equal((await search('backgroundword')).length, 30, 'complete right after the commit');
    const deadline = Date.now() + 10_000;
    while ((await queued()) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    assert.equal(await queued(), 0, 'the indexer caught up on its own');
    assert.equal(live.searchLag, 0);
    assert.equal((await search('backgroundword')).length, 30);
    // Draining while the background step may hold the last batch still ends with an empty queue.
    for (let round = 0; round < 5; round++) {
      await live.ingest(t.workspaceId, {
        mentions: Array.from({ length: 20 }, (_, i) => mention(`c-${round}-${i}`, `acme drainword ${i}`)),
        nextCursor: null,
        skipped: 0,
      });
      await live.drainSearchIndex();
      assert.equal(await queued(), 0, `round ${round}`);
    }
    assert.equal((await search('drainword')).length, 100);
    await live.close();
  });

  it('on PGlite-style idle mode, indexes only when the pipeline is idle, and between batches past the lag bound', async () => {
    const idle = pipeline(true, {
      maxBatch: 10,
      search: { mode: 'idle', idleMs: 50, maxLag: 25, sweepMs: 3_600_000 },
    });
    await idle.ingest(t.workspaceId, {
      mentions: Array.from({ length: 60 }, (_, i) => mention(`i-${i}`, `acme idleword ${i}`)),
      nextCursor: null,
      skipped: 0,
    });
    // Six transactions of 10: once more than 25 waited, each next part first ran one indexer step (2 batches).
    const waiting = await queued();
    assert.ok(waiting > 0 && waiting <= 40, `queued after the import: ${waiting}`);
    assert.equal((await search('idleword')).length, 60);
    const deadline = Date.now() + 10_000;
    while ((await queued()) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    assert.equal(await queued(), 0, 'caught up once the pipeline went idle');
    assert.equal((await search('idleword')).length, 60);
    await idle.close();
  });
});
