import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CsvReader, csvColumns, parseCsvRecord, parseJsonLine } from './import-format';

function readAll(text: string, chunk = 3) {
  const reader = new CsvReader();
  const records = [];
  for (let i = 0; i < text.length; i += chunk) records.push(...reader.push(text.slice(i, i + chunk)));
  records.push(...reader.end());
  return records;
}

describe('CSV reader (RFC 4180)', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, whatever the chunking', () => {
    const text = 'a,b,c\r\n1,"x, ""y""\r\nz",3\n\n4,,"6"\n7,8,9';
    for (const chunk of [1, 2, 5, 100]) {
      assert.deepEqual(readAll(text, chunk), [
        { fields: ['a', 'b', 'c'], line: 1 },
        { fields: ['1', 'x, "y"\r\nz', '3'], line: 2 },
        { fields: ['4', '', '6'], line: 5 },
        { fields: ['7', '8', '9'], line: 6 },
      ]);
    }
  });
});

describe('import lines', () => {
  it('accepts a JSONL mention and names the field of a bad one', () => {
    const good = parseJsonLine(
      JSON.stringify({
        platform: 'x',
        externalId: '1',
        author: { handle: 'a' },
        text: 'hi',
        createdAt: '2026-01-01T00:00:00Z',
      }),
    );
    assert.equal(good.ok, true);
    const bad = parseJsonLine(
      JSON.stringify({
        platform: 'myspace',
        externalId: '1',
        author: { handle: 'a' },
        text: 'hi',
        createdAt: '2026-01-01T00:00:00Z',
      }),
    );
    assert.equal(bad.ok, false);
    assert.match((bad as { reason: string }).reason, /^platform: /);
    const missing = parseJsonLine(
      JSON.stringify({
        platform: 'x',
        externalId: '1',
        author: {},
        text: 'hi',
        createdAt: '2026-01-01T00:00:00Z',
      }),
    );
    assert.match((missing as { reason: string }).reason, /^author\.handle: /);
    assert.match((parseJsonLine('{oops') as { reason: string }).reason, /not valid JSON/);
  });

  it('maps CSV columns to the contract and names the CSV column of a bad value', () => {
    const header = [...csvColumns];
    const row = [
      'reddit',
      't3_1',
      '',
      'bob',
      'Bob',
      '120',
      'Hello\nworld',
      '2026-01-01T00:00:00Z',
      'en',
      '5',
      '1',
      '0',
      '',
    ];
    const ok = parseCsvRecord(header, row);
    assert.equal(ok.ok, true);
    if (ok.ok) {
      assert.equal(ok.mention.author.followers, 120);
      assert.equal(ok.mention.engagement.views, null);
      assert.equal(ok.mention.url, null);
    }
    const badLikes = parseCsvRecord(
      header,
      row.map((v, i) => (i === 9 ? 'many' : v)),
    );
    assert.deepEqual(badLikes, { ok: false, reason: 'likes: "many" is not a whole number' });
    const badDate = parseCsvRecord(
      header,
      row.map((v, i) => (i === 7 ? 'yesterday' : v)),
    );
    assert.match((badDate as { reason: string }).reason, /^created_at: /);
    assert.match(
      (parseCsvRecord(header, ['x']) as { reason: string }).reason,
      /1 fields where the header has 13/,
    );
  });
});
