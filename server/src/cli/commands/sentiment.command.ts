// `firebreak sentiment`: scores one text per stdin line as one JSON line on stdout, in order;
// `firebreak sentiment train` trains a model file from label<TAB>text lines; `firebreak sentiment eval` measures one.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Writable } from 'node:stream';
import { InvalidArgumentError } from 'commander';
import type { Command } from 'commander';
import { LabelledTextError, parseLabelledTsv } from '../../domain/sentiment/labelled-text';
import type { LabelledText } from '../../domain/sentiment/labelled-text';
import { SentimentModel } from '../../domain/sentiment/sentiment-model';
import type { SentimentPrediction } from '../../domain/sentiment/sentiment-model';
import {
  SentimentModelFormatError,
  sentimentModelFromSnapshot,
  sentimentModelToSnapshot,
} from '../../domain/sentiment/sentiment-model-snapshot';
import { sentimentLabels } from '../../domain/sentiment/sentiment-scorer';
import { evaluateSentimentModel } from '../../domain/sentiment/sentiment-evaluation';
import { defaultFeatureConfig } from '../../domain/sentiment/sentiment-features';
import type { EvaluationSummary } from '../../domain/sentiment/sentiment-evaluation';
import { defaultTrainingOptions, trainSentimentModel } from '../../domain/sentiment/sentiment-training';
import type { TrainingProgress } from '../../domain/sentiment/sentiment-training';
import {
  builtinSentimentModelPath,
  SentimentModelFileError,
  SentimentModelRepository,
} from '../../repositories/sentiment-model.repository';

/** A line longer than this many bytes is cut (the model reads at most 5,000 characters of it anyway). */
const MAX_LINE_BYTES = 64 * 1024;
const NEWLINE = 0x0a;

/** A problem with the command's input or options: printed as one line, exit status 1. */
class SentimentCommandError extends Error {}

export function registerSentimentCommands(program: Command): void {
  const sentiment = program
    .command('sentiment')
    .description(
      'score sentiment: reads one text per line on stdin and writes one JSON object per line on stdout, in order ' +
        '({"label","probabilities","confidence"})',
    )
    .option('--model <file>', 'model file (default: the built-in model)')
    .option('--drivers', 'also write the words/emoji that pushed hardest toward each label')
    .action(async (options: { model?: string; drivers?: boolean }) => {
      await reportingErrors('sentiment', async () => {
        const model = await new SentimentModelRepository().load(options.model ?? builtinSentimentModelPath);
        await scoreLines(model, process.stdin, process.stdout, options.drivers === true);
      });
    });

  sentiment
    .command('train')
    .description('train a model from label<TAB>text lines (labels 0/1/2 or negative/neutral/positive)')
    .requiredOption('--data <file>', 'training texts, label<TAB>text per line')
    .requiredOption('--out <file>', 'model file to write')
    .option(
      '--val <file>',
      'validation texts (never trained on): tune the decision offsets and report figures',
    )
    .option('--epochs <n>', 'passes over the data per run', positiveInteger, defaultTrainingOptions.epochs)
    .option(
      '--runs <n>',
      'SGD runs in different orders, averaged',
      positiveInteger,
      defaultTrainingOptions.runs,
    )
    .option(
      '--seed <n>',
      'seed for the held-out split and the shuffles',
      integer,
      defaultTrainingOptions.seed,
    )
    .option(
      '--bucket-bits <n>',
      'size of the weight table: 2^n rows (20 ≈ 4 MB model file; smaller suits small data sets)',
      bucketBits,
      defaultFeatureConfig.bucketBits,
    )
    .action(async (options: TrainOptions) => {
      await reportingErrors('sentiment train', () => train(options));
    });

  sentiment
    .command('eval')
    .description(
      'measure a model on label<TAB>text lines: macro-averaged recall, accuracy, macro-F1, confusion matrix',
    )
    .requiredOption('--data <file>', 'labelled texts, label<TAB>text per line')
    .option('--model <file>', 'model file (default: the built-in model)')
    .option('--json', 'print the figures as one JSON object')
    .action(async (options: { data: string; model?: string; json?: boolean }) => {
      await reportingErrors('sentiment eval', async () => {
        // The root program reads options anywhere on the line, so `sentiment eval --model X` can land on `sentiment`.
        const path = options.model ?? sentiment.opts<{ model?: string }>().model ?? builtinSentimentModelPath;
        const model = await new SentimentModelRepository().load(path);
        const texts = await readLabelled(options.data);
        const summary = evaluateSentimentModel(model, texts);
        process.stdout.write(
          options.json === true
            ? `${JSON.stringify(summaryJson(basename(options.data), summary))}\n`
            : formatSummary(basename(options.data), summary),
        );
      });
    });
}

