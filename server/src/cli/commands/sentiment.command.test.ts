import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { SentimentModel } from '../../domain/sentiment/sentiment-model';
import { seededRandom } from '../../domain/sentiment/sentiment-training';
import { SentimentModelRepository } from '../../repositories/sentiment-model.repository';
import { scoreLines } from './sentiment.command';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const labels = new Set(['negative', 'neutral', 'positive']);

function firebreak(
  args: string[],
  input?: string | Buffer,
): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [join(root, 'bin', 'firebreak.js'), ...args], {
    cwd: tmpdir(),
    input: input ?? '',
    maxBuffer: 1 << 28,
  });
  return {
    status: result.status,
    stdout: result.stdout.toString('utf8'),
    stderr: result.stderr.toString('utf8'),
  };
}

function jsonLines(
  stdout: string,
): Array<{ label: string; probabilities: Record<string, number>; confidence: number }> {
  const lines = stdout.split('\n');
  assert.equal(lines.pop(), '', 'the output ends with a newline');
  return lines.map(
    (line) =>
      JSON.parse(line) as { label: string; probabilities: Record<string, number>; confidence: number },
  );
}

class Collector extends Writable {
  text = '';
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString('utf8');
    done();
  }
}

describe('firebreak sentiment (scoring)', () => {
  it('answers every stdin line with one JSON line, in order, whatever the bytes', () => {
    const input = Buffer.concat([
      Buffer.from('I love this airline, best crew ever! :)\n\nworst service ever, lost my bag :(\r\n'),
      Buffer.from([0xff, 0xfe, 0x00, 0x80, 0xc3, 0x28, 0x0a]), // invalid UTF-8, a NUL, then \n
      Buffer.from(`${'very long line '.repeat(20_000)}\n   \nthe meeting is at 10am\nno newline at the end`),
    ]);
    const result = firebreak(['sentiment'], input);
    assert.equal(result.status, 0, result.stderr);
    const answers = jsonLines(result.stdout);
    assert.equal(answers.length, 8);
    for (const answer of answers) {
      assert.ok(labels.has(answer.label), JSON.stringify(answer));
      const { negative = NaN, neutral = NaN, positive = NaN } = answer.probabilities;
      assert.ok(Math.abs(negative + neutral + positive - 1) < 1e-5);
      assert.equal(answer.confidence, answer.probabilities[answer.label]);
    }
    assert.equal(answers[0]?.label, 'positive');
    assert.equal(answers[1]?.label, 'neutral'); // the empty line
    assert.equal(answers[2]?.label, 'negative');
  });

  it('adds drivers when asked', () => {
    const result = firebreak(['sentiment', '--drivers'], 'I hate delays\n');
    assert.equal(result.status, 0, result.stderr);
    const [answer] = JSON.parse(`[${result.stdout.trim()}]`) as Array<{ drivers: Array<{ token: string }> }>;
    assert.ok(
      answer?.drivers.some((driver) => driver.token === 'hate'),
      result.stdout,
    );
  });

  it('fails with a clear message when the model file does not exist', () => {
    const result = firebreak(['sentiment', '--model', join(tmpdir(), 'no-such-model.json')], 'hello\n');
    assert.equal(result.status, 1);
    assert.match(result.stderr, /no-such-model\.json: no such file/);
  });
});

describe(scoreLines.name, () => {
  let model: SentimentModel;
  before(async () => {
    model = await new SentimentModelRepository().load();
  });

  it('gives the same answers whatever the chunking, even inside a UTF-8 character or between CR and LF', async () => {
    const random = seededRandom(5);
    const pieces = [
      'great 😀 day',
      'héllo wörld',
      '',
      'not good!!!',
      '@user #fail http://x.y/z',
      '€€€',
      'ok\r',
    ];
    const lines = Array.from(
      { length: 3000 },
      (_, i) => (pieces[i % pieces.length] ?? '') + ' x'.repeat(i % 50),
    );
    const bytes = Buffer.from(lines.join('\n'), 'utf8');
    const chunks: Buffer[] = [];
    for (let at = 0; at < bytes.length;) {
      const size = 1 + Math.floor(random() * 700);
      chunks.push(bytes.subarray(at, at + size));
      at += size;
    }
    const output = new Collector();
    const { lines: count } = await scoreLines(model, Readable.from(chunks), output);
    assert.equal(count, lines.length);
    const expected = lines.map((line) => model.predict(line.endsWith('\r') ? line.slice(0, -1) : line).label);
    assert.deepEqual(
      jsonLines(output.text).map((answer) => answer.label),
      expected,
    );
  });
});

