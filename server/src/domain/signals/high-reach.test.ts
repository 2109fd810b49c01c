import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findHighReachPosts, type ReachPost } from './high-reach';

const now = Date.UTC(2026, 0, 5, 12, 0);
const base: ReachPost = {
  id: 'p',
  followers: 200,
  reach: 250,
  negative: false,
  likes: 3,
  reposts: 0,
  replies: 0,
  createdAtMs: now - 60_000,
};

describe('high-reach posts', () => {
  it('flags negative posts by large audiences, graded by reach', () => {
    const hits = findHighReachPosts(
      [
        { ...base, id: 'small', negative: true },
        { ...base, id: 'big', negative: true, followers: 2_000_000, reach: 2_000_000 },
        { ...base, id: 'huge', negative: true, followers: 20_000_000, reach: 30_000_000 },
        { ...base, id: 'mid', negative: true, followers: 300_000, reach: 300_000 },
        { ...base, id: 'big-positive', negative: false, followers: 2_000_000, reach: 2_000_000 },
      ],
      now,
    );
    assert.deepEqual(
      hits.map((h) => [h.id, h.reason, h.severity]),
      [
        ['huge', 'high_reach_negative', 'high'],
        ['big', 'high_reach_negative', 'low'],
      ],
    );
  });

  it('flags engagement far beyond what the author’s audience gives a post of that age', () => {
    const hits = findHighReachPosts(
      [
        { ...base, id: 'viral', followers: 1000, likes: 2000, reposts: 500 },
        { ...base, id: 'normal', followers: 100_000, likes: 1500 },
        { ...base, id: 'old', followers: 1000, likes: 600, createdAtMs: now - 48 * 3_600_000 },
      ],
      now,
    );
    assert.deepEqual(
      hits.map((h) => h.id),
      ['viral'],
    );
    assert.equal(hits[0]!.reason, 'fast_engagement');
    assert.ok(hits[0]!.score >= 0.7 && hits[0]!.score <= 1);
  });
});
