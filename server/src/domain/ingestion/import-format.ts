// File import formats (pure): JSONL lines and RFC 4180 CSV records → IncomingMention, or the reason a line is
// refused, naming the field. The CSV reader is incremental (constant memory) and tracks each record's first line.
import { IncomingMention, type IncomingMentionInput } from '../../../../contracts';

export const csvColumns = [
  'platform',
  'external_id',
  'url',
  'author_handle',
  'author_name',
  'author_followers',
  'text',
  'created_at',
  'lang',
  'likes',
  'reposts',
  'replies',
  'views',
] as const;

export type ParsedLine = { ok: true; mention: IncomingMention; raw: unknown } | { ok: false; reason: string };

/** The contract's field path as CSV columns call it (author.handle → author_handle, engagement.likes → likes). */
function csvFieldName(path: readonly PropertyKey[]): string {
  const key = path.map(String).join('.');
  const map: Record<string, string> = {
    externalId: 'external_id',
    'author.handle': 'author_handle',
    'author.name': 'author_name',
    'author.followers': 'author_followers',
    createdAt: 'created_at',
    'engagement.likes': 'likes',
    'engagement.reposts': 'reposts',
    'engagement.replies': 'replies',
    'engagement.views': 'views',
  };
  return map[key] ?? key;
}

function validate(input: unknown, raw: unknown, csv: boolean): ParsedLine {
  const parsed = IncomingMention.safeParse(input);
  if (parsed.success) return { ok: true, mention: parsed.data, raw };
  const issue = parsed.error.issues[0]!;
  const field = csv ? csvFieldName(issue.path) : issue.path.map(String).join('.') || '(line)';
  return { ok: false, reason: `${field}: ${issue.message}` };
}

export function parseJsonLine(line: string): ParsedLine {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return { ok: false, reason: `(line): not valid JSON (${(error as Error).message})` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, reason: '(line): not a JSON object' };
  }
  return validate(value, value, false);
}

/** Checks a CSV header: every required column present (in any order; extra columns are ignored). */
export function csvHeaderProblem(header: readonly string[]): string | null {
  const names = new Set(header.map((h) => h.trim().toLowerCase()));
  const missing = ['platform', 'external_id', 'author_handle', 'text', 'created_at'].filter(
    (c) => !names.has(c),
  );
  return missing.length > 0
    ? `the header lacks the column(s) ${missing.join(', ')} (expected ${csvColumns.join(',')})`
    : null;
}

export function parseCsvRecord(header: readonly string[], fields: readonly string[]): ParsedLine {
  if (fields.length !== header.length) {
    return { ok: false, reason: `(line): ${fields.length} fields where the header has ${header.length}` };
  }
  const row: Record<string, string> = {};
  header.forEach((h, i) => (row[h.trim().toLowerCase()] = fields[i]!));
  const blank = (v: string | undefined) => v === undefined || v.trim() === '';
  const integer = (column: string): number | null | { error: string } => {
    const v = row[column];
    if (blank(v)) return null;
    if (!/^\s*\d+\s*$/.test(v!)) return { error: `${column}: "${v}" is not a whole number` };
    return Number(v);
  };
  const numbers: Record<string, number | null> = {};
  for (const column of ['author_followers', 'likes', 'reposts', 'replies', 'views']) {
    const n = integer(column);
    if (n !== null && typeof n === 'object') return { ok: false, reason: n.error };
    numbers[column] = n;
  }
  const input: IncomingMentionInput = {
    platform: row.platform?.trim() as IncomingMentionInput['platform'],
    externalId: row.external_id?.trim() ?? '',
    url: blank(row.url) ? null : row.url!.trim(),
    author: {
      handle: row.author_handle?.trim() ?? '',
      name: blank(row.author_name) ? null : row.author_name!,
      followers: numbers.author_followers ?? null,
    },
    text: row.text ?? '',
    createdAt: row.created_at?.trim() ?? '',
    lang: blank(row.lang) ? null : row.lang!.trim(),
    engagement: {
      likes: numbers.likes ?? 0,
      reposts: numbers.reposts ?? 0,
      replies: numbers.replies ?? 0,
      views: numbers.views ?? null,
    },
  };
  return validate(input, row, true);
}

export interface CsvRecord {
  fields: string[];
  /** 1-based line of the file where the record starts. */
  line: number;
}

/** RFC 4180: fields in double quotes may hold commas, line breaks and doubled quotes; CRLF or LF ends a record. */
export class CsvReader {
  private field = '';
  private fields: string[] = [];
  private inQuotes = false;
  private afterQuote = false;
  private line = 1;
  private recordLine = 1;
  private started = false;
  private pendingCr = false;
  private quotedCr = false;

  /** Feeds a chunk; returns the records it completed. */
  push(chunk: string): CsvRecord[] {
    const out: CsvRecord[] = [];
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i]!;
      if (this.pendingCr) {
        this.pendingCr = false;
        if (c === '\n') continue;
      }
      if (this.inQuotes) {
        if (c === '"') {
          this.quotedCr = false;
          this.inQuotes = false;
          this.afterQuote = true;
        } else {
          // CRLF counts as one line break, even when a chunk ends between the two.
          if (c === '\r' || (c === '\n' && !this.quotedCr)) this.line++;
          this.quotedCr = c === '\r';
          this.field += c;
        }
        continue;
      }
      if (c === '"') {
        if (this.afterQuote) {
          // A doubled quote inside a quoted field.
          this.field += '"';
          this.inQuotes = true;
          this.afterQuote = false;
        } else if (this.field === '') {
          this.inQuotes = true;
          this.started = true;
        } else this.field += c;
        continue;
      }
      this.afterQuote = false;
      if (c === ',') {
        this.fields.push(this.field);
        this.field = '';
        this.started = true;
      } else if (c === '\n' || c === '\r') {
        if (c === '\r') this.pendingCr = true;
        this.endRecord(out);
        this.line++;
        this.recordLine = this.line;
      } else {
        this.field += c;
        this.started = true;
      }
    }
    return out;
  }

  /** Ends the input; returns the last record when the file does not end with a line break. */
  end(): CsvRecord[] {
    const out: CsvRecord[] = [];
    if (this.started || this.field !== '' || this.fields.length > 0) this.endRecord(out);
    return out;
  }

  private endRecord(out: CsvRecord[]): void {
    this.fields.push(this.field);
    const blankLine = this.fields.length === 1 && this.fields[0] === '' && !this.started;
    if (!blankLine) out.push({ fields: this.fields, line: this.recordLine });
    this.fields = [];
    this.field = '';
    this.started = false;
    this.afterQuote = false;
  }
}
