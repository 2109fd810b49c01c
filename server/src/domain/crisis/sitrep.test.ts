import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { severityCriteria } from '../../../../contracts';
import { nextSitrepDue } from './sitrep';

describe('nextSitrepDue', () => {
  const from = new Date('2026-11-20T10:00:00Z');
  it('follows the severity cadence: hourly for SEV1 down to daily for SEV4', () => {
    assert.equal(nextSitrepDue('SEV1', from).toISOString(), '2026-11-20T11:00:00.000Z');
    assert.equal(nextSitrepDue('SEV2', from).toISOString(), '2026-11-20T12:00:00.000Z');
    assert.equal(nextSitrepDue('SEV3', from).toISOString(), '2026-11-20T14:00:00.000Z');
    assert.equal(nextSitrepDue('SEV4', from).toISOString(), '2026-11-21T10:00:00.000Z');
  });
  it('writes the cadence into each severity’s criteria, so people read what the system does', () => {
    assert.match(severityCriteria.SEV1.criteria, /every hour/);
    assert.match(severityCriteria.SEV2.criteria, /every 2 hours/);
    assert.match(severityCriteria.SEV3.criteria, /every 4 hours/);
    assert.match(severityCriteria.SEV4.criteria, /Daily/);
  });
});
