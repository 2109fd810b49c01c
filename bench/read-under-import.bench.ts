// Reads under import: do the API's reads keep answering while a large file is imported? Models what a person does:
// `firebreak serve` on PGlite (on disk; it owns the data directory, so the import cannot open it) and, beside it,
// `firebreak import FILE --brand … --server URL --token-file F`, which parses and validates the file and sends
// batches of 1,000 to the server's API (`POST /api/mentions/import`, answered after the commit; two in flight).
// Meanwhile R readers replay what open Listen and Sources pages request (the stream, filtered and full-text
// searches, the hour / day / week charts, the sources list), one request at a time with a short pause. Prints read
// latency percentiles before the import (empty database), during it (per request kind) and after it (the grown
// database, nothing else running), and the import's rate.
// Target: p99 of reads < 250 ms while a one-million-line import runs.
//
//   npm run bench:read-under-import -- [--lines 1000000] [--readers 2] [--pause-ms 100] [--baseline-seconds 20] [--db pglite|postgres]
//
// PGlite by default; --db postgres runs the same on a scratch database beside DATABASE_URL.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Brand, CreatedApiToken } from '../contracts';
import { simulateMinute } from '../server/src/connectors/simulator/simulator.generator';
import { type BenchServer, firebreakBin, percentile, signInApi, startBenchServer } from './bench-server';

const { values: args } = parseArgs({
  options: {
    lines: { type: 'string', default: '1000000' },
    readers: { type: 'string', default: '2' },
    'pause-ms': { type: 'string', default: '100' },
    'baseline-seconds': { type: 'string', default: '20' },
    'after-seconds': { type: 'string', default: '20' },
    db: { type: 'string', default: 'pglite' },
    /** Write a CPU profile of the server (`node --cpu-prof`) into this directory. */
    profile: { type: 'string' },
  },
});
const lines = Number(args.lines);
const readers = Number(args.readers);
const pauseMs = Number(args['pause-ms']);
const baselineSeconds = Number(args['baseline-seconds']);
const afterSeconds = Number(args['after-seconds']);
const postgresUrl = process.env.DATABASE_URL || undefined;
if (args.db === 'postgres' && !postgresUrl) throw new Error('--db postgres needs DATABASE_URL');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

