// Browser-test harness: runs the real `firebreak serve` on a fresh data directory and a free port, reads the
// first-run credentials it prints, and drives Debian's Chromium through playwright-core (no browser download).
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import type { InvitedMember, SessionInfo } from '../../contracts';

const bin = fileURLToPath(new URL('../../bin/firebreak.js', import.meta.url));

export const chromiumPath = process.env.FIREBREAK_CHROMIUM ?? '/usr/bin/chromium';

export interface RunningServer {
  url: string;
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

export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'firebreak-e2e-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const { DATABASE_URL, ...rest } = process.env;
  const child: ChildProcess = spawn(process.execPath, [bin, 'serve'], {
    env: {
      ...rest,
      // The browser suite runs on whichever database the suite was given.
      ...(DATABASE_URL ? { DATABASE_URL } : {}),
      FIREBREAK_DATA_DIR: dataDir,
      PORT: String(port),
      FIREBREAK_PUBLIC_URL: url,
      FIREBREAK_LOG_LEVEL: 'warn',
      FIREBREAK_OWNER_EMAIL: 'owner@e2e.test',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const ok = await fetch(`${url}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok && /Password\s+\S+/.test(output)) break;
    if (child.exitCode !== null) throw new Error(`firebreak serve exited: ${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const email = /Email\s+(\S+)/.exec(output)?.[1];
  const password = /Password\s+(\S+)/.exec(output)?.[1];
  if (!email || !password) {
    child.kill('SIGKILL');
    throw new Error(`server did not print first-run credentials within 60 s: ${output}`);
  }
  return {
    url,
    email,
    password,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export async function signIn(
  page: Page,
  server: RunningServer,
  email = server.email,
  password = server.password,
): Promise<void> {
  await page.goto(`${server.url}/sign-in`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation').getByText('Listen').waitFor();
}

/** An API session: signs in over HTTP as a script would; `call` sends JSON with the session cookie and CSRF token. */
export type ApiSession = Awaited<ReturnType<typeof apiSession>>;

export async function apiSession(server: RunningServer, email = server.email, password = server.password) {
  const res = await fetch(`${server.url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  assert.equal(res.status, 200);
  const cookie = /fb_session=[^;]+/.exec(res.headers.get('set-cookie') ?? '')![0];
  const info = (await res.json()) as SessionInfo;
  const call = async <T>(method: string, path: string, body?: object): Promise<T> => {
    const r = await fetch(`${server.url}${path}`, {
      method,
      headers: {
        cookie,
        'x-csrf-token': info.csrfToken,
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    assert.ok(r.ok, `${method} ${path} → ${r.status} ${await r.clone().text()}`);
    return (r.status === 204 ? undefined : await r.json()) as T;
  };
  return { info, call };
}

/** Invites a member as the owner and accepts the invite over HTTP (the CLI cannot reach a running PGlite). */
export async function addMember(
  owner: ApiSession,
  server: RunningServer,
  member: { email: string; name: string; department: string },
  password: string,
): Promise<string> {
  const invited = await owner.call<InvitedMember>('POST', '/api/members', { ...member, role: 'member' });
  const token = new URL(invited.inviteUrl).searchParams.get('token')!;
  const res = await fetch(`${server.url}/api/auth/accept-invite`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token, password }),
  });
  assert.equal(res.status, 200, await res.clone().text());
  return invited.member.id;
}
