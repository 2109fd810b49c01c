import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  parseSeriesHeader,
  parseSeriesRow,
  parseTimestamp,
  SeriesInputError,
  splitCsvLine,
} from './series-csv';

describe('parseTimestamp', () => {
  const facts: [string, number | null][] = [
    ['2026-01-05 10:30:00', Date.UTC(2026, 0, 5, 10, 30)],
    ['2026-01-05T10:30:00', Date.UTC(2026, 0, 5, 10, 30)],
    ['2026-01-05T10:30:00Z', Date.UTC(2026, 0, 5, 10, 30)],
    ['2026-01-05T10:30:00.250Z', Date.UTC(2026, 0, 5, 10, 30, 0, 250)],
    ['2026-01-05T10:30:00+02:00', Date.UTC(2026, 0, 5, 8, 30)],
    ['2026-01-05T10:30:00-0130', Date.UTC(2026, 0, 5, 12, 0)],
    ['2026-01-05 10:30', Date.UTC(2026, 0, 5, 10, 30)],
    ['2026-01-05', Date.UTC(2026, 0, 5)],
    ['1767608400', 1767608400 * 1000],
    ['1767608400.5', 1767608400500],
    ['2026-02-31 00:00:00', null],
    ['2026-13-01', null],
    ['05/01/2026', null],
    ['yesterday', null],
    ['', null],
  ];
  for (const [text, expected] of facts) {
    it(`reads "${text}" as ${expected === null ? 'not a timestamp' : new Date(expected).toISOString()}`, () => {
      assert.equal(parseTimestamp(text), expected);
    });
  }
});

describe('splitCsvLine', () => {
  it('splits plain and quoted fields, with doubled quotes and embedded commas', () => {
    assert.deepEqual(splitCsvLine('a,b,,c'), ['a', 'b', '', 'c']);
    assert.deepEqual(splitCsvLine('"x, y","say ""hi""",3'), ['x, y', 'say "hi"', '3']);
    assert.equal(splitCsvLine('"unclosed,1'), null);
  });
});

describe('parseSeriesRow', () => {
  const header = parseSeriesHeader('timestamp,value,note', 'series.csv');

  it('reads a timestamp and a value, and an empty value as missing', () => {
    assert.deepEqual(parseSeriesRow('2026-01-05 00:05:00,12,x', 2, header, null, 'series.csv'), {
      timestampMs: Date.UTC(2026, 0, 5, 0, 5),
      value: 12,
    });
    assert.equal(parseSeriesRow('2026-01-05 00:05:00,,x', 2, header, null, 'series.csv').value, null);
  });

  it('names the file, the line and the field of a bad value', () => {
    assert.throws(
      () => parseSeriesRow('2026-01-05 00:05:00,abc', 12, header, null, 'series.csv'),
      (error: unknown) =>
        error instanceof SeriesInputError &&
        error.message === 'series.csv line 12: value "abc" is not a number',
    );
    assert.throws(
      () => parseSeriesRow('2026-01-05 00:05:00,12abc', 3, header, null, 'series.csv'),
      /line 3: value "12abc"/,
    );
    assert.throws(
      () => parseSeriesRow('2026-01-05 00:05:00,-4', 3, header, null, 'series.csv'),
      /line 3: value "-4" is negative/,
    );
  });

  it('rejects a bad or non-increasing timestamp with its line', () => {
    assert.throws(
      () => parseSeriesRow('soon,1', 7, header, null, 'series.csv'),
      /series.csv line 7: timestamp "soon"/,
    );
    const t = Date.UTC(2026, 0, 5, 0, 5);
    assert.throws(
      () => parseSeriesRow('2026-01-05 00:05:00,1', 8, header, t, 'series.csv'),
      /line 8: timestamp "2026-01-05 00:05:00" is not after the previous row's/,
    );
  });

  it('finds the columns in any order and requires both', () => {
    assert.deepEqual(parseSeriesHeader('value,Timestamp', 'f.csv'), { timestampIndex: 1, valueIndex: 0 });
    assert.throws(() => parseSeriesHeader('time,value', 'f.csv'), /f.csv line 1: .*missing: timestamp/);
  });
});