/** A week of simulator traffic for the brand, one mention per line (the contract's JSON form). */
async function writeFile(path: string): Promise<number> {
  const week = 7 * 24 * 60;
  const plan = {
    keywords: ['Northwind Air', 'Northwind'],
    ratePerMinute: Math.max(1, Math.ceil((lines / week) * 1.1)),
    crisis: 'dormant_then_viral' as const,
    crisisStartMinutes: week - 6 * 60,
    seed: 5,
    startMs: Date.now() - week * 60_000,
  };
  const out = createWriteStream(path);
  let written = 0;
  for (let minute = 0; written < lines; minute++) {
    const chunk: string[] = [];
    for (const m of simulateMinute(plan, minute).mentions) {
      if (written + chunk.length >= lines) break;
      chunk.push(JSON.stringify(m));
    }
    written += chunk.length;
    if (!out.write(chunk.join('\n') + '\n')) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((r) => out.end(r));
  return written;
}

interface ReadSample {
  kind: string;
  ms: number;
  phase: 'idle' | 'import' | 'after';
}

function readRequests(brandId: string): { kind: string; path: () => string }[] {
  const since = (ms: number) => encodeURIComponent(new Date(Date.now() - ms).toISOString());
  return [
    { kind: 'stream (50 newest)', path: () => `/api/mentions?brandId=${brandId}&limit=50` },
    { kind: 'negative filter', path: () => `/api/mentions?brandId=${brandId}&sentiment=negative&limit=50` },
    // A search for a word in many mentions, and one for a word in none (the slowest to plan well).
    { kind: 'search: common word', path: () => `/api/mentions?brandId=${brandId}&q=great&limit=50` },
    { kind: 'search: word in none', path: () => `/api/mentions?brandId=${brandId}&q=outage&limit=50` },
    {
      kind: 'chart: hour by minute',
      path: () => `/api/rollups?brandId=${brandId}&bucket=minute&since=${since(3_600_000)}`,
    },
    {
      kind: 'chart: day by hour',
      path: () => `/api/rollups?brandId=${brandId}&bucket=hour&since=${since(86_400_000)}`,
    },
    {
      kind: 'chart: week by day',
      path: () => `/api/rollups?brandId=${brandId}&bucket=day&since=${since(7 * 86_400_000)}`,
    },
    { kind: 'sources list', path: () => '/api/sources' },
  ];
}

function summary(samples: readonly ReadSample[]): string {
  const sorted = samples.map((s) => s.ms).sort((a, b) => a - b);
  const r = (x: number) => `${Math.round(x)}`.padStart(5);
  return `n ${String(sorted.length).padStart(5)}  p50 ${r(percentile(sorted, 50))} ms  p90 ${r(percentile(sorted, 90))} ms  p99 ${r(percentile(sorted, 99))} ms  max ${r(sorted.at(-1) ?? NaN)} ms`;
}

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'fb-bench-import-'));
  const file = join(work, 'mentions.jsonl');
  let server: BenchServer | undefined;
  try {
    const generated = performance.now();
    const written = await writeFile(file);
    console.log(
      `read under import: ${written.toLocaleString('en')}-line JSONL written in ${((performance.now() - generated) / 1000).toFixed(0)} s; ` +
        `firebreak serve on ${args.db === 'postgres' ? 'PostgreSQL' : 'PGlite (disk)'}; ${readers} readers, ${pauseMs} ms between requests`,
    );
    server = await startBenchServer({
      postgresUrl: args.db === 'postgres' ? postgresUrl : undefined,
      ...(args.profile ? { env: { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${args.profile}` } } : {}),
    });
    const api = await signInApi(server);
    const brand = await api.call<Brand>('POST', '/api/brands', {
      name: 'Northwind Air',
      keywords: ['Northwind'],
    });
    const token = await api.call<CreatedApiToken>('POST', '/api/api-tokens', {
      name: 'bench import',
      role: 'member',
      department: 'marketing',
    });
    const tokenFile = join(work, 'token');
    writeFileSync(tokenFile, token.secret, { mode: 0o600 });

    const samples: ReadSample[] = [];
    let phase: ReadSample['phase'] = 'idle';
    let stop = false;
    let failures = 0;
    const requests = readRequests(brand.id);
    const url = server.url;
    const reader = async (k: number) => {
      for (let i = k; !stop; i++) {
        const req = requests[i % requests.length]!;
        const started = performance.now();
        const res = await fetch(`${url}${req.path()}`, { headers: { cookie: api.cookie } });
        await res.arrayBuffer();
        const ms = performance.now() - started;
        if (res.ok) samples.push({ kind: req.kind, ms, phase });
        else failures++;
        await sleep(pauseMs);
      }
    };
    const running = Array.from({ length: readers }, (_, k) => reader(k));

    await sleep(baselineSeconds * 1000);
    phase = 'import';
    const importStarted = performance.now();
    const cli = spawn(
      process.execPath,
      [firebreakBin, 'import', file, '--brand', 'northwind-air', '--server', url, '--token-file', tokenFile],
      { env: { ...process.env, FIREBREAK_LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let cliOut = '';
    let cliErr = '';
    cli.stdout.on('data', (d: Buffer) => (cliOut += d.toString()));
    cli.stderr.on('data', (d: Buffer) => (cliErr = (cliErr + d.toString()).slice(-2_000)));
    const loads: number[] = [];
    const loadTimer = setInterval(() => loads.push(loadavg()[0]!), 10_000);
    // The import's own progress line (rows, rows/s, ETA), once a minute.
    const progressTimer = setInterval(() => {
      const last = cliErr.trim().split('\n').at(-1);
      if (last) console.log(`    import progress: ${last.replace(/^.*?(\d+%)/, '$1')}`);
    }, 60_000);
    const code = await new Promise<number | null>((r) => cli.on('close', r));
    clearInterval(loadTimer);
    clearInterval(progressTimer);
    const importSeconds = (performance.now() - importStarted) / 1000;
    // The same reads on the grown database with nothing else running: what the import itself costs them.
    phase = 'after';
    await sleep(afterSeconds * 1000);
    stop = true;
    await Promise.all(running);
    if (code !== 0) throw new Error(`firebreak import exited ${code}: ${cliErr}`);

    const idle = samples.filter((s) => s.phase === 'idle');
    const during = samples.filter((s) => s.phase === 'import');
    const afterwards = samples.filter((s) => s.phase === 'after');
    const p99 = percentile(
      during.map((s) => s.ms).sort((a, b) => a - b),
      99,
    );
    const rows = [
      `  import: ${cliOut.trim()}`,
      `  import took ${importSeconds.toFixed(0)} s: ${Math.round(written / importSeconds).toLocaleString('en')} lines/s (exit ${code})`,
      `  reads before the import (idle)   ${summary(idle)}`,
      `  reads during the import          ${summary(during)}`,
      `  reads after it (grown database)  ${summary(afterwards)}`,
      ...requests.map(
        (r) =>
          `    ${r.kind.padEnd(24)} during: ${summary(during.filter((s) => s.kind === r.kind))};  after: p99 ${Math.round(
            percentile(
              afterwards
                .filter((s) => s.kind === r.kind)
                .map((s) => s.ms)
                .sort((a, b) => a - b),
              99,
            ),
          )} ms`,
      ),
      `  failed reads: ${failures}`,
      `  target p99 < 250 ms during the import: ${p99 < 250 ? 'met' : 'NOT met'}`,
      `  machine load during the import (1-min average, every 10 s): ${loads.map((l) => l.toFixed(1)).join(' ')}`,
    ];
    console.log(rows.join('\n'));
  } finally {
    await server?.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
