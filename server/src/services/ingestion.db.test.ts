import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { IncomingMention } from '../../../contracts';
import { IncomingMention as IncomingMentionSchema } from '../../../contracts';
import { systemActor } from '../domain/actor';
import { createTestApp, type TestApp } from '../../test/app';

function mention(id: string, text: string, extra: Partial<IncomingMention> = {}): IncomingMention {
  return IncomingMentionSchema.parse({
    platform: 'x',
    externalId: id,
    author: { handle: `user_${id}`, followers: 100 },
    text,
    createdAt: '2026-11-20T10:15:30.000Z',
    lang: 'en',
    engagement: { likes: 2, reposts: 1, replies: 0, views: null },
    ...extra,
  });
}

describe('ingestion pipeline', () => {
  let t: TestApp;
  let acme: string;
  let globex: string;
  before(async () => {
    t = await createTestApp();
    const actor = systemActor(t.workspaceId);
    acme = (await t.container.services.brands.create(actor, { name: 'Acme', keywords: ['acme'] })).id;
    globex = (
      await t.container.services.brands.create(actor, {
        name: 'Globex',
        keywords: [],
        query: '"globex corp" OR #globex',
      })
    ).id;
  });
  after(() => t.close());

  async function rows(sqlText: string, params: unknown[] = []) {
    return t.container.database.query<Record<string, unknown>>(sqlText, params);
  }

  it('stores matched mentions once, drops unmatched ones, and rolls them up per minute', async () => {
    const { ingestion } = t.container.services;
    const result = await ingestion.ingest(t.workspaceId, {
      mentions: [
        mention('1', 'I love Acme, terrible service though', {
          engagement: { likes: 1, reposts: 0, replies: 0, views: null },
        }),
        mention('2', 'Globex Corp is hiring #globex'),
        mention('3', 'nothing to see here'),
        mention('1', 'I love Acme, terrible service though', {
          engagement: { likes: 9, reposts: 0, replies: 0, views: null },
        }),
        mention('4', 'acme and globex corp merge', { platform: 'reddit' }),
      ],
      raw: [{ n: 1 }, { n: 2 }, { n: 3 }, { n: 4 }, { n: 5 }],
      nextCursor: null,
      skipped: 1,
    });
    assert.deepEqual(result, { received: 5, accepted: 3, duplicates: 1, unmatched: 1, skipped: 1 });
    const stored = await rows(
      'select external_id, brand_ids::text[] as brand_ids, likes, sentiment_label, reach from mentions order by external_id',
    );
    assert.deepEqual(
      stored.map((r) => [r.external_id, (r.brand_ids as string[]).sort()]),
      [
        ['1', [acme]],
        ['2', [globex]],
        ['4', [acme, globex].sort()],
      ],
    );
    assert.equal(stored[0]!.likes, 9, 'the copies in one batch keep the largest engagement');
    assert.equal(stored[0]!.reach, 100 + 5 * 9);
    const raw = await rows('select external_id, payload from mention_raw order by external_id');
    assert.deepEqual(
      raw.map((r) => [r.external_id, r.payload]),
      [
        ['1', { n: 1 }],
        ['2', { n: 2 }],
        ['4', { n: 5 }],
      ],
    );
    const rollups = await rows(
      'select brand_id::text, platform, bucket, count from mention_rollups order by platform, brand_id',
    );
    assert.equal(rollups.length, 4);
    for (const r of rollups) assert.equal((r.bucket as Date).toISOString(), '2026-11-20T10:15:00.000Z');
    const acmeX = rollups.find((r) => r.brand_id === acme && r.platform === 'x');
    assert.equal(acmeX?.count, 1);
  });

  it('stores a mention arriving again once, updating only its engagement, and counts it as a duplicate', async () => {
    const { ingestion } = t.container.services;
    const again = await ingestion.ingest(t.workspaceId, {
      mentions: [
        mention('2', 'Globex Corp is hiring #globex (edited)', {
          engagement: { likes: 50, reposts: 3, replies: 1, views: 900 },
        }),
        mention('4', 'acme and globex corp merge', { platform: 'reddit' }),
      ],
      nextCursor: null,
      skipped: 0,
    });
    assert.deepEqual(again, { received: 2, accepted: 0, duplicates: 2, unmatched: 0, skipped: 0 });
    const [row] = await rows(
      "select text, likes, reposts, views::int as views from mentions where external_id = '2'",
    );
    assert.deepEqual(row, { text: 'Globex Corp is hiring #globex', likes: 50, reposts: 3, views: 900 });
    const [total] = await rows('select sum(count)::int as n from mention_rollups');
    assert.equal(total!.n, 4, 'duplicates add nothing to the rollups');
  });

  it('emits one live event per batch, after the commit', async () => {
    const events = await rows("select payload from events where name = 'mentions.ingested' order by id");
    assert.equal(events.length, 1);
    const payload = events[0]!.payload as {
      count: number;
      mentions: { externalId: string }[];
      brandIds: string[];
    };
    assert.equal(payload.count, 3);
    assert.equal(payload.mentions.length, 3);
    assert.deepEqual(payload.brandIds.sort(), [acme, globex].sort());
  });

  it('attributes mentions to the brands named by the caller and recompiles when brands change', async () => {
    const { ingestion, brands } = t.container.services;
    const actor = systemActor(t.workspaceId);
    const r1 = await ingestion.ingest(
      t.workspaceId,
      { mentions: [mention('10', 'no brand words')], nextCursor: null, skipped: 0 },
      { brandIds: [acme] },
    );
    assert.equal(r1.accepted, 1);
    const initech = await brands.create(actor, { name: 'Initech', keywords: ['initech'] });
    ingestion.invalidateBrands(t.workspaceId);
    const r2 = await ingestion.ingest(t.workspaceId, {
      mentions: [mention('11', 'Initech TPS reports')],
      nextCursor: null,
      skipped: 0,
    });
    assert.equal(r2.accepted, 1);
    const [row] = await rows("select brand_ids::text[] as b from mentions where external_id = '11'");
    assert.deepEqual(row!.b, [initech.id]);
  });

  it('lets the event loop turn between the parts of a batch, so requests and timers are not starved', async () => {
    const { IngestionService } = await import('./ingestion.service');
    const { createListeningTransact } = await import('../repositories/mention.repository');
    const { SentimentModelRepository } = await import('../repositories/sentiment-model.repository');
    const models = new SentimentModelRepository();
    const small = new IngestionService(
      {
        transact: createListeningTransact(t.container.database.db),
        brands: t.container.repositories.brands,
        loadScorer: () => models.load(),
        clock: t.container.clock,
      },
      { maxBatch: 10 },
    );
    await small.ingest(t.workspaceId, { mentions: [], nextCursor: null, skipped: 0 }); // loads the model
    let turns = 0;
    const timer = setInterval(() => turns++, 0);
    const r = await small.ingest(t.workspaceId, {
      mentions: Array.from({ length: 100 }, (_, i) => mention(`yield-${i}`, 'acme turns')),
      nextCursor: null,
      skipped: 0,
    });
    clearInterval(timer);
    assert.equal(r.accepted, 100);
    // Ten parts: a timer gets a turn between them (on PGlite nothing else would let it run).
    assert.ok(turns >= 5, `the timer ran ${turns} times`);
  });

  it('refreshes the planner statistics as the tables grow (PGlite has no autovacuum)', async () => {
    const { IngestionService } = await import('./ingestion.service');
    const { createListeningTransact } = await import('../repositories/mention.repository');
    const { SentimentModelRepository } = await import('../repositories/sentiment-model.repository');
    const models = new SentimentModelRepository();
    let analyses = 0;
    const analysed = new IngestionService(
      {
        transact: createListeningTransact(t.container.database.db),
        brands: t.container.repositories.brands,
        loadScorer: () => models.load(),
        clock: t.container.clock,
        analyze: async () => {
          analyses++;
          return t.container.repositories.mentions.analyze();
        },
      },
      { analyzeAfter: { rows: 50, fraction: 0.5 } },
    );
    const batch = (from: number, n: number) => ({
      mentions: Array.from({ length: n }, (_, i) => mention(`stats-${from + i}`, 'acme statistics')),
      nextCursor: null,
      skipped: 0,
    });
    await analysed.ingest(t.workspaceId, batch(0, 40));
    assert.equal(analyses, 0, 'not before 50 new mentions');
    await analysed.ingest(t.workspaceId, batch(40, 20));
    assert.equal(analyses, 1);
    const [stats] = await rows("select count(*)::int as n from pg_stats where tablename = 'mentions'");
    assert.ok(Number(stats!.n) > 0, 'the planner has statistics for mentions');
    const [estimate] = await rows("select reltuples::float8 as n from pg_class where relname = 'mentions'");
    assert.ok(Number(estimate!.n) >= 60, `estimate ${String(estimate!.n)}`);
    // Next time after max(50, half of the table).
    await analysed.ingest(t.workspaceId, batch(60, 40));
    assert.equal(analyses, 1);
  });

  it('applies backpressure: never more than the capacity in flight', async () => {
    const { IngestionService } = await import('./ingestion.service');
    const { createListeningTransact } = await import('../repositories/mention.repository');
    const { SentimentModelRepository } = await import('../repositories/sentiment-model.repository');
    const models = new SentimentModelRepository();
    const small = new IngestionService(
      {
        transact: createListeningTransact(t.container.database.db),
        brands: t.container.repositories.brands,
        loadScorer: () => models.load(),
        clock: t.container.clock,
      },
      { capacity: 10, maxBatch: 10 },
    );
    let peak = 0;
    const timer = setInterval(() => (peak = Math.max(peak, small.pending)), 0);
    await Promise.all(
      Array.from({ length: 8 }, (_, b) =>
        small.ingest(t.workspaceId, {
          mentions: Array.from({ length: 10 }, (_, i) => mention(`bp-${b}-${i}`, 'acme backpressure')),
          nextCursor: null,
          skipped: 0,
        }),
      ),
    );
    clearInterval(timer);
    assert.ok(peak <= 10, `peak ${peak}`);
    const [count] = await rows("select count(*)::int as n from mentions where external_id like 'bp-%'");
    assert.equal(count!.n, 80);
  });
});
