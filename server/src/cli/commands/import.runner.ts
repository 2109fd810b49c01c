// The work of `firebreak import` (kept apart from the command's registration so `--help` stays instant).
import { createReadStream, createWriteStream, statSync, type WriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Brand, ImportBatchResult, IncomingMention } from '../../../../contracts';
import type { Container } from '../../container';
import { systemActor } from '../../domain/actor';
import {
  CsvReader,
  csvHeaderProblem,
  parseCsvRecord,
  parseJsonLine,
  type ParsedLine,
} from '../../domain/ingestion/import-format';
import { slugify } from '../../domain/text';
import { AppError, InvalidError, NotFoundError } from '../../errors';

/** Where the batches go: the database opened by this process, or a running server (`--server`). */
export interface ImportTarget {
  brand: { id: string; name: string };
  /** Resolves once the batch is committed. */
  ingest(mentions: IncomingMention[], raw: unknown[]): Promise<{ accepted: number; duplicates: number }>;
}

function findBrand(brands: readonly Pick<Brand, 'id' | 'name'>[], ref: string) {
  const brand = brands.find((b) => b.id === ref || slugify(b.name) === slugify(ref) || b.name === ref);
  if (!brand) throw new NotFoundError(`Brand "${ref}"`);
  return brand;
}

/** This process's own database (embedded data directory or PostgreSQL). */
export async function localImportTarget(
  container: Container,
  brandRef: string,
  workspaceRef: string | undefined,
): Promise<ImportTarget> {
  const workspace = await container.services.workspaces.resolveWorkspace(workspaceRef);
  const brand = findBrand(await container.services.brands.list(systemActor(workspace.id), false), brandRef);
  const { ingestion } = container.services;
  return {
    brand,
    ingest: (mentions, raw) =>
      ingestion.ingest(
        workspace.id,
        { mentions, raw, nextCursor: null, skipped: 0 },
        { brandIds: [brand.id] },
      ),
  };
}

/**
 * A running Firebreak server, through its API with an API token (its workspace is the token's): what an import
 * must use while `firebreak serve` holds an embedded data directory. Each batch is one `POST /api/mentions/import`,
 * answered after the commit.
 */
