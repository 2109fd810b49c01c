import assert from 'node:assert/strict';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { tempDir } from '../../test/database';

const bin = fileURLToPath(new URL('../../../bin/firebreak.js', import.meta.url));

function cli(args: string[], env: Record<string, string>, input?: string) {
  const { DATABASE_URL: _ignored, ...rest } = process.env;
  const result = spawnSync(process.execPath, [bin, ...args], {
    env: { ...rest, FIREBREAK_LOG_LEVEL: 'silent', ...env },
    encoding: 'utf8',
    ...(input !== undefined ? { input } : {}),
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

describe('the firebreak CLI', () => {
  const children: ChildProcess[] = [];
  after(() => {
    for (const c of children) c.kill('SIGTERM');
  });

  it('prints help for every command', () => {
    for (const args of [
      ['--help'],
      ['serve', '--help'],
      ['db', 'migrate', '--help'],
      ['workspace', 'create', '--help'],
      ['user', 'create', '--help'],
      ['brand', 'create', '--help'],
    ]) {
      const r = cli(args, {});
      assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stdout, /Usage: firebreak/);
    }
  });

  it('migrates, creates a workspace, a member and a brand on a data directory', () => {
    const env = { FIREBREAK_DATA_DIR: tempDir('cli') };
    const migrated = cli(['db', 'migrate'], env);
    assert.equal(migrated.code, 0, migrated.stderr);
    assert.match(migrated.stdout, /Migrations up to date on PGlite/);

    const ws = cli(['workspace', 'create', '--name', 'Acme Corp', '--owner-email', 'boss@acme.test'], env);
    assert.equal(ws.code, 0, ws.stderr);
    assert.match(ws.stdout, /slug acme-corp/);
    assert.match(ws.stdout, /Password \(shown once\): \S{20,}/);

    const bad = cli(
      ['user', 'create', '--workspace', 'acme-corp', '--email', 'x@acme.test', '--department', 'sales'],
      env,
    );
    assert.equal(bad.code, 1);
    assert.match(
      bad.stderr,
      /--department: "sales" is not one of marketing, pr, customer_service, legal, executive/,
    );

    const user = cli(
      [
        'user',
        'create',
        '--workspace',
        'acme-corp',
        '--email',
        'pr@acme.test',
        '--department',
        'pr',
        '--password-stdin',
      ],
      env,
      'a chosen long password\n',
    );
    assert.equal(user.code, 0, user.stderr);
    assert.doesNotMatch(user.stdout, /Password/);

    const brand = cli(
      [
        'brand',
        'create',
        '--workspace',
        'acme-corp',
        '--name',
        'Acme Cola',
        '--keyword',
        'acme cola',
        '--handle',
        'x=@acmecola',
      ],
      env,
    );
    assert.equal(brand.code, 0, brand.stderr);
    const list = cli(['brand', 'list', '--workspace', 'acme-corp'], env);
    assert.match(list.stdout, /Acme Cola\tacme cola/);

    const badHandle = cli(
      ['brand', 'create', '--workspace', 'acme-corp', '--name', 'B', '--handle', 'myspace=@b'],
      env,
    );
    assert.equal(badHandle.code, 1);
    assert.match(badHandle.stderr, /--handle: "myspace=@b" should be PLATFORM=HANDLE/);
  });

  it('serves on a fresh data directory, prints the owner credentials, and keeps a second process out', async () => {
    const dataDir = tempDir('serve');
    const port = await freePort();
    const { DATABASE_URL: _ignored, ...rest } = process.env;
    const child = spawn(process.execPath, [bin, 'serve'], {
      env: { ...rest, FIREBREAK_DATA_DIR: dataDir, PORT: String(port), FIREBREAK_LOG_LEVEL: 'warn' },
    });
    children.push(child);
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    let health: Response | undefined;
    for (let i = 0; i < 120 && !health?.ok; i++) {
      await new Promise((r) => setTimeout(r, 250));
      health = await fetch(`http://127.0.0.1:${port}/api/health`).catch(() => undefined);
    }
    assert.ok(health?.ok, `server did not start: ${out}`);
    assert.deepEqual(await health.json(), { status: 'ok', database: 'pglite', version: '0.1.0' });
    const email = /Email\s+(\S+)/.exec(out)?.[1];
    const password = /Password\s+(\S+)/.exec(out)?.[1];
    assert.ok(email && password, out);
    const signIn = await fetch(`http://127.0.0.1:${port}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    assert.equal(signIn.status, 200);

    const second = cli(['brand', 'list'], { FIREBREAK_DATA_DIR: dataDir });
    assert.equal(second.code, 1);
    assert.match(second.stderr, /already in use by another Firebreak process \(pid \d+\)/);
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  });
});
