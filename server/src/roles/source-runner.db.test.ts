import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SimulatorSettings } from '../../../contracts';
import { simulateMinute } from '../connectors/simulator/simulator.generator';
import { systemActor } from '../domain/actor';
import { createTestApp, type TestApp } from '../../test/app';
import { SourceRunner, backoffDelay } from './source-runner';

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
