import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Detection, maxSeverity, mergeDuplicates, planDetection, type SignalView } from './merge';

const h = 3_600_000;
const detection: Detection = {
  brandId: 'b1',
  kind: 'spike',
  seriesKey: 'all',
  metric: 'volume',
  platform: null,
  t: 10 * h,
  score: 0.95,
  severity: 'medium',
  isOnset: true,
  summary: '',
};
const signal = (over: Partial<SignalView>): SignalView => ({
  id: 's1',
  brandId: 'b1',
  status: 'open',
  severity: 'low',
  lastDetectedAt: 9.5 * h,
  createdAt: 9 * h,
  ...over,
});

describe('merging detections into signals', () => {
  it('opens a signal when the brand has none in the window', () => {
    assert.deepEqual(planDetection([], detection), { kind: 'open' });
    assert.deepEqual(planDetection([signal({ lastDetectedAt: 5 * h })], detection), { kind: 'open' });
    assert.deepEqual(planDetection([signal({ brandId: 'other' })], detection), { kind: 'open' });
    assert.deepEqual(planDetection([signal({ status: 'merged' })], detection), { kind: 'open' });
  });

  it('joins the open signal and notifies again only on a new severity', () => {
    assert.deepEqual(planDetection([signal({})], detection), {
      kind: 'update',
      signalId: 's1',
      escalated: true,
      reopen: false,
      notify: true,
    });
    assert.deepEqual(planDetection([signal({ severity: 'high' })], detection), {
      kind: 'update',
      signalId: 's1',
      escalated: false,
      reopen: false,
      notify: false,
    });
  });

  it('reopens a snoozed or dismissed signal that escalates; a crisis signal absorbs detections silently', () => {
    const snoozed = planDetection([signal({ status: 'snoozed' })], detection);
    assert.equal(snoozed.kind === 'update' && snoozed.reopen, true);
    const dismissedSame = planDetection([signal({ status: 'dismissed', severity: 'medium' })], detection);
    assert.equal(dismissedSame.kind === 'update' && !dismissedSame.reopen && !dismissedSame.notify, true);
    const crisis = planDetection([signal({ status: 'escalated' })], detection);
    assert.equal(crisis.kind === 'update' && crisis.escalated && !crisis.notify, true);
  });

  it('merges duplicate active signals of a brand into the oldest', () => {
    const out = mergeDuplicates([
      signal({ id: 'new', createdAt: 9.7 * h }),
      signal({ id: 'old' }),
      signal({ id: 'x', brandId: 'b2' }),
    ]);
    assert.deepEqual(out, [{ survivorId: 'old', mergedIds: ['new'] }]);
    assert.equal(maxSeverity('low', 'high'), 'high');
  });
});
