import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { whoIsOnCall } from './on-call';

const t = (iso: string) => new Date(iso);

describe('whoIsOnCall', () => {
  const rotation = { memberIds: ['a', 'b', 'c'], handoffEveryHours: 12, startsAt: t('2026-11-20T08:00:00Z') };
  it('hands off in rotation order every period, wrapping around', () => {
    const at = (iso: string) => whoIsOnCall({ rotation, overrides: [] }, t(iso));
    assert.equal(at('2026-11-20T08:00:00Z'), 'a');
    assert.equal(at('2026-11-20T19:59:59Z'), 'a');
    assert.equal(at('2026-11-20T20:00:00Z'), 'b');
    assert.equal(at('2026-11-21T08:00:00Z'), 'c');
    assert.equal(at('2026-11-21T20:00:00Z'), 'a');
  });
  it('has nobody on call before the rotation starts or without a rotation', () => {
    assert.equal(whoIsOnCall({ rotation, overrides: [] }, t('2026-11-20T07:59:59Z')), null);
    assert.equal(whoIsOnCall({ rotation: null, overrides: [] }, t('2026-11-20T09:00:00Z')), null);
  });
  it('lets an override win while it lasts (the most recent one when they overlap)', () => {
    const overrides = [
      {
        memberId: 'x',
        startsAt: t('2026-11-20T09:00:00Z'),
        endsAt: t('2026-11-20T12:00:00Z'),
        createdAt: t('2026-11-01T00:00:00Z'),
      },
      {
        memberId: 'y',
        startsAt: t('2026-11-20T10:00:00Z'),
        endsAt: t('2026-11-20T11:00:00Z'),
        createdAt: t('2026-11-02T00:00:00Z'),
      },
    ];
    const at = (iso: string) => whoIsOnCall({ rotation, overrides }, t(iso));
    assert.equal(at('2026-11-20T09:30:00Z'), 'x');
    assert.equal(at('2026-11-20T10:30:00Z'), 'y');
    assert.equal(at('2026-11-20T11:30:00Z'), 'x');
    assert.equal(at('2026-11-20T12:00:00Z'), 'a');
  });
});
