import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import type { SignalDetail } from '@contracts';
import { QueryClient } from '@tanstack/react-query';
import { dispatchLiveEvent } from '../../api/live-events';
import { makeSignal } from './signal-fixtures.test-helpers';
import { signalKeys, type SignalList } from './signals.api';
import { toApiQuery } from './signals.filters';

const clients: QueryClient[] = [];
function client(): QueryClient {
  const qc = new QueryClient();
  clients.push(qc);
  return qc;
}
afterEach(() => {
  for (const qc of clients.splice(0)) qc.clear();
});

const frame = (payload: unknown) =>
  JSON.stringify({ id: '1', name: 'x', payload, at: '2026-03-01T10:00:00Z' });

describe('signal live events in the cache', () => {
  it('puts an opened signal into the lists it matches and moves an acknowledged one between views', () => {
    const qc = client();
    const open = toApiQuery({ view: 'open' });
    const active = toApiQuery({ view: 'active' });
    const closed = toApiQuery({ view: 'closed' });
    for (const q of [open, active, closed]) qc.setQueryData<SignalList>(signalKeys.list(q), { signals: [] });

    const signal = makeSignal();
    assert.ok(dispatchLiveEvent(qc, 'signal.opened', frame(signal)));
    const ids = (q: typeof open) =>
      qc.getQueryData<SignalList>(signalKeys.list(q))!.signals.map((s) => s.status);
    assert.deepEqual([ids(open), ids(active), ids(closed)], [['open'], ['open'], []]);

    assert.ok(dispatchLiveEvent(qc, 'signal.updated', frame({ ...signal, status: 'acknowledged' })));
    assert.deepEqual([ids(open), ids(active), ids(closed)], [[], ['acknowledged'], []]);

    assert.ok(dispatchLiveEvent(qc, 'signal.updated', frame({ ...signal, status: 'dismissed' })));
    assert.deepEqual([ids(open), ids(active), ids(closed)], [[], [], ['dismissed']]);
  });

  it('updates an open signal view in place', () => {
    const qc = client();
    const signal = makeSignal();
    const detail: SignalDetail = {
      signal,
      chart: signal.explanation.series,
      detections: [],
      feedback: [],
      merged: [],
    };
    qc.setQueryData(signalKeys.detail(signal.id), detail);
    dispatchLiveEvent(
      qc,
      'signal.updated',
      frame({ ...signal, status: 'snoozed', snoozedUntil: '2026-03-01T12:00:00Z' }),
    );
    const after = qc.getQueryData<SignalDetail>(signalKeys.detail(signal.id))!;
    assert.equal(after.signal.status, 'snoozed');
    assert.equal(after.chart, detail.chart, 'the rest of the view is kept');
  });
});
