// The labelled NAB series stored under bench/data/nab/ (see its README.md): loading, and rebuilding each source
// CSV exactly as numenta/NAB has it, for the benchmark and for checking the transcription.
//
// File format (`<category>/<name>.series`): `#` lines are comments; `step <seconds>` sets the usual spacing of
// rows; `eol crlf` records that the source file ends its lines with CR LF (for rebuilding it exactly); `no-final-newline`
// that its last line has no line ending; `date YYYY-MM-DD` sets the day for the short rows `HH:MM,value` that
// follow (timestamp `YYYY-MM-DD HH:MM:00`); every other line is a row, either `YYYY-MM-DD HH:MM:SS,value` (a timestamp as written in the source) or a
// bare `value` (timestamp = the previous row's + step). Values are kept as the source's text, unchanged.
//
// Check: node --import tsx bench/nab-data.ts [--at <name> <offset> [<chars>]]
//   prints, per series, the rows, first and last timestamps and the length in characters of the rebuilt source
//   CSV (compare with the source file's size); --at prints the rebuilt CSV at a character offset (compare with
//   the source read at the same offset).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NabWindow } from './nab-score';

export const NAB_DIR = new URL('./data/nab/', import.meta.url).pathname;

export interface NabSeries {
  /** `category/file.csv`, as in NAB's labels. */
  readonly key: string;
  readonly category: string;
  readonly name: string;
  readonly timestamps: readonly string[];
  readonly timestampsMs: readonly number[];
  readonly values: readonly string[];
  /** Line ending of the source file. */
  readonly eol: '\n' | '\r\n';
  /** Whether the source file's last line ends with the line ending. */
  readonly finalNewline: boolean;
  readonly windows: readonly NabWindow[];
}

const STAMP = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

export function parseStamp(text: string): number {
  const m = STAMP.exec(text.replace(/\.0+$/, ''));
  if (m === null) throw new Error(`bad timestamp "${text}"`);
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  return Date.UTC(y, mo - 1, d, h, mi, s);
}

