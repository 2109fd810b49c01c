// Shared by the benchmarks that need a real server: runs `firebreak serve` (the published entry point) on a fresh
// data directory and a free port, on PGlite (on disk, the default) or on a scratch PostgreSQL database, reads the
// first-run owner credentials it prints, and signs in over the API as a script would.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export const firebreakBin = fileURLToPath(new URL('../bin/firebreak.js', import.meta.url));

export interface BenchServer {
  url: string;
  email: string;
  password: string;
  pid: number;
  dataDir: string;
  /** The environment the server runs with (a CLI run against the same database needs it). */
  env: Record<string, string>;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** A scratch database beside the one `base` names (created now, dropped by `drop`), for benches on PostgreSQL. */
export async function scratchPostgres(
  base: string,
  prefix = 'fb_bench_srv',
): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(base);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** Starts `firebreak serve`; `postgresUrl` puts it on a scratch database beside that one, else PGlite on disk. */
export async function startBenchServer(
  options: { postgresUrl?: string | undefined; env?: Record<string, string> } = {},
): Promise<BenchServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'fb-bench-serve-'));
  const scratch = options.postgresUrl ? await scratchPostgres(options.postgresUrl) : null;
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const { DATABASE_URL: _ignored, ...rest } = process.env;
  const env: Record<string, string> = {
    ...(rest as Record<string, string>),
    ...(scratch ? { DATABASE_URL: scratch.url } : {}),
    FIREBREAK_DATA_DIR: dataDir,
    FIREBREAK_SECRET_KEY: randomBytes(32).toString('base64'),
    PORT: String(port),
    FIREBREAK_PUBLIC_URL: url,
    FIREBREAK_LOG_LEVEL: 'warn',
    FIREBREAK_OWNER_EMAIL: 'owner@bench.test',
    ...options.env,
  };
  const child: ChildProcess = spawn(process.execPath, [firebreakBin, 'serve'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-20_000)));
  child.stderr!.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-20_000)));
  const deadline = Date.now() + 120_000;
  let email: string | undefined;
  let password: string | undefined;
  while (Date.now() < deadline) {
    const ok = await fetch(`${url}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    email = /Email\s+(\S+)/.exec(output)?.[1];
    password = /Password\s+(\S+)/.exec(output)?.[1];
    if (ok && email && password) break;
    if (child.exitCode !== null) throw new Error(`firebreak serve exited: ${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  if (!email || !password) {
    child.kill('SIGKILL');
    throw new Error(`firebreak serve did not start within 120 s: ${output}`);
  }
  return {
    url,
    email,
    password,
    pid: child.pid!,
    dataDir,
    env,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
      rmSync(dataDir, { recursive: true, force: true });
      await scratch?.drop();
    },
  };
}

export interface ApiSession {
  cookie: string;
  call<T>(method: string, path: string, body?: unknown): Promise<T>;
}

/** Signs in with the owner's email and password and returns a JSON caller carrying the session and CSRF token. */
export async function signInApi(server: BenchServer): Promise<ApiSession> {
  const response = await fetch(`${server.url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: server.email, password: server.password }),
  });
  if (response.status !== 200) throw new Error(`sign-in answered ${response.status}`);
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return {
    cookie,
    async call<T>(method: string, path: string, body?: unknown): Promise<T> {
      const r = await fetch(`${server.url}${path}`, {
        method,
        headers: {
          cookie,
          'x-csrf-token': csrfToken,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${await r.text()}`);
      return (r.status === 204 ? undefined : await r.json()) as T;
    },
  };
}

/** Nearest-rank percentile of sorted numbers. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
