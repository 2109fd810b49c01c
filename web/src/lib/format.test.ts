import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatDateTime, formatRelative, localInputToIso } from './format';

describe('formatRelative', () => {
  const now = Date.parse('2026-03-12T12:00:00Z');

  it('says "never" for a missing time', () => {
    assert.equal(formatRelative(null, now), 'never');
  });

  it('says "just now" within the minute', () => {
    assert.equal(formatRelative('2026-03-12T11:59:30Z', now), 'just now');
  });

  it('counts hours in the past', () => {
    assert.equal(formatRelative('2026-03-12T09:00:00Z', now), '3 hours ago');
  });
});

describe('localInputToIso', () => {
  it('gives undefined for an empty or invalid input', () => {
    assert.equal(localInputToIso(''), undefined);
    assert.equal(localInputToIso('not a date'), undefined);
  });

  it('turns a datetime-local value into an ISO instant', () => {
    const iso = localInputToIso('2026-03-12T14:05');
    assert.ok(iso);
    assert.equal(new Date(iso).getTime(), new Date('2026-03-12T14:05').getTime());
  });
});

describe('formatDateTime', () => {
  it('shows an em dash for a missing time', () => {
    assert.equal(formatDateTime(null), '—');
  });
});
