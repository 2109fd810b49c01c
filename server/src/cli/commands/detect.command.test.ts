import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'firebreak-detect-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function detect(input: string, output: string) {
  return spawnSync(process.execPath, ['bin/firebreak.js', 'detect', '--input', input, '--output', output], {
    cwd: root,
    encoding: 'utf8',
  });
}

function csv(rows: number, valueAt: (i: number) => string): string {
  const start = Date.UTC(2026, 0, 5);
  const lines = ['timestamp,value,note'];
  for (let i = 0; i < rows; i += 1) {
    const stamp = new Date(start + i * 300_000).toISOString().replace('T', ' ').slice(0, 19);
    lines.push(`${stamp},${valueAt(i)},n${i}`);
  }
  return `${lines.join('\n')}\n`;
}

describe('firebreak detect', () => {
  it('repeats every row unchanged and adds an anomaly_score in [0, 1]', () => {
    const input = join(dir, 'series.csv');
    const output = join(dir, 'scores.csv');
    // Two days of counts with a missing bucket and a burst at the end.
    const text = csv(600, (i) => (i === 100 ? '' : String(i >= 590 ? 150 : 20 + (i % 7))));
    writeFileSync(input, text);
    const result = detect(input, output);
    assert.equal(result.status, 0, result.stderr);
    const inLines = text.trimEnd().split('\n');
    const outLines = readFileSync(output, 'utf8').trimEnd().split('\n');
    assert.equal(outLines.length, inLines.length);
    assert.equal(outLines[0], 'timestamp,value,note,anomaly_score');
    const scores = outLines.slice(1).map((line, i) => {
      assert.ok(line.startsWith(`${inLines[i + 1]},`), `row ${i + 1} changed: ${line}`);
      const score = line.slice(line.lastIndexOf(',') + 1);
      assert.match(score, /^\d\.\d{6}$/);
      return Number(score);
    });
    assert.ok(scores.every((s) => s >= 0 && s <= 1));
    assert.equal(scores[100], 0);
    assert.ok((scores[590] ?? 0) > 0.9, `burst score ${scores[590]}`);
  });

  it('stops at a bad value with its line and field, exit code 1, and leaves no output file', () => {
    const input = join(dir, 'bad.csv');
    const output = join(dir, 'bad-scores.csv');
    writeFileSync(
      input,
      csv(20, (i) => (i === 10 ? 'abc' : '5')),
    );
    const result = detect(input, output);
    assert.equal(result.status, 1);
    assert.match(result.stderr, /bad\.csv line 12: value "abc" is not a number/);
    assert.equal(existsSync(output), false);
    assert.deepEqual(
      readdirSync(dir).filter((name) => name.includes('bad-scores')),
      [],
    );
  });

  it('rejects an input without a timestamp,value header', () => {
    const input = join(dir, 'noheader.csv');
    writeFileSync(input, '2026-01-05 00:00:00,5\n');
    const result = detect(input, join(dir, 'noheader-scores.csv'));
    assert.equal(result.status, 1);
    assert.match(result.stderr, /noheader\.csv line 1: the header needs columns timestamp and value/);
    assert.equal(existsSync(join(dir, 'noheader-scores.csv')), false);
  });
});