describe('firebreak sentiment train / eval', () => {
  let folder = '';
  before(() => {
    folder = mkdtempSync(join(tmpdir(), 'firebreak-sentiment-'));
    const random = seededRandom(11);
    const pick = (words: string[]): string => words[Math.floor(random() * words.length)] ?? '';
    const rows = (count: number): string =>
      Array.from({ length: count }, (_, i) => {
        const label = i % 3;
        const word = pick(
          [
            ['awful', 'hate', 'worst'],
            ['today', 'meeting', 'schedule'],
            ['love', 'great', 'thanks'],
          ][label] ?? [],
        );
        return `${['negative', '1', 'positive'][label]}\t${pick(['the', 'my', 'our'])} ${word} ${pick(['flight', 'phone', 'app'])}`;
      }).join('\n');
    writeFileSync(join(folder, 'train.tsv'), `${rows(300)}\n`);
    writeFileSync(join(folder, 'val.tsv'), `${rows(60)}\n`);
    writeFileSync(join(folder, 'bad.tsv'), '0\tfine\n2\tgreat\nfoo\tnot a label\n');
  });
  after(() => rmSync(folder, { recursive: true, force: true }));

  it('trains a model file, showing progress, that eval then measures', () => {
    const model = join(folder, 'model.json');
    const trained = firebreak([
      'sentiment',
      'train',
      '--data',
      join(folder, 'train.tsv'),
      '--val',
      join(folder, 'val.tsv'),
      '--out',
      model,
      '--epochs',
      '3',
      '--runs',
      '1',
      '--bucket-bits',
      '12',
    ]);
    assert.equal(trained.status, 0, trained.stderr);
    assert.match(trained.stderr, /epoch 3\/3: train loss \d/);
    assert.ok(existsSync(model));

    const table = firebreak(['sentiment', 'eval', '--data', join(folder, 'val.tsv'), '--model', model]);
    assert.equal(table.status, 0, table.stderr);
    assert.match(table.stdout, /macro-recall {2}1\.000/);
    assert.match(table.stdout, /confusion matrix/);

    const json = firebreak([
      'sentiment',
      'eval',
      '--json',
      '--data',
      join(folder, 'val.tsv'),
      '--model',
      model,
    ]);
    assert.equal(json.status, 0, json.stderr);
    const figures = JSON.parse(json.stdout) as {
      macroRecall: number;
      texts: number;
      confusion: { matrix: number[][] };
    };
    assert.equal(figures.macroRecall, 1);
    assert.equal(figures.texts, 60);
    assert.deepEqual(figures.confusion.matrix, [
      [20, 0, 0],
      [0, 20, 0],
      [0, 0, 20],
    ]);

    const scored = firebreak(['sentiment', '--model', model], 'i love my phone\nthe worst app\n');
    assert.deepEqual(
      jsonLines(scored.stdout).map((answer) => answer.label),
      ['positive', 'negative'],
    );
  });

  it('stops at a bad label with the file, the line number and the field, and exit status 1', () => {
    const result = firebreak([
      'sentiment',
      'train',
      '--data',
      join(folder, 'bad.tsv'),
      '--out',
      join(folder, 'never.json'),
    ]);
    assert.equal(result.status, 1);
    assert.match(result.stderr, /bad\.tsv line 3: label "foo" is not one of 0,1,2,negative,neutral,positive/);
    assert.equal(existsSync(join(folder, 'never.json')), false);
  });
});
