// `firebreak detect --input SERIES.csv --output SCORES.csv`: scores a `timestamp,value` series causally with the
// detector the server runs, repeating every input row and adding `anomaly_score`. The output appears only once
// complete (written to a temporary file, then renamed), so a failed run leaves no partial file behind.
import { createReadStream, createWriteStream, statSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { createDetectorState, updateDetector } from '../../domain/detection/seasonal-detector';
import type { Direction, NoiseModel } from '../../domain/detection/seasonal-detector';
import { parseSeriesHeader, parseSeriesRow, SeriesInputError } from '../../domain/detection/series-csv';
import type { SeriesHeader } from '../../domain/detection/series-csv';

const PROGRESS_EVERY_ROWS = 100_000;
const BIG_FILE_BYTES = 8 * 1024 * 1024;
const WRITE_CHUNK_CHARS = 1 << 16;

export interface DetectOptions {
  input: string;
  output: string;
  noise: NoiseModel;
  direction: Direction;
  decimals: number;
}

export function registerDetectCommand(program: Command): void {
  program
    .command('detect')
    .description(
      'score a timestamp,value series (regular buckets) with the streaming anomaly detector; ' +
        'writes every row with an anomaly_score in [0, 1], computed causally',
    )
    .requiredOption(
      '--input <file>',
      'CSV with a header and columns timestamp,value (other columns are kept)',
    )
    .requiredOption('--output <file>', 'CSV to write: the input rows plus anomaly_score')
    .option(
      '--noise <model>',
      'noise model: auto (count while values are integers), count or continuous',
      'auto',
    )
    .option('--direction <direction>', 'score rises only (up) or rises and drops (both)', 'up')
    .action(async (raw: { input: string; output: string; noise: string; direction: string }) => {
      try {
        const options = parseOptions(raw);
        await runDetect(options, process.stderr);
      } catch (error) {
        if (error instanceof SeriesInputError) {
          process.stderr.write(`firebreak detect: ${error.message}\n`);
          process.exitCode = 1;
          return;
        }
        throw error;
      }
    });
}

function parseOptions(raw: {
  input: string;
  output: string;
  noise: string;
  direction: string;
}): DetectOptions {
  if (raw.noise !== 'auto' && raw.noise !== 'count' && raw.noise !== 'continuous') {
    throw new SeriesInputError(`--noise must be auto, count or continuous, not "${raw.noise}"`);
  }
  if (raw.direction !== 'up' && raw.direction !== 'both') {
    throw new SeriesInputError(`--direction must be up or both, not "${raw.direction}"`);
  }
  return { input: raw.input, output: raw.output, noise: raw.noise, direction: raw.direction, decimals: 6 };
}

interface ProgressStream {
  isTTY?: boolean;
  write(text: string): unknown;
}

/** Reads the input, scores each row and writes the output atomically. Throws SeriesInputError on bad input. */
export async function runDetect(options: DetectOptions, progress: ProgressStream): Promise<{ rows: number }> {
  const fileName = basename(options.input);
  let size: number;
  try {
    size = statSync(options.input).size;
  } catch {
    throw new SeriesInputError(`cannot read ${options.input}: no such file`);
  }
  const showProgress = progress.isTTY === true || size >= BIG_FILE_BYTES;
  const temporary = join(
    dirname(options.output),
    `.${basename(options.output)}.${process.pid}.${Date.now().toString(36)}.tmp`,
  );
  const out = createWriteStream(temporary, { encoding: 'utf8' });
  const outputClosed = new Promise<void>((resolve, reject) => {
    out.once('close', resolve);
    out.once('error', reject);
  });
  let pending = '';
  const flush = async (): Promise<void> => {
    if (pending.length === 0) return;
    const chunk = pending;
    pending = '';
    if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', resolve));
  };

  const input = createReadStream(options.input, { encoding: 'utf8' });
  const lines = createInterface({ input, crlfDelay: Infinity });
  let rows = 0;
  try {
    const state = createDetectorState({ noise: options.noise, direction: options.direction });
    let header: SeriesHeader | null = null;
    let lineNumber = 0;
    let previous: number | null = null;
    for await (const rawLine of lines) {
      lineNumber += 1;
      const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
      if (header === null) {
        header = parseSeriesHeader(line, fileName);
        pending += `${line.replace(/^\uFEFF/, '')},anomaly_score\n`;
        continue;
      }
      if (line.trim() === '') continue;
      const row = parseSeriesRow(line, lineNumber, header, previous, fileName);
      previous = row.timestampMs;
      const { score } = updateDetector(state, row.timestampMs, row.value);
      pending += `${line},${score.toFixed(options.decimals)}\n`;
      rows += 1;
      if (pending.length >= WRITE_CHUNK_CHARS) await flush();
      if (showProgress && rows % PROGRESS_EVERY_ROWS === 0) {
        progress.write(`firebreak detect: ${rows.toLocaleString('en')} rows scored\n`);
      }
    }
    if (header === null) {
      throw new SeriesInputError(`${fileName} line 1: the file is empty (expected a header)`);
    }
    await flush();
    out.end();
    await outputClosed;
    await rename(temporary, options.output);
  } catch (error) {
    lines.close();
    input.destroy();
    out.destroy();
    await rm(temporary, { force: true });
    throw error;
  }
  if (showProgress) progress.write(`firebreak detect: ${rows.toLocaleString('en')} rows scored\n`);
  return { rows };
}
