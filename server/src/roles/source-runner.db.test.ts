import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { SimulatorSettings } from '../../../contracts';
import { simulateMinute } from '../connectors/simulator/simulator.generator';
import { systemActor } from '../domain/actor';
import { createTestApp, type TestApp } from '../../test/app';
import { FakeX } from '../../test/fakes/x.fake';
import { xRulesForBrands } from '../connectors/x/x.rules';
import { SourceRunner, backoffDelay, scrubSecrets, startSourceRunner } from './source-runner';

const quiet = { info() {}, warn() {}, error() {} };

async function until(check: () => Promise<boolean>, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('SourceRunner with the simulator source', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ FIREBREAK_SECRET_KEY: Buffer.alloc(32, 1).toString('hex') });
  });
  after(() => t.close());

  const runner = () =>
    new SourceRunner(
      {
        sources: t.container.repositories.sources,
        sourceService: t.container.services.sources,
        ingestion: t.container.services.ingestion,
        logger: quiet,
      },
      { reconcileMs: 100, backoffBaseMs: 50 },
    );

  it('catches up, persists the cursor with each batch, and resumes after a restart with no gap and no duplicate', async () => {
    const actor = systemActor(t.workspaceId);
    const brand = await t.container.services.brands.create(actor, {
      name: 'Northwind',
      keywords: ['Northwind'],
    });
    const startAt = new Date(Date.now() - 30 * 60_000 - 1_000).toISOString();
    const source = await t.container.services.sources.create(actor, {
      kind: 'simulator',
      name: 'sim',
      settings: {
        brandId: brand.id,
        ratePerMinute: 6,
        seed: 3,
        startAt,
        crisis: 'instant_blow_up',
        crisisStartMinutes: 20,
      },
    });
    const settings = SimulatorSettings.parse(source.settings);
    let expected = 0;
    for (let m = 0; m < 30; m++) {
      expected += simulateMinute(
        {
          keywords: settings.keywords,
          ratePerMinute: 6,
          crisis: 'instant_blow_up',
          crisisStartMinutes: 20,
          seed: 3,
          startMs: Date.parse(startAt),
        },
        m,
      ).mentions.length;
    }
    assert.ok(expected > 100, `expected ${expected}`);

    const count = async () =>
      (
        await t.container.database.query<{ n: number }>(
          'select count(*)::int as n from mentions where source_id = $1',
          [source.id],
        )
      )[0]!.n;
    const first = runner();
    await first.start();
    await until(
      async () => (await t.container.repositories.sources.find(t.workspaceId, source.id))?.cursor === '29',
    );
    await first.stop();
    assert.equal(await count(), expected);
    const row = await t.container.repositories.sources.find(t.workspaceId, source.id);
    assert.equal(row!.status, 'active');
    assert.equal(Number(row!.accepted), expected);
    assert.ok(row!.lastEventAt);

    const second = runner();
    await second.start();
    await new Promise((r) => setTimeout(r, 500));
    assert.deepEqual(second.active, [source.id]);
    assert.equal(await count(), expected, 'a restart re-reads nothing');
    // Pausing stops the loop at the next reconcile.
    await t.container.services.sources.update(actor, source.id, { status: 'paused' });
    await until(async () => second.active.length === 0);
    await second.stop();
    const rollup = await t.container.database.query<{ n: number }>(
      'select sum(count)::int as n from mention_rollups where brand_id = $1',
      [brand.id],
    );
    assert.equal(rollup[0]!.n, expected);
  });

  it('backs off exponentially, honouring Retry-After', () => {
    for (let attempt = 0; attempt < 10; attempt++) {
      const d = backoffDelay(attempt, 1000, 60_000, null);
      const cap = Math.min(60_000, 1000 * 2 ** attempt);
      assert.ok(d >= cap / 2 && d <= cap, `${attempt}: ${d}`);
    }
    assert.equal(backoffDelay(3, 1000, 60_000, 30_000), 30_000);
  });
});

