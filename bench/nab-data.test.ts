import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadNabSeries, parseSeriesFile, rebuildCsv } from './nab-data';

describe('NAB .series format', () => {
  it('rebuilds stepped rows, gaps, repeated timestamps and CR LF line endings exactly', () => {
    const parsed = parseSeriesFile(
      [
        '# a comment',
        'step 3600',
        'eol crlf',
        '2011-07-01 00:00:01,0.5',
        '0.25',
        '2011-07-01 03:00:01,1',
        '2011-07-01 03:00:01,2',
        '3',
      ].join('\n'),
      'test',
    );
    assert.equal(
      rebuildCsv(parsed),
      'timestamp,value\r\n2011-07-01 00:00:01,0.5\r\n2011-07-01 01:00:01,0.25\r\n' +
        '2011-07-01 03:00:01,1\r\n2011-07-01 03:00:01,2\r\n2011-07-01 04:00:01,3\r\n',
    );
  });

  it('reads dated short rows and a missing final newline', () => {
    const parsed = parseSeriesFile(
      ['no-final-newline', 'date 2015-09-08', '11:39,73', '23:59,5.5', 'date 2015-09-09', '00:06,57'].join(
        '\n',
      ),
      'test',
    );
    assert.equal(
      rebuildCsv(parsed),
      'timestamp,value\n2015-09-08 11:39:00,73\n2015-09-08 23:59:00,5.5\n2015-09-09 00:06:00,57',
    );
  });

  it('rejects values that are not numbers and bare values without a step', () => {
    assert.throws(() => parseSeriesFile('step 60\n2015-01-01 00:00:00,1\nabc', 't'), /bad value/);
    assert.throws(() => parseSeriesFile('2015-01-01 00:00:00,1\n2', 't'), /needs a previous row and a step/);
    assert.throws(() => parseSeriesFile('11:00,1', 't'), /needs a date line/);
  });
});

describe('the stored NAB subset (bench/data/nab)', () => {
  it('rebuilds each source file with its exact length, rows and windows, and holds no realTweets', () => {
    const expected: Record<string, [number, number, number]> = {
      'realAdExchange/exchange-2_cpc_results.csv': [58_887, 1_624, 2],
      'realAdExchange/exchange-2_cpm_results.csv': [58_313, 1_624, 2],
      'realAdExchange/exchange-3_cpc_results.csv': [55_474, 1_538, 3],
      'realAdExchange/exchange-3_cpm_results.csv': [54_949, 1_538, 1],
      'realAdExchange/exchange-4_cpc_results.csv': [60_212, 1_643, 3],
      'realAdExchange/exchange-4_cpm_results.csv': [58_931, 1_643, 4],
      'realTraffic/occupancy_6005.csv': [59_614, 2_400, 2],
      'realTraffic/speed_7578.csv': [25_928, 1_127, 3],
      'realTraffic/TravelTime_387.csv': [59_846, 2_500, 3],
      'realTraffic/TravelTime_451.csv': [51_918, 2_162, 1],
    };
    const all = loadNabSeries();
    assert.deepEqual(all.map((s) => s.key).sort(), Object.keys(expected).sort());
    for (const series of all) {
      const [chars, rows, windows] = expected[series.key] as [number, number, number];
      assert.equal(rebuildCsv(series).length, chars, series.key);
      assert.equal(series.timestamps.length, rows, series.key);
      assert.equal(series.windows.length, windows, series.key);
      for (const w of series.windows) {
        assert.ok(series.timestampsMs.includes(w.startMs), `${series.key}: window start on a row`);
        assert.ok(series.timestampsMs.includes(w.endMs), `${series.key}: window end on a row`);
      }
      assert.ok(!series.category.toLowerCase().includes('tweet'));
    }
  });
});
