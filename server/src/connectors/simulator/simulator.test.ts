import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { IncomingMention } from '../../../../contracts';
import { QueryIndex } from '../../domain/query/query-matcher';
import { SimulatorConnector } from './simulator.connector';
import { crisisExcess, simulateMinute, type SimulatorPlan } from './simulator.generator';

const plan: SimulatorPlan = {
  keywords: ['Northwind Air', 'Northwind'],
  ratePerMinute: 20,
  crisis: 'instant_blow_up',
  crisisStartMinutes: 600,
  seed: 9,
  startMs: Date.UTC(2026, 10, 23), // a Monday, 00:00 UTC
};

const count = (p: SimulatorPlan, from: number, to: number) => {
  let n = 0;
  for (let m = from; m < to; m++) n += simulateMinute(p, m).mentions.length;
  return n;
};

describe('simulator', () => {
  it('is deterministic for a seed and different for another', () => {
    assert.deepEqual(simulateMinute(plan, 123), simulateMinute(plan, 123));
    assert.notDeepEqual(
      simulateMinute(plan, 123).mentions,
      simulateMinute({ ...plan, seed: 10 }, 123).mentions,
    );
  });

  it('emits valid mentions that name the brand, with unique ids and heavy-tailed audiences', () => {
    const index = new QueryIndex([{ id: 'b', query: '"northwind air" OR northwind' }]);
    const ids = new Set<string>();
    const followers: number[] = [];
    const platforms = new Set<string>();
    for (let m = 0; m < 300; m++) {
      for (const mention of simulateMinute(plan, m).mentions) {
        IncomingMention.parse(mention);
        assert.deepEqual(index.matchText(mention.text, mention.lang), ['b'], mention.text);
        assert.ok(!ids.has(mention.externalId));
        ids.add(mention.externalId);
        followers.push(mention.author.followers ?? 0);
        platforms.add(mention.platform);
        const t = Date.parse(mention.createdAt);
        assert.ok(t >= plan.startMs + m * 60_000 && t < plan.startMs + (m + 1) * 60_000);
      }
    }
    followers.sort((a, b) => a - b);
    const median = followers[Math.floor(followers.length / 2)]!;
    const top = followers[Math.floor(followers.length * 0.999)]!;
    assert.ok(median < 100 && top > 50 * median, `median ${median}, p99.9 ${top}`);
    assert.ok(platforms.size >= 8);
  });

  it('follows the daily and weekly seasons and the crisis shapes', () => {
    const calm = { ...plan, crisis: 'none' as const };
    // Monday: 03:00–05:00 UTC (night) against 13:00–15:00 UTC (afternoon).
    assert.ok(count(calm, 180, 300) * 2 < count(calm, 780, 900));
    // Saturday afternoon against Monday afternoon.
    assert.ok(count(calm, 5 * 1440 + 780, 5 * 1440 + 900) < count(calm, 780, 900));
    // The blow-up: the crisis hour carries several times the hour before it.
    assert.ok(count(plan, 600, 660) > 4 * count(plan, 540, 600));
    assert.equal(crisisExcess('dormant_then_viral', -1), 0);
    assert.ok(crisisExcess('dormant_then_viral', 100) > 10 * crisisExcess('dormant_then_viral', 20));
    assert.ok(crisisExcess('influencer_waves', 45) > crisisExcess('influencer_waves', 44));
  });

  it('pulls minute batches paced by the clock and resumes after its cursor', async () => {
    let now = plan.startMs + 10 * 60_000 + 5;
    const settings = {
      brandId: '00000000-0000-4000-8000-000000000000',
      keywords: ['Acme'],
      ratePerMinute: 30,
      seed: 4,
      startAt: new Date(plan.startMs).toISOString(),
    };
    const connector = new SimulatorConnector(settings, { now: () => now, maxBatch: 50 });
    const abort = new AbortController();
    const cursors: string[] = [];
    let total = 0;
    for await (const batch of connector.pull('4', abort.signal)) {
      cursors.push(batch.nextCursor!);
      total += batch.mentions.length;
      if (batch.nextCursor === '9') {
        now += 60_000; // minute 10 becomes due
      } else if (batch.nextCursor === '10') break;
    }
    let expected = 0;
    for (let m = 5; m <= 10; m++) expected += simulateMinute(connector.plan, m).mentions.length;
    assert.equal(total, expected);
    assert.equal(cursors.at(-1), '10');
    assert.ok(cursors.length >= 2);
  });
});
