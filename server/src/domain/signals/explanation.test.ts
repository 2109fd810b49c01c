import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SignalMetricReading } from '../../../../contracts';
import {
  affectedPlatforms,
  mergeReadings,
  mergeSeriesPoints,
  platformImpacts,
  readingSentence,
  selectTopPosts,
  signalTitle,
} from './explanation';

const reading = (over: Partial<SignalMetricReading>): SignalMetricReading => ({
  metric: 'volume',
  platform: null,
  t: '2026-01-05T12:00:00.000Z',
  observed: 412,
  expected: 35,
  lower: 20,
  upper: 55,
  score: 0.99,
  zScore: 20,
  severity: 'high',
  ...over,
});

describe('signal explanation', () => {
  it('says what happened against the baseline', () => {
    assert.equal(
      readingSentence('Acme', reading({ platform: 'x' })),
      'Mentions per minute of Acme on X: 412 against 35.0 expected (×11.8).',
    );
    assert.match(
      readingSentence('Acme', reading({ metric: 'negative_share', observed: 0.6, expected: 0.2 })),
      /60% against 20% expected\.$/,
    );
    assert.equal(
      signalTitle('Acme', 'spike', { metric: 'negative_share', platform: 'tiktok' }),
      'Negative spike for Acme on TikTok',
    );
  });

  it('keeps the latest reading per metric and platform, strongest first', () => {
    const merged = mergeReadings(
      [reading({ severity: 'low', score: 0.8 }), reading({ platform: 'x', severity: 'medium', score: 0.9 })],
      [reading({ t: '2026-01-05T12:05:00.000Z', severity: 'critical', score: 0.996 })],
    );
    assert.deepEqual(
      merged.map((r) => [r.platform, r.severity]),
      [
        [null, 'critical'],
        ['x', 'medium'],
      ],
    );
  });

  it('picks evidence posts: flagged first, then negative by reach, two per author at most', () => {
    const post = (id: string, author: string, reach: number, sentiment: 'negative' | 'neutral') => ({
      mentionId: id,
      platform: 'x' as const,
      author,
      authorFollowers: reach,
      text: id,
      url: null,
      reach,
      sentiment,
      engagement: 0,
      createdAt: '2026-01-05T12:00:00.000Z',
    });
    const top = selectTopPosts(
      [
        post('a', 'u1', 10, 'negative'),
        post('b', 'u1', 20, 'negative'),
        post('c', 'u1', 30, 'negative'),
        post('d', 'u2', 1e6, 'neutral'),
        post('e', 'u3', 5, 'neutral'),
      ],
      new Map([['e', 'fast_engagement' as const]]),
      4,
    );
    assert.deepEqual(
      top.map((p) => [p.mentionId, p.reason]),
      [
        ['e', 'fast_engagement'],
        ['c', 'top_reach'],
        ['b', 'top_reach'],
        ['d', 'sample'],
      ],
    );
  });

  it('describes platforms and merges chart points', () => {
    const impacts = platformImpacts(
      [
        { platform: 'x', count: 80, negativeCount: 40, expected: 10 },
        { platform: 'reddit', count: 15, negativeCount: 0, expected: 12 },
        { platform: 'news', count: 0, negativeCount: 0, expected: null },
      ],
      [reading({ platform: 'x' })],
    );
    assert.deepEqual(
      impacts.map((i) => [i.platform, i.negativeShare, i.score]),
      [
        ['x', 0.5, 0.99],
        ['reddit', 0, null],
      ],
    );
    assert.deepEqual(affectedPlatforms([reading({})], impacts), ['reddit', 'x']);
    assert.deepEqual(affectedPlatforms([reading({ platform: 'x' })], impacts), ['x']);
    const points = mergeSeriesPoints(
      [
        { t: '2026-01-05T12:00:00.000Z', observed: 1, expected: null, lower: null, upper: null, score: null },
        { t: '2026-01-05T12:01:00.000Z', observed: 2, expected: null, lower: null, upper: null, score: null },
      ],
      [{ t: '2026-01-05T12:01:00.000Z', observed: 2, expected: 1, lower: 0, upper: 3, score: 0.2 }],
    );
    assert.deepEqual(
      points.map((p) => p.expected),
      [null, 1],
    );
  });
});