describe('SourceRunner: refused settings, X rules from the brand queries, secrets kept out of errors', () => {
  let t: TestApp;
  let fake: FakeX;
  before(async () => {
    t = await createTestApp({ FIREBREAK_SECRET_KEY: Buffer.alloc(32, 2).toString('hex') });
    fake = await FakeX.start();
  });
  after(async () => {
    await fake.close();
    await t.close();
  });
  const row = (id: string) => t.container.repositories.sources.find(t.workspaceId, id);

  it('records settings the registry refuses once and does not retry them', async () => {
    // Written past the API's checks (as an older version or a hand edit could leave it).
    const bad = await t.container.repositories.sources.insert({
      workspaceId: t.workspaceId,
      kind: 'reddit',
      name: 'bad reddit',
      status: 'active',
      settings: { query: '' },
      credentialKeys: [],
    });
    const runner = await startSourceRunner(t.container, quiet, { reconcileMs: 100, backoffBaseMs: 20 });
    try {
      await until(async () => (await row(bad.id))?.status === 'error');
      await new Promise((r) => setTimeout(r, 600)); // 30 backoff periods
      const after = await row(bad.id);
      assert.equal(after!.recentErrors.length, 1, JSON.stringify(after!.recentErrors));
      assert.match(after!.recentErrors[0]!.message, /^settings\.query: /);
      assert.equal(after!.status, 'error');
    } finally {
      await runner.stop();
    }
  });

  it('keeps the X stream rules equal to the brand queries, following their changes', async () => {
    const actor = systemActor(t.workspaceId);
    const acme = await t.container.services.brands.create(actor, {
      name: 'Acme',
      query: '(acme OR #acme) -giveaway',
    });
    const source = await t.container.services.sources.create(actor, {
      kind: 'x_filtered_stream',
      name: 'X',
      settings: { baseUrl: fake.baseUrl, gapFill: false },
      credentials: { bearerToken: fake.bearer },
    });
    const expected = async () =>
      xRulesForBrands(
        (await t.container.services.brands.list(actor, false)).map((b) => ({
          id: b.id,
          query: b.effectiveQuery,
        })),
      )
        .rules.map((r) => `${r.tag}=${r.value}`)
        .sort();
    const actual = () => fake.rules.map((r) => `${r.tag}=${r.value}`).sort();
    const runner = await startSourceRunner(t.container, quiet, { reconcileMs: 100, backoffBaseMs: 20 });
    try {
      await until(async () => fake.openStreams > 0 && actual().length > 0);
      assert.deepEqual(actual(), await expected());
      assert.deepEqual(actual(), [`brand:${acme.id}=(acme OR #acme) -giveaway`]);

      fake.emit('acme lost my bag again', 'carol');
      await until(async () => Number((await row(source.id))?.accepted ?? 0) === 1);

      // Edit one query and add a brand: the source restarts and syncs its rules.
      await t.container.services.brands.update(actor, acme.id, { query: 'acme OR "acme air"' });
      const globex = await t.container.services.brands.create(actor, {
        name: 'Globex',
        keywords: ['globex'],
      });
      await until(async () => JSON.stringify(actual()) === JSON.stringify(await expected()));
      assert.deepEqual(actual(), [`brand:${acme.id}=acme OR "acme air"`, `brand:${globex.id}=globex`].sort());
    } finally {
      await runner.stop();
    }
    await t.container.services.sources.remove(actor, source.id);
  });

  it('shows a source whose connector retries by itself as failing, with its errors, and as active once connected', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const srv = createServer().listen(0, '127.0.0.1', () => {
        const port = (srv.address() as { port: number }).port;
        srv.close(() => resolve(port));
      });
    });
    const actor = systemActor(t.workspaceId);
    const down = await t.container.services.sources.create(actor, {
      kind: 'mastodon',
      name: 'unreachable instance',
      settings: { baseUrl: `http://127.0.0.1:${closedPort}`, hashtag: 'acme' },
      credentials: { accessToken: 'mastodon-token-value' },
    });
    // Connected but quiet: no mention arrives, yet the source is up.
    const idle = await t.container.services.sources.create(actor, {
      kind: 'x_filtered_stream',
      name: 'quiet X',
      settings: { baseUrl: fake.baseUrl, gapFill: false, rules: [{ value: 'nothing-matches', tag: 'q' }] },
      credentials: { bearerToken: fake.bearer },
    });
    const runner = await startSourceRunner(t.container, quiet, { reconcileMs: 100, backoffBaseMs: 20 });
    try {
      await until(async () => ((await row(down.id))?.recentErrors.length ?? 0) >= 2);
      const failing = await row(down.id);
      assert.equal(failing!.status, 'error');
      assert.doesNotMatch(JSON.stringify(failing!.recentErrors), /mastodon-token-value/);
      await until(async () => (await row(idle.id))?.status === 'active');
    } finally {
      await runner.stop();
    }
    await t.container.services.sources.remove(actor, down.id);
    await t.container.services.sources.remove(actor, idle.id);
  });

  it('never lets a credential into a recorded error', async () => {
    assert.equal(
      scrubSecrets('GET /x?key=AIzaSecret123 failed (AIzaSecret123)', ['AIzaSecret123', 'ab']),
      'GET /x?key=[redacted] failed ([redacted])',
    );
    const actor = systemActor(t.workspaceId);
    const source = await t.container.services.sources.create(actor, {
      kind: 'x_filtered_stream',
      name: 'X with a wrong token',
      settings: { baseUrl: fake.baseUrl, gapFill: false, rules: [{ value: 'acme', tag: 'acme' }] },
      credentials: { bearerToken: 'wrong-bearer-token-value' },
    });
    const runner = await startSourceRunner(t.container, quiet, { reconcileMs: 100, backoffBaseMs: 20 });
    try {
      await until(async () => (await row(source.id))?.status === 'error');
      const after = await row(source.id);
      assert.equal(after!.recentErrors.length, 1, 'a refused token is not retried');
      assert.doesNotMatch(JSON.stringify(after), /wrong-bearer-token-value/);
    } finally {
      await runner.stop();
    }
  });
});