function positiveInteger(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) {
    throw new InvalidArgumentError('expected a whole number of at least 1');
  }
  return parsed;
}

function bucketBits(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 8 || parsed > 24) {
    throw new InvalidArgumentError('expected a whole number from 8 to 24');
  }
  return parsed;
}

function integer(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed)) {
    throw new InvalidArgumentError('expected a whole number');
  }
  return parsed;
}

async function reportingErrors(command: string, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (
      error instanceof SentimentCommandError ||
      error instanceof LabelledTextError ||
      error instanceof SentimentModelFileError ||
      error instanceof SentimentModelFormatError
    ) {
      process.stderr.write(`firebreak ${command}: ${error.message}\n`);
      process.exitCode = 1;
      return;
    }
    throw error;
  }
}

async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new SentimentCommandError(
      `cannot read ${path}: ${code === 'ENOENT' ? 'no such file' : (code ?? 'error')}`,
    );
  }
}

async function readLabelled(path: string): Promise<LabelledText[]> {
  const texts = parseLabelledTsv(await readText(path), basename(path));
  if (texts.length === 0) {
    throw new SentimentCommandError(`${basename(path)} has no labelled lines`);
  }
  return texts;
}

const round = (value: number, digits = 6): number => {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
};

function predictionLine(prediction: SentimentPrediction): string {
  const { label, probabilities: p, confidence } = prediction;
  return (
    `{"label":"${label}","probabilities":{"negative":${round(p.negative)},"neutral":${round(p.neutral)},` +
    `"positive":${round(p.positive)}},"confidence":${round(confidence)}}`
  );
}

/**
 * Scores every line of `input` (split on \n, a trailing \r dropped, invalid UTF-8 replaced) and writes one JSON
 * line per input line to `output`, in order, honouring backpressure. A last line without \n is scored too.
 */
export async function scoreLines(
  model: SentimentModel,
  input: AsyncIterable<Buffer | string>,
  output: Writable,
  withDrivers = false,
): Promise<{ lines: number }> {
  let lines = 0;
  let closed = false;
  const onError = (): void => {
    // The reader went away (EPIPE, `| head`): stop quietly.
    closed = true;
  };
  output.on('error', onError);
  const format = (text: string): string => {
    lines += 1;
    const line = text.endsWith('\r') ? text.slice(0, -1) : text;
    if (!withDrivers) {
      return `${predictionLine(model.predict(line))}\n`;
    }
    const scored = model.score(line);
    return `${predictionLine(scored).slice(0, -1)},"drivers":${JSON.stringify(scored.drivers)}}\n`;
  };
  // The start of a line not ended yet, cut at MAX_LINE_BYTES.
  let head: Buffer[] = [];
  let headBytes = 0;
  const keep = (bytes: Buffer): void => {
    const room = MAX_LINE_BYTES - headBytes;
    if (room > 0 && bytes.length > 0) {
      const kept = bytes.length > room ? bytes.subarray(0, room) : bytes;
      head.push(Buffer.from(kept));
      headBytes += kept.length;
    }
  };
  const takeHead = (tail: Buffer): string => {
    keep(tail);
    const text = Buffer.concat(head).toString('utf8');
    head = [];
    headBytes = 0;
    return text;
  };
  const write = async (text: string): Promise<void> => {
    if (!closed && !output.write(text)) {
      await drained(output);
    }
  };

  for await (const piece of input) {
    if (closed) {
      break;
    }
    const chunk = typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece;
    const first = chunk.indexOf(NEWLINE);
    if (first < 0) {
      keep(chunk);
      continue;
    }
    let out = format(takeHead(chunk.subarray(0, first)));
    const last = chunk.lastIndexOf(NEWLINE);
    if (last > first) {
      // Every line between the first and the last newline is whole: decode them in one go.
      for (const line of chunk.toString('utf8', first + 1, last).split('\n')) {
        out += format(line);
      }
    }
    keep(chunk.subarray(last + 1));
    await write(out);
  }
  if (headBytes > 0 && !closed) {
    await write(format(takeHead(Buffer.alloc(0))));
  }
  output.off('error', onError);
  return { lines };
}

