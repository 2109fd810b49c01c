// Parsing the `timestamp,value` series CSV that `firebreak detect` reads. Pure: the command does the I/O.

export class SeriesInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SeriesInputError';
  }
}

/** Splits one CSV line into fields (RFC 4180 quotes; a quoted field may not span lines here). */
export function splitCsvLine(line: string): string[] | null {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (line[i] === '"') {
      let field = '';
      i += 1;
      for (;;) {
        const quote = line.indexOf('"', i);
        if (quote < 0) return null;
        field += line.slice(i, quote);
        if (line[quote + 1] === '"') {
          field += '"';
          i = quote + 2;
        } else {
          i = quote + 1;
          break;
        }
      }
      fields.push(field);
      if (i === line.length) return fields;
      if (line[i] !== ',') return null;
      i += 1;
    } else {
      const comma = line.indexOf(',', i);
      if (comma < 0) {
        fields.push(line.slice(i));
        return fields;
      }
      fields.push(line.slice(i, comma));
      i = comma + 1;
    }
  }
}

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;
const UNIX_SECONDS = /^[+-]?\d+(?:\.\d+)?$/;

/**
 * Parses a timestamp to epoch milliseconds: ISO 8601 (`2026-01-05T10:00:00Z`, with or without offset),
 * `YYYY-MM-DD HH:MM:SS`, a bare date, or unix seconds. Times without an offset are read as UTC.
 * Returns null when the text is none of these.
 */
export function parseTimestamp(text: string): number | null {
  const trimmed = text.trim();
  if (UNIX_SECONDS.test(trimmed)) {
    const seconds = Number(trimmed);
    return Number.isFinite(seconds) ? seconds * 1000 : null;
  }
  const match = DATE_TIME.exec(trimmed);
  if (match === null) return null;
  const [, year, month, day, hour, minute, second, fraction, offset] = match;
  const y = Number(year);
  const mo = Number(month);
  const d = Number(day);
  const h = Number(hour ?? 0);
  const mi = Number(minute ?? 0);
  const s = Number(second ?? 0);
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
  const ms = fraction === undefined ? 0 : Number(`0.${fraction}`) * 1000;
  let utc = Date.UTC(y, mo - 1, d, h, mi, s) + ms;
  // Date.UTC rolls 31 February over into March: reject such dates.
  if (new Date(utc - ms).getUTCDate() !== d) return null;
  if (offset !== undefined && offset !== 'Z' && offset !== 'z') {
    const sign = offset.startsWith('-') ? -1 : 1;
    const digits = offset.slice(1).replace(':', '');
    const offsetMinutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0');
    utc -= sign * offsetMinutes * 60_000;
  }
  return utc;
}

export interface SeriesHeader {
  timestampIndex: number;
  valueIndex: number;
}

/** Finds the `timestamp` and `value` columns in the header line. */
export function parseSeriesHeader(line: string, fileName: string): SeriesHeader {
  const fields = splitCsvLine(line.replace(/^\uFEFF/, ''));
  if (fields === null) throw new SeriesInputError(`${fileName} line 1: the header is not valid CSV`);
  const names = fields.map((f) => f.trim().toLowerCase());
  const timestampIndex = names.indexOf('timestamp');
  const valueIndex = names.indexOf('value');
  const missing = [timestampIndex < 0 ? 'timestamp' : null, valueIndex < 0 ? 'value' : null].filter(
    (x) => x !== null,
  );
  if (missing.length > 0) {
    throw new SeriesInputError(
      `${fileName} line 1: the header needs columns timestamp and value (missing: ${missing.join(', ')}); found "${line}"`,
    );
  }
  if (names.includes('anomaly_score')) {
    throw new SeriesInputError(`${fileName} line 1: the input already has an anomaly_score column`);
  }
  return { timestampIndex, valueIndex };
}

export interface SeriesRow {
  timestampMs: number;
  /** null when the value field is empty (a missing bucket). */
  value: number | null;
}

/**
 * Parses one data line; `previousTimestampMs` enforces increasing timestamps.
 * Throws SeriesInputError naming the file, the line and the field.
 */
export function parseSeriesRow(
  line: string,
  lineNumber: number,
  header: SeriesHeader,
  previousTimestampMs: number | null,
  fileName: string,
): SeriesRow {
  const where = `${fileName} line ${lineNumber}`;
  const fields = splitCsvLine(line);
  if (fields === null) throw new SeriesInputError(`${where}: not valid CSV (unbalanced quotes)`);
  const timestampText = fields[header.timestampIndex];
  const valueText = fields[header.valueIndex];
  if (timestampText === undefined || valueText === undefined) {
    throw new SeriesInputError(
      `${where}: expected at least ${Math.max(header.timestampIndex, header.valueIndex) + 1} fields, found ${fields.length}`,
    );
  }
  const timestampMs = parseTimestamp(timestampText);
  if (timestampMs === null) {
    throw new SeriesInputError(
      `${where}: timestamp "${timestampText}" is not a date (use ISO 8601, YYYY-MM-DD HH:MM:SS or unix seconds)`,
    );
  }
  if (previousTimestampMs !== null && timestampMs <= previousTimestampMs) {
    throw new SeriesInputError(`${where}: timestamp "${timestampText}" is not after the previous row's`);
  }
  const trimmed = valueText.trim();
  if (trimmed === '') return { timestampMs, value: null };
  const value = Number(trimmed);
  if (!Number.isFinite(value) || !/^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(trimmed)) {
    throw new SeriesInputError(`${where}: value "${valueText}" is not a number`);
  }
  if (value < 0) {
    throw new SeriesInputError(
      `${where}: value "${valueText}" is negative (the series must be non-negative)`,
    );
  }
  return { timestampMs, value };
}
