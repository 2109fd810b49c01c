import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  clusterPosts,
  createNarrativeBaseline,
  fingerprint,
  learnNarratives,
  narrativeSeverity,
  type NarrativePost,
  postTerms,
  scanNarratives,
} from './narratives';

const normalTexts = [
  'Just tried Acme and honestly it is great, love it',
  'Does anyone know if Acme ships to Canada?',
  'Worst experience ever with Acme, never again',
  'Acme announced a new store opening downtown',
  'Big fan of Acme. Recommended it to all my friends',
];

function posts(texts: string[], prefix: string): NarrativePost[] {
  return texts.map((text, i) => ({
    id: `${prefix}${i}`,
    text,
    author: `user${i}`,
    platform: i % 2 ? 'x' : 'reddit',
  }));
}

function normalWindow(n: number, prefix: string): NarrativePost[] {
  return posts(
    Array.from({ length: n }, (_, i) => normalTexts[i % normalTexts.length]!),
    prefix,
  );
}

describe('narratives', () => {
  it('extracts terms, hashtags and phrases, and fingerprints posts', () => {
    const terms = postTerms('Boycott Acme now! #AcmeFail https://x.co/abc @someone refund chaos');
    assert.equal(terms.get('#acmefail'), 'hashtag');
    assert.equal(terms.get('refund chaos'), 'phrase');
    assert.equal(terms.get('boycott'), 'term');
    assert.ok(!terms.has('now'), 'short and stop words are left out');
    assert.equal(fingerprint('RT @bob: Acme is DOWN 42 https://t.co/x'), 'rt acme is down');
  });

  it('clusters near-identical posts and keeps different posts apart', () => {
    const clusters = clusterPosts(
      posts(
        [
          'Acme stole my data, delete your account now #acmeleak',
          'acme stole my data delete your account now #acmeleak https://t.co/1',
          'Acme stole my data, delete your account now!! #acmeleak @friend',
          'Acme stole my data, please delete your account now #acmeleak',
          'I like the new Acme phone',
        ],
        'p',
      ),
    );
    const sizes = clusters.map((c) => c.posts.length).sort();
    assert.deepEqual(sizes, [1, 4]);
  });

  it('finds terms and copy-paste clusters whose share jumps, not the usual chatter', () => {
    const baseline = createNarrativeBaseline();
    for (let w = 0; w < 30; w += 1) learnNarratives(baseline, normalWindow(50, `n${w}-`), 10);
    const quiet = scanNarratives(baseline, normalWindow(50, 'q'));
    assert.ok(quiet.isWarm);
    assert.deepEqual(quiet.terms, []);
    assert.deepEqual(quiet.clusters, []);
    const campaign = Array.from(
      { length: 25 },
      () => 'Acme hides the battery fires, spread the word #acmefire',
    );
    const scan = scanNarratives(baseline, [...normalWindow(50, 'c'), ...posts(campaign, 'k')]);
    assert.ok(scan.terms.some((t) => t.term === '#acmefire' && t.count === 25 && t.ratio >= 4));
    assert.ok(scan.terms.some((t) => t.term === 'battery fires' && t.kind === 'phrase'));
    assert.ok(!scan.terms.some((t) => t.term === 'acme'), 'the brand name itself does not surge in share');
    assert.equal(scan.clusters[0]?.size, 25);
    assert.equal(narrativeSeverity(scan), 'medium');
  });

  it('reports nothing before the baseline is warm', () => {
    const scan = scanNarratives(createNarrativeBaseline(), posts(Array(20).fill('#new #new thing'), 'x'));
    assert.equal(scan.isWarm, false);
    assert.deepEqual(scan.terms, []);
  });
});