/** Resolves when `output` can take more (or will never: closed, failed), leaving no listener behind. */
function drained(output: Writable): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      output.off('drain', done);
      output.off('close', done);
      output.off('error', done);
      resolve();
    };
    output.on('drain', done);
    output.on('close', done);
    output.on('error', done);
  });
}

function sha256(content: string): string {
  return createHash('sha256').update(content).digest('hex');
}

function formatProgress(step: TrainingProgress, seconds: number): string {
  const run = step.runs !== undefined && step.runs > 1 ? `run ${step.run}/${step.runs} ` : '';
  const holdout =
    step.holdoutLoss === null
      ? ''
      : `, held-out loss ${step.holdoutLoss.toFixed(4)}, held-out macro-recall ${(step.holdoutMacroRecall ?? 0).toFixed(3)}`;
  return `${run}epoch ${step.epoch}/${step.epochs}: train loss ${step.trainLoss.toFixed(4)}${holdout} (${seconds.toFixed(1)} s)\n`;
}

type TrainOptions = {
  data: string;
  out: string;
  val?: string;
  epochs: number;
  runs: number;
  seed: number;
  bucketBits: number;
};

async function train(options: TrainOptions): Promise<void> {
  const started = performance.now();
  const dataContent = await readText(options.data);
  const texts = parseLabelledTsv(dataContent, basename(options.data));
  if (texts.length === 0) {
    throw new SentimentCommandError(`${basename(options.data)} has no labelled lines`);
  }
  const valContent = options.val === undefined ? undefined : await readText(options.val);
  const validation =
    valContent === undefined || options.val === undefined
      ? []
      : parseLabelledTsv(valContent, basename(options.val));
  const counts = [0, 0, 0];
  for (const text of texts) {
    counts[text.label] = (counts[text.label] ?? 0) + 1;
  }
  process.stderr.write(
    `training on ${texts.length} texts (${sentimentLabels.map((label, i) => `${counts[i]} ${label}`).join(', ')})` +
      `${validation.length > 0 ? `, validating on ${validation.length}` : ''}: ${options.runs} run(s) × ${options.epochs} epoch(s), seed ${options.seed}\n`,
  );
  const { model, report } = trainSentimentModel(
    texts,
    {
      epochs: options.epochs,
      runs: options.runs,
      seed: options.seed,
      features: { ...defaultFeatureConfig, bucketBits: options.bucketBits },
    },
    validation,
    (step) => process.stderr.write(formatProgress(step, (performance.now() - started) / 1000)),
  );
  // Measure the model as it will be stored (weights quantized), and record where it came from.
  const stored = sentimentModelFromSnapshot(sentimentModelToSnapshot(model));
  const measured = validation.length > 0 ? evaluateSentimentModel(stored, validation) : null;
  const provenance = {
    ...model.provenance,
    data: { file: basename(options.data), sha256: sha256(dataContent), texts: texts.length },
    ...(options.val !== undefined && valContent !== undefined
      ? { validation: { file: basename(options.val), sha256: sha256(valContent), texts: validation.length } }
      : {}),
    figures: {
      heldOut: report.holdout === null ? null : headline(report.holdout),
      validation: measured === null ? null : headline(measured),
    },
  };
  const trained = new SentimentModel(model.parameters, provenance);
  await new SentimentModelRepository().save(options.out, trained);
  process.stderr.write(
    `temperature ${report.temperature.toFixed(3)}, decision offsets ${report.decisionOffsets.map((o) => o.toFixed(2)).join('/')} ` +
      `(tuned on ${report.offsetsTunedOn})\n`,
  );
  if (report.holdout !== null) {
    process.stderr.write(`held-out slice (${report.holdoutCount} texts): ${oneLine(report.holdout)}\n`);
  }
  if (measured !== null && options.val !== undefined) {
    process.stderr.write(`${basename(options.val)} (${validation.length} texts): ${oneLine(measured)}\n`);
  }
  process.stderr.write(`wrote ${options.out} in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
}

function headline(summary: EvaluationSummary): Record<string, number> {
  return {
    texts: summary.count,
    macroRecall: round(summary.macroRecall, 4),
    accuracy: round(summary.accuracy, 4),
    macroF1: round(summary.macroF1, 4),
    expectedCalibrationError: round(summary.expectedCalibrationError, 4),
    logLoss: round(summary.logLoss, 4),
  };
}

function oneLine(summary: EvaluationSummary): string {
  return (
    `macro-recall ${summary.macroRecall.toFixed(3)}, accuracy ${summary.accuracy.toFixed(3)}, ` +
    `macro-F1 ${summary.macroF1.toFixed(3)}, ECE ${summary.expectedCalibrationError.toFixed(3)}`
  );
}

function perClass(values: number[]): Record<string, number> {
  return Object.fromEntries(sentimentLabels.map((label, i) => [label, round(values[i] ?? 0, 4)]));
}

function summaryJson(file: string, summary: EvaluationSummary): Record<string, unknown> {
  return {
    file,
    texts: summary.count,
    macroRecall: round(summary.macroRecall, 4),
    accuracy: round(summary.accuracy, 4),
    macroF1: round(summary.macroF1, 4),
    expectedCalibrationError: round(summary.expectedCalibrationError, 4),
    logLoss: round(summary.logLoss, 4),
    recall: perClass(summary.recall),
    precision: perClass(summary.precision),
    f1: perClass(summary.f1),
    confusion: {
      rows: 'gold',
      columns: 'predicted',
      labels: [...sentimentLabels],
      matrix: summary.confusion,
    },
  };
}

function formatSummary(file: string, summary: EvaluationSummary): string {
  const f = (value: number): string => value.toFixed(3);
  const classes = (values: number[]): string =>
    sentimentLabels.map((label, i) => `${label} ${f(values[i] ?? 0)}`).join(', ');
  const width = Math.max(9, ...summary.confusion.flat().map((n) => String(n).length + 2));
  const cell = (text: string): string => text.padStart(width);
  const matrix = [
    `${'gold \\ predicted'.padEnd(16)}${sentimentLabels.map(cell).join('')}`,
    ...sentimentLabels.map(
      (label, i) => `${label.padEnd(16)}${(summary.confusion[i] ?? []).map((n) => cell(String(n))).join('')}`,
    ),
  ];
  return [
    `${file}: ${summary.count} texts`,
    `macro-recall  ${f(summary.macroRecall)}  (${classes(summary.recall)})`,
    `accuracy      ${f(summary.accuracy)}`,
    `macro-F1      ${f(summary.macroF1)}  (${classes(summary.f1)})`,
    `ECE           ${f(summary.expectedCalibrationError)}  (top-label expected calibration error, 15 bins)`,
    `log-loss      ${f(summary.logLoss)}`,
    '',
    'confusion matrix (rows: gold label, columns: predicted label)',
    ...matrix,
    '',
  ].join('\n');
}
