// Crisis-room delivery benchmark: a real `firebreak serve` process, N members who each accepted an invite (their
// own session), joined one crisis as participants and hold an SSE connection to /api/events; then M messages
// are posted to the room, one at a time, by rotating authors. For every message and every participant we measure
// the time from the moment the POST is sent to the moment that participant's connection receives the
// `crisis.message.posted` frame. Target: p99 < 200 ms with 200 participants.
//
//   npm run bench:crisis-room -- [--participants 200] [--messages 200] [--gap 25] [--burst 1]
//                                [--db pglite|postgres|both] [--profile DIR]
//
// The server runs in its own process (so its event loop is not shared with the 200 clients), on embedded PGlite
// in a temporary data directory, and on PostgreSQL when DATABASE_URL is set (a scratch database is created
// beside it and dropped afterwards).
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';

const { values: args } = parseArgs({
  options: {
    participants: { type: 'string', default: '200' },
    messages: { type: 'string', default: '200' },
    warmup: { type: 'string', default: '10' },
    /** Pause between messages, after the previous one reached everybody (ms). */
    gap: { type: 'string', default: '25' },
    /** Messages posted at the same moment by different participants (1: one at a time). */
    burst: { type: 'string', default: '1' },
    /** Write a CPU profile of the server process into this directory (node --cpu-prof). */
    profile: { type: 'string' },
    db: { type: 'string' },
  },
});
const participantCount = Number(args.participants);
const messageCount = Number(args.messages);
const warmupCount = Number(args.warmup);
const gapMs = Number(args.gap);
const burst = Math.max(1, Number(args.burst));
const postgresUrl = process.env.DATABASE_URL || undefined;
const targets = args.db
  ? args.db === 'both'
    ? ['pglite', 'postgres']
    : [args.db]
  : postgresUrl
    ? ['pglite', 'postgres']
    : ['pglite'];

const bin = fileURLToPath(new URL('../bin/firebreak.js', import.meta.url));

// ---------- the server ----------

