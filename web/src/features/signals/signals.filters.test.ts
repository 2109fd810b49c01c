import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeSignal } from './signal-fixtures.test-helpers';
import {
  filtersFromSearch,
  filtersToSearch,
  matchesQuery,
  toApiQuery,
  upsertSignal,
} from './signals.filters';

describe('signal filters in the URL', () => {
  it('reads known values, drops unknown ones, and writes back only what differs from the default', () => {
    const filters = filtersFromSearch(new URLSearchParams('view=snoozed&severity=high&kind=bogus&brand=b1'));
    assert.deepEqual(filters, { view: 'snoozed', severity: 'high', brandId: 'b1' });
    assert.deepEqual(filtersFromSearch(new URLSearchParams('view=nope')), { view: 'active' });
    const written = filtersToSearch(
      { view: 'active', kind: 'spike' },
      new URLSearchParams('view=open&other=1'),
    );
    assert.equal(written.toString(), 'other=1&kind=spike');
  });

  it('turns a view into the API query', () => {
    assert.deepEqual(toApiQuery({ view: 'active' }, 20), { limit: 20, active: 'true' });
    assert.deepEqual(toApiQuery({ view: 'closed' }, 20), { limit: 20, active: 'false' });
    assert.deepEqual(toApiQuery({ view: 'open', brandId: 'b', severity: 'high', kind: 'narrative' }, 20), {
      limit: 20,
      status: 'open',
      brandId: 'b',
      severity: 'high',
      kind: 'narrative',
    });
    assert.deepEqual(toApiQuery({ view: 'all' }, 20), { limit: 20 });
  });
});

describe('live signals in cached lists', () => {
  it('matches status views, brand, kind and minimum severity', () => {
    const s = makeSignal({ status: 'snoozed', severity: 'medium' });
    assert.equal(matchesQuery(s, { limit: 5, active: 'true' }), true);
    assert.equal(matchesQuery(s, { limit: 5, active: 'false' }), false);
    assert.equal(matchesQuery(s, { limit: 5, status: 'open' }), false);
    assert.equal(matchesQuery(s, { limit: 5, severity: 'high' }), false);
    assert.equal(matchesQuery(s, { limit: 5, severity: 'medium' }), true);
    assert.equal(matchesQuery(s, { limit: 5, brandId: 'other' }), false);
    assert.equal(matchesQuery(s, { limit: 5, kind: 'high_reach' }), false);
  });

  it('adds a new signal in order, replaces a changed one, removes one that left the view', () => {
    const older = makeSignal({ id: 'a', startedAt: '2026-03-01T09:00:00.000Z' });
    const newer = makeSignal({ id: 'b', startedAt: '2026-03-01T11:00:00.000Z' });
    const query = { limit: 10, status: 'open' as const };
    const list = upsertSignal([older], newer, query);
    assert.deepEqual(
      list.map((s) => s.id),
      ['b', 'a'],
    );
    const acknowledged = { ...newer, status: 'acknowledged' as const };
    assert.deepEqual(
      upsertSignal(list, acknowledged, query).map((s) => s.id),
      ['a'],
    );
    assert.deepEqual(
      upsertSignal(list, acknowledged, { limit: 10, active: 'true' }).map((s) => s.status),
      ['acknowledged', 'open'],
    );
    const unrelated = [older];
    assert.equal(upsertSignal(unrelated, makeSignal({ id: 'c', status: 'dismissed' }), query), unrelated);
    assert.equal(upsertSignal([older], newer, { limit: 1 }).length, 1, 'the list keeps its limit');
  });
});