export async function serverImportTarget(
  serverUrl: string,
  token: string,
  brandRef: string,
): Promise<ImportTarget> {
  const base = serverUrl.replace(/\/+$/, '');
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    let res: Response;
    try {
      res = await fetch(`${base}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (error) {
      throw new AppError('upstream_failed', `cannot reach ${base}: ${(error as Error).message}`, 503);
    }
    const text = await res.text();
    if (!res.ok) {
      let message = text.slice(0, 300);
      try {
        message = (JSON.parse(text) as { error: { message: string } }).error.message;
      } catch {
        // Not our error shape: keep the text.
      }
      throw new AppError('upstream_failed', `${base} answered ${res.status}: ${message}`, res.status);
    }
    return JSON.parse(text) as T;
  };
  const { brands } = await call<{ brands: Brand[] }>('GET', '/api/brands');
  const brand = findBrand(brands, brandRef);
  return {
    brand,
    ingest: (mentions, raw) =>
      call<ImportBatchResult>('POST', '/api/mentions/import', { brandId: brand.id, mentions, raw }),
  };
}

export interface ImportRun {
  file: string;
  format: 'jsonl' | 'csv';
  rejects?: string | undefined;
  batchSize: number;
  /** Where progress goes (stderr); tests pass a sink. */
  progress?: NodeJS.WritableStream;
  out?: NodeJS.WritableStream;
}

export interface ImportSummary {
  lines: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  rejectsPath: string | null;
}

/** Each line (or CSV record) of the file with its 1-based line number, read in chunks. */
async function* linesOf(
  file: string,
  format: 'jsonl' | 'csv',
  onBytes: (n: number) => void,
): AsyncGenerator<{ line: number; parsed: ParsedLine }> {
  const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 });
  stream.on('data', (chunk) => onBytes(Buffer.byteLength(chunk as string)));
  if (format === 'jsonl') {
    const rl = createInterface({ input: stream, crlfDelay: Infinity });
    let line = 0;
    for await (const text of rl) {
      line++;
      if (text.trim() === '') continue;
      yield { line, parsed: parseJsonLine(line === 1 ? text.replace(/^\uFEFF/, '') : text) };
    }
    return;
  }
  const reader = new CsvReader();
  let header: string[] | null = null;
  const records = async function* () {
    for await (const chunk of stream) yield* reader.push(chunk as string);
    yield* reader.end();
  };
  for await (const record of records()) {
    if (header === null) {
      header = record.fields.map((f, i) => (i === 0 ? f.replace(/^\uFEFF/, '') : f));
      const problem = csvHeaderProblem(header);
      if (problem) throw new InvalidError(`${problem}`);
      continue;
    }
    yield { line: record.line, parsed: parseCsvRecord(header, record.fields) };
  }
}

function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.round(seconds);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/**
 * Imports the file into the target (resolved once the file is known to be readable); returns the exit code
 * (non-zero only when nothing could be read).
 */
export async function runImport(resolveTarget: () => Promise<ImportTarget>, run: ImportRun): Promise<number> {
  const out = run.out ?? process.stdout;
  const progress = run.progress ?? process.stderr;
  const tty = (progress as NodeJS.WriteStream).isTTY === true;
  let size: number;
  try {
    size = statSync(run.file).size;
  } catch (error) {
    throw new InvalidError(
      `${run.file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  const target = await resolveTarget();
  const { brand } = target;

  const rejectsPath = run.rejects ?? `${run.file}.rejects.tsv`;
  let rejectsOut: WriteStream | null = null;
  const summary: ImportSummary = { lines: 0, accepted: 0, duplicates: 0, rejected: 0, rejectsPath: null };
  let bytes = 0;
  let committedLines = 0;
  const started = Date.now();
  let lastPrint = 0;
  const print = (final = false) => {
    const now = Date.now();
    if (!final && now - lastPrint < (tty ? 200 : 5_000)) return;
    lastPrint = now;
    const seconds = (now - started) / 1000;
    const rate = committedLines / Math.max(seconds, 0.001);
    const fraction = size > 0 ? Math.min(1, bytes / size) : 0;
    const eta = fraction > 0 ? (seconds / fraction) * (1 - fraction) : Number.NaN;
    const width = 24;
    const bar = '█'.repeat(Math.round(fraction * width)).padEnd(width, '░');
    const text = `${bar} ${(fraction * 100).toFixed(0).padStart(3)}%  ${committedLines.toLocaleString('en')} rows  ${Math.round(rate).toLocaleString('en')} rows/s  ETA ${final ? '0:00' : formatDuration(eta)}`;
    progress.write(tty ? `\r${text}${final ? '\n' : ''}` : `${text}\n`);
  };

  let batch: IncomingMention[] = [];
  let raws: unknown[] = [];
  let batchLines = 0;
  const pipeline: { inFlight: Promise<void> | null } = { inFlight: null };
  const flush = async () => {
    const mentions = batch;
    const raw = raws;
    const lines = batchLines;
    batch = [];
    raws = [];
    batchLines = 0;
    // At most two batches in flight: parse the next while the previous one commits.
    if (pipeline.inFlight) await pipeline.inFlight;
    pipeline.inFlight = target.ingest(mentions, raw).then((r) => {
      summary.accepted += r.accepted;
      summary.duplicates += r.duplicates;
      committedLines += lines;
      print();
    });
  };

  try {
    for await (const { line, parsed } of linesOf(run.file, run.format, (n) => (bytes += n))) {
      summary.lines++;
      if (!parsed.ok) {
        summary.rejected++;
        rejectsOut ??= createWriteStream(rejectsPath, { encoding: 'utf8' });
        if (!rejectsOut.write(`${line}\t${parsed.reason.replace(/[\t\n\r]+/g, ' ')}\n`)) {
          await new Promise<void>((resolve) => rejectsOut!.once('drain', () => resolve()));
        }
        continue;
      }
      batch.push(parsed.mention);
      raws.push(parsed.raw);
      batchLines++;
      if (batch.length >= run.batchSize) await flush();
    }
    if (batch.length > 0) await flush();
    if (pipeline.inFlight) await pipeline.inFlight;
  } finally {
    if (rejectsOut) {
      const stream = rejectsOut;
      await new Promise<void>((resolve) => stream.end(resolve));
      summary.rejectsPath = rejectsPath;
    }
  }
  print(true);
  const valid = summary.lines - summary.rejected;
  out.write(
    `Imported ${run.file} for brand "${brand.name}": ${summary.lines.toLocaleString('en')} lines, ` +
      `${summary.accepted.toLocaleString('en')} accepted, ${summary.duplicates.toLocaleString('en')} duplicates, ` +
      `${summary.rejected.toLocaleString('en')} rejected` +
      (summary.rejectsPath ? ` (line and reason in ${summary.rejectsPath})` : '') +
      '.\n',
  );
  if (valid === 0) {
    progress.write('firebreak: nothing could be read from the file: no line is a valid mention.\n');
    return 1;
  }
  return 0;
}
