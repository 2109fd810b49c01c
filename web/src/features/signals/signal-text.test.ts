import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeSignal } from './signal-fixtures.test-helpers';
import { baselineMetric, formatMetricValue, formatRatio, formatScore, ownershipLine } from './signal-text';

describe('numbers in the explanation', () => {
  it('reads shares in percent, reach compact, counts plainly', () => {
    assert.equal(formatMetricValue('negative_share', 0.423), '42.3%');
    assert.equal(formatMetricValue('negative_reach', 1_250_000), '1.3M');
    assert.equal(formatMetricValue('volume', 12.34), '12.3');
    assert.equal(formatMetricValue('volume', null), '—');
    assert.equal(formatRatio(38.4), '×38');
    assert.equal(formatRatio(2.44), '×2.4');
    assert.equal(formatRatio(null), '—');
    assert.equal(formatScore(0.934), '93');
  });
});

describe('ownershipLine', () => {
  const names = (id: string) => (id === 'm1' ? 'Ada' : 'someone else');
  const now = Date.parse('2026-03-01T12:00:00.000Z');
  it('says who owns it and what happens next', () => {
    assert.match(ownershipLine(makeSignal(), names, now), /Nobody has acknowledged it yet/);
    assert.match(ownershipLine(makeSignal({ escalationLevel: 2 }), names, now), /escalated 2 times/);
    assert.match(
      ownershipLine(
        makeSignal({ status: 'acknowledged', ownerId: 'm1', acknowledgedAt: '2026-03-01T11:00:00.000Z' }),
        names,
        now,
      ),
      /^Acknowledged by Ada at .+\. Escalation stopped\.$/,
    );
    assert.match(
      ownershipLine(
        makeSignal({ status: 'snoozed', ownerId: 'm1', snoozedUntil: '2026-03-01T13:00:00.000Z' }),
        names,
        now,
      ),
      /^Snoozed by Ada until .+; it opens again then\.$/,
    );
    assert.equal(
      ownershipLine(makeSignal({ status: 'escalated' }), names, now),
      'A crisis was declared from this signal.',
    );
  });
});

describe('baselineMetric', () => {
  it('names the metric of the reading the figures come from', () => {
    const { explanation } = makeSignal();
    const reading = {
      metric: 'negative_reach' as const,
      platform: null,
      t: '2026-03-01T10:00:00.000Z',
      observed: 75.6,
      expected: 3.46,
      lower: 0,
      upper: 15,
      score: 0.99,
      zScore: 12,
      severity: 'high' as const,
    };
    assert.equal(
      baselineMetric({ ...explanation, baseline: 3.46, observed: 75.6, readings: [reading] }),
      'negative_reach',
    );
    assert.equal(
      baselineMetric({ ...explanation, readings: [reading] }),
      'volume',
      'no match: the opening metric',
    );
  });
});