interface Server {
  url: string;
  port: number;
  email: string;
  password: string;
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

async function startServer(databaseUrl: string | undefined): Promise<Server> {
  const dataDir = mkdtempSync(join(tmpdir(), 'firebreak-bench-crisis-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const { DATABASE_URL: _ignored, ...rest } = process.env;
  const profile = args.profile ? ['--cpu-prof', `--cpu-prof-dir=${args.profile}`] : [];
  const child: ChildProcess = spawn(process.execPath, [...profile, bin, 'serve'], {
    env: {
      ...rest,
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
      FIREBREAK_DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      FIREBREAK_PUBLIC_URL: url,
      FIREBREAK_LOG_LEVEL: 'warn',
      FIREBREAK_OWNER_EMAIL: 'owner@bench.test',
      // 200 sign-ins come from one address in a few seconds.
      FIREBREAK_LOGIN_MAX_ATTEMPTS: '100000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    const ok = await fetch(`${url}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok && /Password\s+\S+/.test(output)) break;
    if (child.exitCode !== null) throw new Error(`firebreak serve exited: ${output}`);
    await sleep(200);
  }
  const email = /Email\s+(\S+)/.exec(output)?.[1];
  const password = /Password\s+(\S+)/.exec(output)?.[1];
  if (!email || !password) {
    child.kill('SIGKILL');
    throw new Error(`server did not print first-run credentials: ${output}`);
  }
  return {
    url,
    port,
    email,
    password,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
      rmSync(dataDir, { recursive: true, force: true });
      const errors = output.split('\n').filter((l) => /"level":(50|60)/.test(l));
      if (errors.length > 0) console.log(`  server logged ${errors.length} errors, first: ${errors[0]}`);
    },
  };
}

// ---------- HTTP clients ----------

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Session {
  memberId: string;
  cookie: string;
  csrf: string;
}

/** Keep-alive agent for the mutations, so each POST measures the request, not a TCP handshake. */
let agent = new http.Agent({ keepAlive: true, maxSockets: 16 });

function request(
  server: Server,
  method: string,
  path: string,
  session: Session | null,
  body?: object,
): Promise<{ status: number; json: unknown; setCookie: string[] }> {
  return new Promise((resolve, reject) => {
    const payload = body ? JSON.stringify(body) : undefined;
    const req = http.request(
      {
        host: '127.0.0.1',
        port: server.port,
        method,
        path,
        agent,
        headers: {
          ...(payload ? { 'content-type': 'application/json' } : {}),
          ...(session ? { cookie: session.cookie, 'x-csrf-token': session.csrf } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          resolve({
            status: res.statusCode ?? 0,
            json: text ? (JSON.parse(text) as unknown) : undefined,
            setCookie: res.headers['set-cookie'] ?? [],
          });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

async function call<T>(server: Server, method: string, path: string, session: Session | null, body?: object) {
  const res = await request(server, method, path, session, body);
  if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(res.json)}`);
  return res.json as T;
}

function sessionFrom(res: { json: unknown; setCookie: string[] }): Session {
  const cookie = /fb_session=[^;]+/.exec(res.setCookie.join(';'))![0];
  const info = res.json as { csrfToken: string; member: { id: string } };
  return { memberId: info.member.id, cookie, csrf: info.csrfToken };
}

/** Runs `work` over `items` with at most `limit` in flight. */
async function pool<T, R>(items: readonly T[], limit: number, work: (item: T, i: number) => Promise<R>) {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await work(items[i]!, i);
      }
    }),
  );
  return out;
}

// ---------- SSE participants ----------

interface Participant {
  session: Session;
  /** Arrival time (performance.now()) of each benchmark message by its marker. */
  arrivals: Map<string, number>;
  close(): void;
}

const departments = ['marketing', 'pr', 'customer_service', 'legal', 'executive'] as const;
const markerPattern = /bench-msg-\d+-[0-9a-f]+/;

function connect(server: Server, session: Session, onArrival: () => void): Promise<Participant> {
  return new Promise((resolve, reject) => {
    const arrivals = new Map<string, number>();
    let buffer = '';
    const req = http.get(
      {
        host: '127.0.0.1',
        port: server.port,
        path: '/api/events',
        agent: false,
        headers: { cookie: session.cookie, accept: 'text/event-stream' },
      },
      (res) => {
        if (res.statusCode !== 200) {
          reject(new Error(`/api/events → ${res.statusCode}`));
          return;
        }
        res.setEncoding('utf8');
        let opened = false;
        res.on('data', (chunk: string) => {
          // The arrival time is taken before any parsing, when the bytes reach this process.
          const at = performance.now();
          buffer += chunk;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const frame = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            if (!opened && frame.includes(': connected')) {
              opened = true;
              resolve({ session, arrivals, close: () => req.destroy() });
              continue;
            }
            if (!frame.includes('event: crisis.message.posted')) continue;
            const marker = markerPattern.exec(frame)?.[0];
            if (marker && !arrivals.has(marker)) {
              arrivals.set(marker, at);
              onArrival();
            }
          }
        });
      },
    );
    req.on('error', (error) => {
      if (!req.destroyed) reject(error);
    });
  });
}

// ---------- statistics ----------

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i]!;
}
const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
function summary(label: string, values: number[]): string {
  const s = [...values].sort((a, b) => a - b);
  return `${label.padEnd(34)} p50 ${fmt(quantile(s, 0.5)).padStart(9)}  p95 ${fmt(quantile(s, 0.95)).padStart(9)}  p99 ${fmt(quantile(s, 0.99)).padStart(9)}  max ${fmt(s[s.length - 1] ?? NaN).padStart(9)}  (n=${s.length})`;
}

// ---------- one run ----------

async function run(target: string): Promise<void> {
  let scratch: { url: string; drop: () => Promise<void> } | undefined;
  if (target === 'postgres') {
    if (!postgresUrl) throw new Error('--db postgres needs DATABASE_URL');
    const name = `firebreak_bench_crisis_${process.pid}`;
    const admin = new pg.Client({ connectionString: postgresUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${name}`);
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(postgresUrl);
    url.pathname = `/${name}`;
    scratch = {
      url: url.toString(),
      async drop() {
        const c = new pg.Client({ connectionString: postgresUrl });
        await c.connect();
        await c.query(`drop database if exists ${name} with (force)`);
        await c.end();
      },
    };
  }

  console.log(
    `\n== ${target}: ${participantCount} participants, ${messageCount} messages` +
      `${burst > 1 ? `, ${burst} posted at once` : ''} ==`,
  );
  agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
  const started = performance.now();
  const server = await startServer(scratch?.url);
  const participants: Participant[] = [];
  try {
    const ownerRes = await request(server, 'POST', '/api/auth/sign-in', null, {
      email: server.email,
      password: server.password,
    });
    const owner = sessionFrom(ownerRes);

    // N members, each accepting their invite: their own session (cookie + CSRF token).
    const sessions = await pool(
      Array.from({ length: participantCount }, (_, i) => i),
      4,
      async (i) => {
        const invited = await call<{ inviteUrl: string }>(server, 'POST', '/api/members', owner, {
          email: `participant${i}@bench.test`,
          name: `Participant ${i}`,
          department: departments[i % departments.length],
          role: 'member',
        });
        const token = new URL(invited.inviteUrl).searchParams.get('token')!;
        const res = await request(server, 'POST', '/api/auth/accept-invite', null, {
          token,
          password: `participant password ${i}`,
        });
        if (res.status !== 200) throw new Error(`accept-invite → ${res.status}`);
        return sessionFrom(res);
      },
    );

    const crisis = await call<{ id: string }>(server, 'POST', '/api/crises', owner, {
      title: 'Benchmark: holiday ad backlash',
      type: 'offensive_ad',
      severity: 'SEV1',
    });
    // Everyone joins the room as a participant.
    await pool(sessions, 4, (s) =>
      call(server, 'POST', `/api/crises/${crisis.id}/roles`, s, {
        role: 'participant',
        memberId: s.memberId,
      }),
    );
    const setupSeconds = (performance.now() - started) / 1000;

    let pending = 0;
    let wake: (() => void) | null = null;
    const onArrival = () => {
      pending--;
      if (pending === 0) wake?.();
    };
    participants.push(...(await pool(sessions, 20, (s) => connect(server, s, onArrival))));
    await sleep(500); // let the connection burst settle

    const deliveries: number[] = [];
    const lastPerMessage: number[] = [];
    const postTimes: number[] = [];
    let missing = 0;
    // Messages go out in rounds of `burst` posted at once by different authors (1: one at a time).
    for (let k = 0; k < warmupCount + messageCount; k += burst) {
      const round = Array.from({ length: Math.min(burst, warmupCount + messageCount - k) }, (_, j) => ({
        marker: `bench-msg-${k + j}-${randomBytes(4).toString('hex')}`,
        author: participants[(k + j) % participants.length]!.session,
        counted: k + j >= warmupCount,
        t0: 0,
        postMs: 0,
      }));
      pending = participants.length * round.length;
      const allArrived = new Promise<void>((r) => (wake = r));
      await Promise.all(
        round.map(async (m) => {
          m.t0 = performance.now();
          const res = await request(server, 'POST', `/api/crises/${crisis.id}/messages`, m.author, {
            body: `${m.marker} status update from the field`,
          });
          m.postMs = performance.now() - m.t0;
          if (res.status !== 201) {
            throw new Error(`POST message → ${res.status} ${JSON.stringify(res.json)}`);
          }
        }),
      );
      const timedOut = await Promise.race([allArrived.then(() => false), sleep(10_000).then(() => true)]);
      wake = null;
      if (timedOut) console.log(`  round ${k}: ${pending} deliveries missing after 10 s`);
      for (const m of round) {
        let last = 0;
        for (const p of participants) {
          const at = p.arrivals.get(m.marker);
          p.arrivals.delete(m.marker);
          if (!m.counted) continue;
          if (at === undefined) {
            missing++;
            continue;
          }
          deliveries.push(at - m.t0);
          last = Math.max(last, at - m.t0);
        }
        if (!m.counted) continue;
        postTimes.push(m.postMs);
        lastPerMessage.push(last);
      }
      if (gapMs > 0) await sleep(gapMs);
    }

    console.log(`setup (members, sessions, crisis, joins): ${setupSeconds.toFixed(1)} s`);
    console.log(summary('POST → participant receives', deliveries));
    console.log(summary('POST → last participant receives', lastPerMessage));
    console.log(summary('POST answered (201)', postTimes));
    console.log(
      `deliveries ${deliveries.length} of ${messageCount * participants.length}, missing ${missing}` +
        ` · target p99 < 200 ms: ${
          quantile(
            [...deliveries].sort((a, b) => a - b),
            0.99,
          ) < 200
            ? 'met'
            : 'MISSED'
        }`,
    );
  } finally {
    for (const p of participants) p.close();
    agent.destroy();
    await server.stop();
    await scratch?.drop();
  }
}

for (const target of targets) await run(target);
