// Sentiment benchmark: scoring speed (texts per second on one core) and quality of the shipped model on
// TweetEval's val split (the tuning split) and on the Twitter US Airline Sentiment set (evaluation only).
//
//   node --import tsx bench/sentiment.bench.ts [--model FILE] [--data-dir DIR] [--texts N]
//
// DIR defaults to ../shared/data next to the repository (it holds tweeteval-sentiment/ and airline-sentiment/).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parseLabelledTsv, parseSentimentLabel } from '../server/src/domain/sentiment/labelled-text';
import type { LabelledText } from '../server/src/domain/sentiment/labelled-text';
import { evaluateSentimentModel } from '../server/src/domain/sentiment/sentiment-evaluation';
import type { EvaluationSummary } from '../server/src/domain/sentiment/sentiment-evaluation';
import type { SentimentModel } from '../server/src/domain/sentiment/sentiment-model';
import { sentimentLabels } from '../server/src/domain/sentiment/sentiment-scorer';
import {
  builtinSentimentModelPath,
  SentimentModelRepository,
} from '../server/src/repositories/sentiment-model.repository';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values: args } = parseArgs({
  options: {
    model: { type: 'string', default: builtinSentimentModelPath },
    'data-dir': { type: 'string', default: join(root, '..', 'shared', 'data') },
    texts: { type: 'string', default: '100000' },
  },
});
const dataDir = args['data-dir'];
const valPath = join(dataDir, 'tweeteval-sentiment', 'val.tsv');
const airlinePath = join(dataDir, 'airline-sentiment', 'tweets.csv');
const textCount = Number(args.texts);

/** RFC 4180 CSV: quoted fields may hold commas, doubled quotes and newlines. Returns rows of fields. */
export function parseCsv(content: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < content.length; i++) {
    const char = content[i];
    if (quoted) {
      if (char === '"') {
        if (content[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          quoted = false;
        }
      } else {
        field += char;
      }
    } else if (char === '"') {
      quoted = true;
    } else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && content[i + 1] === '\n') {
        i++;
      }
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else {
      field += char;
    }
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

function readAirline(path: string): LabelledText[] {
  const [header, ...rows] = parseCsv(readFileSync(path, 'utf8'));
  const labelColumn = header?.indexOf('airline_sentiment') ?? -1;
  const textColumn = header?.indexOf('text') ?? -1;
  if (labelColumn < 0 || textColumn < 0) {
    throw new Error(`${path}: no airline_sentiment or text column`);
  }
  return rows.map((row, i) => {
    const label = parseSentimentLabel(row[labelColumn] ?? '');
    if (label === undefined) {
      throw new Error(`${path} record ${i + 2}: label ${JSON.stringify(row[labelColumn])}`);
    }
    return { label, text: row[textColumn] ?? '' };
  });
}

/** Texts per second of wall-clock time and per second of CPU time (one thread: per core). */
function throughput(
  model: SentimentModel,
  texts: string[],
  withDrivers: boolean,
): { wall: number; cpu: number } {
  const score = withDrivers ? (text: string) => model.score(text) : (text: string) => model.predict(text);
  let sink = 0;
  for (let i = 0; i < Math.min(texts.length, 5000); i++) {
    sink += score(texts[i] ?? '').confidence;
  }
  const cpuStarted = process.cpuUsage();
  const started = performance.now();
  for (const text of texts) {
    sink += score(text).confidence;
  }
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStarted);
  if (Number.isNaN(sink)) {
    throw new Error('a confidence was NaN');
  }
  return { wall: texts.length / seconds, cpu: texts.length / ((cpu.user + cpu.system) / 1e6) };
}

function describe(name: string, summary: EvaluationSummary): void {
  const f = (value: number): string => value.toFixed(3);
  const perClass = summary.recall.map((r, i) => `${sentimentLabels[i]} ${f(r)}`).join(', ');
  console.log(
    `${name} (${summary.count} texts): macro-recall ${f(summary.macroRecall)} (${perClass}), accuracy ${f(summary.accuracy)}, ` +
      `macro-F1 ${f(summary.macroF1)}, ECE ${f(summary.expectedCalibrationError)}, log-loss ${f(summary.logLoss)}`,
  );
  console.log(
    `  confusion (rows gold, columns predicted; negative/neutral/positive): ${JSON.stringify(summary.confusion)}`,
  );
}

const loadStarted = performance.now();
const model = await new SentimentModelRepository().load(args.model);
console.log(`model ${args.model} loaded in ${(performance.now() - loadStarted).toFixed(0)} ms`);
console.log(
  `machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${availableParallelism()} cores, Node ${process.version}`,
);

const haveVal = existsSync(valPath);
const val = haveVal ? parseLabelledTsv(readFileSync(valPath, 'utf8'), 'val.tsv') : [];
const source =
  val.length > 0
    ? val.map((t) => t.text)
    : ['I love this!', 'worst service ever :(', 'the flight leaves at 9'];
const texts = Array.from({ length: textCount }, (_, i) => source[i % source.length] ?? '');
const meanLength = texts.reduce((sum, text) => sum + text.length, 0) / Math.max(texts.length, 1);
const plain = throughput(model, texts, false);
const withDrivers = throughput(model, texts, true);
const rate = (r: { wall: number; cpu: number }): string =>
  `${Math.round(r.wall)} texts/s wall, ${Math.round(r.cpu)} texts per CPU-second`;
console.log(`scoring speed, one thread, ${texts.length} texts (mean ${meanLength.toFixed(0)} chars):`);
console.log(`  predict (label + probabilities): ${rate(plain)}`);
console.log(`  score (+ drivers):               ${rate(withDrivers)}`);

// End to end through the CLI, the way the contract check runs it (includes process start and model load).
const cli = spawnSync(
  'bash',
  [
    '-c',
    'TIMEFORMAT="%R %U %S"; time "$0" "$1" sentiment --model "$2" | wc -l',
    process.execPath,
    join(root, 'bin', 'firebreak.js'),
    args.model,
  ],
  { input: `${texts.join('\n')}\n`, maxBuffer: 1 << 30 },
);
const [real = NaN, user = NaN, system = NaN] =
  cli.stderr.toString('utf8').trim().split('\n').pop()?.split(' ').map(Number) ?? [];
const empty = spawnSync('bash', [
  '-c',
  'TIMEFORMAT="%R %U %S"; time "$0" "$1" sentiment --model "$2" </dev/null',
  process.execPath,
  join(root, 'bin', 'firebreak.js'),
  args.model,
]);
const [, startUser = NaN, startSystem = NaN] =
  empty.stderr.toString('utf8').trim().split('\n').pop()?.split(' ').map(Number) ?? [];
console.log(
  `CLI: firebreak sentiment on ${texts.length} lines: ${cli.stdout.toString('utf8').trim()} lines out, ` +
    `${real.toFixed(2)} s wall, ${(user + system).toFixed(2)} s CPU; start-up alone (no input) ${(startUser + startSystem).toFixed(2)} s CPU`,
);

if (haveVal) {
  describe('TweetEval val.tsv (tuning split)', evaluateSentimentModel(model, val));
} else {
  console.log(`skipped TweetEval val: ${valPath} not found`);
}
if (existsSync(airlinePath)) {
  describe(
    'Twitter US Airline Sentiment (out of domain, evaluation only)',
    evaluateSentimentModel(model, readAirline(airlinePath)),
  );
} else {
  console.log(`skipped airline: ${airlinePath} not found`);
}
