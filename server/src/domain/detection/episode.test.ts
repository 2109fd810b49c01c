import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createEpisodeState, severityLevel, stepEpisode, DEFAULT_SEVERITY_THRESHOLDS } from './episode';
import type { EpisodeOptions } from './episode';

function run(scores: readonly number[], options: EpisodeOptions = {}) {
  const state = createEpisodeState(options);
  return scores.map((score) => stepEpisode(state, score));
}

const firedAt = (steps: ReturnType<typeof run>): number[] =>
  steps.flatMap((step, i) => (step.fired ? [i] : []));

describe('episode', () => {
  it('fires once at the onset and stays quiet while the same episode goes on', () => {
    const steps = run([0.1, 0.2, 0.75, 0.8, 0.72, 0.4, 0.78, 0.75]);
    assert.deepEqual(firedAt(steps), [2]);
    assert.equal(steps[2]?.isOnset, true);
    assert.equal(steps[2]?.severity, 'low');
    assert.ok(steps.slice(2).every((step) => step.episodeOpen));
  });

  it('does not fire on scores below the lowest threshold', () => {
    const steps = run([0, 0.3, 0.69, 0.5, 0.2]);
    assert.deepEqual(firedAt(steps), []);
    assert.ok(steps.every((step) => !step.episodeOpen && step.severity === null));
  });

  it('fires again when the episode escalates to a new severity level, once per level', () => {
    const steps = run([0.75, 0.8, 0.92, 0.93, 0.91, 0.99, 0.95, 0.999, 0.999]);
    assert.deepEqual(firedAt(steps), [0, 2, 5, 7]);
    assert.deepEqual(
      [2, 5, 7].map((i) => steps[i]?.isEscalation),
      [true, true, true],
    );
    assert.deepEqual(
      [0, 2, 5, 7].map((i) => steps[i]?.severity),
      ['low', 'medium', 'high', 'critical'],
    );
    assert.equal(steps[8]?.peakSeverity, 'critical');
  });

  it('fires at the severity reached when the onset jumps straight to a high level', () => {
    const steps = run([0.2, 0.99, 0.95, 0.999]);
    assert.deepEqual(firedAt(steps), [1, 3]);
    assert.equal(steps[1]?.severity, 'high');
  });

  it('stays in the episode through a short lull, then re-arms after enough quiet buckets', () => {
    const quiet = (n: number): number[] => new Array<number>(n).fill(0.05);
    const steps = run([0.8, ...quiet(4), 0.8, ...quiet(5), 0.8], { quietBuckets: 5 });
    // The lull of 4 keeps the episode open; the lull of 5 ends it; the next 0.8 is a new onset.
    assert.deepEqual(firedAt(steps), [0, 11]);
    assert.equal(steps[10]?.episodeOpen, false);
    assert.equal(steps[11]?.isOnset, true);
  });

  it('counts a bucket as quiet only below the close threshold (hysteresis)', () => {
    const steps = run([0.8, 0.5, 0.5, 0.5, 0.5, 0.8], { quietBuckets: 3, closeBelow: 0.3 });
    assert.deepEqual(firedAt(steps), [0]);
    assert.ok(steps.every((step) => step.episodeOpen));
  });

  it('forgets the escalation level once the episode ended', () => {
    const steps = run([0.95, 0.1, 0.1, 0.95], { quietBuckets: 2 });
    assert.deepEqual(firedAt(steps), [0, 3]);
    assert.equal(steps[3]?.isOnset, true);
  });

  it('survives a JSON round-trip of its state', () => {
    const state = createEpisodeState();
    stepEpisode(state, 0.8);
    const restored = JSON.parse(JSON.stringify(state)) as typeof state;
    assert.deepEqual(stepEpisode(restored, 0.85), stepEpisode(state, 0.85));
    assert.deepEqual(stepEpisode(restored, 0.95), stepEpisode(state, 0.95));
  });

  it('maps scores to severity levels by threshold', () => {
    assert.equal(severityLevel(DEFAULT_SEVERITY_THRESHOLDS, 0.69), -1);
    assert.equal(severityLevel(DEFAULT_SEVERITY_THRESHOLDS, 0.7), 0);
    assert.equal(severityLevel(DEFAULT_SEVERITY_THRESHOLDS, 0.9), 1);
    assert.equal(severityLevel(DEFAULT_SEVERITY_THRESHOLDS, 0.98), 2);
    assert.equal(severityLevel(DEFAULT_SEVERITY_THRESHOLDS, 1), 3);
  });

  it('rejects thresholds that do not ascend', () => {
    assert.throws(
      () => createEpisodeState({ thresholds: { low: 0.9, medium: 0.8, high: 0.95, critical: 0.99 } }),
      RangeError,
    );
  });
});