export function formatStamp(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

function checkValue(value: string, label: string, n: number): string {
  if (!/^-?\d+(\.\d+)?(e-?\d+)?$/.test(value)) {
    throw new Error(`${label} line ${n + 1}: bad value "${value}"`);
  }
  return value;
}

/** Parses one `.series` file into timestamps (as written) and values (as written). */
export function parseSeriesFile(
  text: string,
  label: string,
): { timestamps: string[]; values: string[]; eol: '\n' | '\r\n'; finalNewline: boolean } {
  const timestamps: string[] = [];
  const values: string[] = [];
  let eol: '\n' | '\r\n' = '\n';
  let day: string | null = null;
  let finalNewline = true;
  let stepMs: number | null = null;
  let previousMs: number | null = null;
  const lines = text.split('\n');
  for (let n = 0; n < lines.length; n += 1) {
    const line = (lines[n] as string).trim();
    if (line === '' || line.startsWith('#')) continue;
    if (line === 'eol crlf') {
      eol = '\r\n';
      continue;
    }
    if (line === 'no-final-newline') {
      finalNewline = false;
      continue;
    }
    if (line.startsWith('date ')) {
      day = line.slice(5);
      continue;
    }
    if (/^\d\d:\d\d,/.test(line)) {
      if (day === null) throw new Error(`${label} line ${n + 1}: a short row needs a date line before it`);
      const stamp = `${day} ${line.slice(0, 5)}:00`;
      previousMs = parseStamp(stamp);
      timestamps.push(stamp);
      values.push(checkValue(line.slice(6), label, n));
      continue;
    }
    if (line.startsWith('step ')) {
      stepMs = Number(line.slice(5)) * 1000;
      continue;
    }
    const comma = line.indexOf(',');
    let stamp: string;
    let value: string;
    if (comma >= 0) {
      stamp = line.slice(0, comma);
      value = line.slice(comma + 1);
      previousMs = parseStamp(stamp);
    } else {
      if (previousMs === null || stepMs === null) {
        throw new Error(`${label} line ${n + 1}: a bare value needs a previous row and a step`);
      }
      previousMs += stepMs;
      stamp = formatStamp(previousMs);
      value = line;
    }
    timestamps.push(stamp);
    values.push(checkValue(value, label, n));
  }
  return { timestamps, values, eol, finalNewline };
}

/** The source CSV as NAB has it: header, one `timestamp,value` line per row, its line endings. */
export function rebuildCsv(
  series: Pick<NabSeries, 'timestamps' | 'values' | 'eol' | 'finalNewline'>,
): string {
  let out = `timestamp,value${series.eol}`;
  for (let i = 0; i < series.timestamps.length; i += 1) {
    out += `${series.timestamps[i]},${series.values[i]}${series.eol}`;
  }
  return series.finalNewline ? out : out.slice(0, out.length - series.eol.length);
}

/** Every stored series with its labelled windows (labels/combined_windows.json of NAB, our series only). */
export function loadNabSeries(dir = NAB_DIR): NabSeries[] {
  const windows = JSON.parse(readFileSync(join(dir, 'windows.json'), 'utf8')) as Record<
    string,
    Array<[string, string]>
  >;
  const out: NabSeries[] = [];
  for (const category of readdirSync(dir, { withFileTypes: true })) {
    if (!category.isDirectory()) continue;
    for (const file of readdirSync(join(dir, category.name)).sort()) {
      if (!file.endsWith('.series')) continue;
      const name = file.replace(/\.series$/, '');
      const key = `${category.name}/${name}.csv`;
      const parsed = parseSeriesFile(readFileSync(join(dir, category.name, file), 'utf8'), key);
      const labelled = windows[key];
      if (labelled === undefined) throw new Error(`no windows for ${key} in windows.json`);
      const timestampsMs = parsed.timestamps.map(parseStamp);
      for (let i = 1; i < timestampsMs.length; i += 1) {
        // Equal timestamps occur in the source (kept here as written; the benchmark scores the first row of each).
        if ((timestampsMs[i] as number) < (timestampsMs[i - 1] as number)) {
          throw new Error(`${key}: row ${i + 1} (${parsed.timestamps[i]}) is before the previous one`);
        }
      }
      out.push({
        key,
        category: category.name,
        name,
        timestamps: parsed.timestamps,
        timestampsMs,
        values: parsed.values,
        eol: parsed.eol,
        finalNewline: parsed.finalNewline,
        windows: labelled.map(([start, end]) => ({ startMs: parseStamp(start), endMs: parseStamp(end) })),
      });
    }
  }
  return out.sort((a, b) => a.key.localeCompare(b.key));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const all = loadNabSeries();
  const at = process.argv.indexOf('--at');
  if (at >= 0) {
    const name = process.argv[at + 1] ?? '';
    const offset = Number(process.argv[at + 2] ?? 0);
    const chars = Number(process.argv[at + 3] ?? 300);
    const series = all.find((s) => s.name === name || s.key === name);
    if (series === undefined) throw new Error(`no series ${name}`);
    process.stdout.write(`${JSON.stringify(rebuildCsv(series).slice(offset, offset + chars))}\n`);
  } else {
    for (const s of all) {
      const csv = rebuildCsv(s);
      const windowsInside = s.windows.filter(
        (w) => s.timestampsMs.some((t) => t === w.startMs) && s.timestampsMs.some((t) => t === w.endMs),
      ).length;
      console.log(
        `${s.key}: ${s.timestamps.length} rows, ${s.timestamps[0]} … ${s.timestamps[s.timestamps.length - 1]}, ` +
          `${csv.length} chars, windows ${s.windows.length} (${windowsInside} with both ends on a row)`,
      );
    }
  }
}
