import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { declareFromSearch } from './declare-link';

const signal = '5b0f4a7e-8c1d-4e2f-9a3b-6c7d8e9f0a1b';
const brand = '0b7d8c2e-55aa-4d4c-9a3e-2f9f3f6e1d01';
const m1 = '11111111-2222-4333-8444-555555555555';
const m2 = '66666666-7777-4888-9999-aaaaaaaaaaaa';

describe('declareFromSearch', () => {
  it('is null for a plain crises page', () => {
    assert.equal(declareFromSearch(new URLSearchParams('')), null);
    assert.equal(declareFromSearch(new URLSearchParams('status=open')), null);
  });
  it('reads a signal’s declaration link: signal, brand, evidence, title, type and severity', () => {
    const params = new URLSearchParams({
      signal,
      brand,
      mentions: `${m1}, ${m2}`,
      title: 'Holiday ad backlash',
      type: 'offensive_ad',
      severity: 'SEV1',
    });
    assert.deepEqual(declareFromSearch(params), {
      title: 'Holiday ad backlash',
      type: 'offensive_ad',
      severity: 'SEV1',
      signalId: signal,
      brandId: brand,
      evidenceMentionIds: [m1, m2],
    });
  });
  it('drops what is not a known type, severity or id, and keeps the rest', () => {
    const params = new URLSearchParams({
      declare: '1',
      type: 'meteor',
      severity: 'SEV9',
      signal: 'nope',
      mentions: `${m1},m2,`,
    });
    assert.deepEqual(declareFromSearch(params), { evidenceMentionIds: [m1] });
  });
});
