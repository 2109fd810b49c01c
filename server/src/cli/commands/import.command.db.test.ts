import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createTestApp, type TestApp } from '../../../test/app';
import { tempDir } from '../../../test/database';
import { openPglite } from '../../db/database';
import { systemActor } from '../../domain/actor';

const bin = fileURLToPath(new URL('../../../../bin/firebreak.js', import.meta.url));

function cli(args: string[], env: Record<string, string>) {
  const { DATABASE_URL: _ignored, ...rest } = process.env;
  const r = spawnSync(process.execPath, [bin, ...args], {
    env: { ...rest, FIREBREAK_LOG_LEVEL: 'silent', ...env },
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The CLI without blocking this process (which serves the API the CLI talks to). */
function cliAsync(args: string[], env: Record<string, string> = {}) {
  const { DATABASE_URL: _ignored, ...rest } = process.env;
  const child = spawn(process.execPath, [bin, ...args], {
    env: { ...rest, FIREBREAK_LOG_LEVEL: 'silent', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, stderr })),
  );
}

describe('firebreak import', () => {
  const dir = tempDir('import');
  const env = { FIREBREAK_DATA_DIR: join(dir, 'data') };

  it('accepts every good JSONL line, reports each bad one by line number, and adds nothing the second time', () => {
    assert.equal(
      cli(['workspace', 'create', '--name', 'Acme Corp', '--owner-email', 'boss@acme.test'], env).code,
      0,
    );
    assert.equal(cli(['brand', 'create', '--name', 'Acme Air', '--keyword', 'acme'], env).code, 0);
    const lines: string[] = [];
    const bad = new Map<number, RegExp>();
    for (let i = 1; i <= 3000; i++) {
      if (i % 500 === 7) {
        lines.push('{"platform": "x", "externalId": ');
        bad.set(i, /not valid JSON/);
      } else if (i % 500 === 250) {
        lines.push(
          JSON.stringify({
            platform: 'friendster',
            externalId: `e${i}`,
            author: { handle: 'a' },
            text: 't',
            createdAt: '2026-11-01T00:00:00Z',
          }),
        );
        bad.set(i, /^platform: /);
      } else if (i % 1000 === 999) {
        lines.push(
          JSON.stringify({
            platform: 'x',
            externalId: `e${i}`,
            author: { handle: 'a' },
            text: 't',
            createdAt: 'last week',
          }),
        );
        bad.set(i, /^createdAt: /);
      } else {
        // Texts need not name the brand: an import is attributed to the brand it names.
        lines.push(
          JSON.stringify({
            platform: i % 3 === 0 ? 'reddit' : 'x',
            externalId: `e${i}`,
            author: { handle: `user${i}`, followers: i },
            text: i % 2 ? `Flying Acme today, line ${i}` : `a post without the name, line ${i}`,
            createdAt: new Date(Date.UTC(2026, 10, 1) + i * 60_000).toISOString(),
            engagement: { likes: i % 7, reposts: 0, replies: 0, views: null },
          }),
        );
      }
    }
    const file = join(dir, 'mentions.jsonl');
    writeFileSync(file, lines.join('\n') + '\n');
    const first = cli(['import', file, '--brand', 'acme-air'], env);
    assert.equal(first.code, 0, first.stderr);
    const good = 3000 - bad.size;
    assert.match(
      first.stdout,
      new RegExp(`3,000 lines, ${good.toLocaleString('en')} accepted, 0 duplicates, ${bad.size} rejected`),
    );
    assert.match(first.stderr, /100%/);
    const rejects = readFileSync(`${file}.rejects.tsv`, 'utf8').trim().split('\n');
    assert.equal(rejects.length, bad.size);
    for (const row of rejects) {
      const [line, reason] = row.split('\t');
      const expected = bad.get(Number(line));
      assert.ok(expected, `line ${line} was not a bad line`);
      assert.match(reason!, expected);
    }

    const second = cli(['import', file, '--brand', 'Acme Air'], env);
    assert.equal(second.code, 0, second.stderr);
    assert.match(
      second.stdout,
      new RegExp(`0 accepted, ${good.toLocaleString('en')} duplicates, ${bad.size} rejected`),
    );
  });

  it('imports CSV with quoted multi-line texts', () => {
    const file = join(dir, 'mentions.csv');
    writeFileSync(
      file,
      'platform,external_id,url,author_handle,author_name,author_followers,text,created_at,lang,likes,reposts,replies,views\r\n' +
        'reddit,t3_a,,bob,Bob,10,"Acme, again:\r\n""late"" flight",2026-11-01T10:00:00Z,en,1,0,0,\r\n' +
        'x,99,,amy,,many,text,2026-11-01T10:00:00Z,en,1,0,0,\r\n',
    );
    const r = cli(['import', file, '--brand', 'acme-air', '--rejects', join(dir, 'csv-rejects.txt')], env);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /2 lines, 1 accepted, 0 duplicates, 1 rejected/);
    assert.equal(
      readFileSync(join(dir, 'csv-rejects.txt'), 'utf8'),
      '4\tauthor_followers: "many" is not a whole number\n',
    );
  });

  it('exits non-zero only when nothing could be read', () => {
    const file = join(dir, 'junk.jsonl');
    writeFileSync(file, 'not json\n{}\n');
    const r = cli(['import', file, '--brand', 'acme-air'], env);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /nothing could be read/);
    const missing = cli(['import', join(dir, 'nope.jsonl'), '--brand', 'acme-air'], env);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /cannot be read/);
  });
});

describe('firebreak import --server (while a server holds the database)', () => {
  const dir = tempDir('import-server');
  let t: TestApp;
  let url: string;
  let tokenFile: string;
  let viewerTokenFile: string;
  before(async () => {
    t = await createTestApp();
    url = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const actor = systemActor(t.workspaceId);
    await t.container.services.brands.create(actor, { name: 'Acme Air', keywords: ['acme'] });
    const token = await t.container.services.apiTokens.create(actor, {
      name: 'import script',
      role: 'member',
      department: 'marketing',
    });
    tokenFile = join(dir, 'token');
    writeFileSync(tokenFile, `${token.secret}\n`);
    const viewer = await t.container.services.apiTokens.create(actor, {
      name: 'read only',
      role: 'viewer',
      department: 'marketing',
    });
    viewerTokenFile = join(dir, 'viewer-token');
    writeFileSync(viewerTokenFile, viewer.secret);
  });
  after(() => t.close());

  it('sends the batches to the server, which stores and audits them; a second run adds nothing', async () => {
    const lines: string[] = [];
    for (let i = 1; i <= 2500; i++) {
      lines.push(
        i % 1000 === 3
          ? '{"broken": '
          : JSON.stringify({
              platform: 'x',
              externalId: `srv${i}`,
              author: { handle: `u${i}` },
              text: `line ${i} about nothing in particular`,
              createdAt: new Date(Date.UTC(2026, 10, 2) + i * 1000).toISOString(),
            }),
      );
    }
    const file = join(dir, 'mentions.jsonl');
    writeFileSync(file, lines.join('\n') + '\n');
    const first = await cliAsync([
      'import',
      file,
      '--brand',
      'acme-air',
      '--server',
      url,
      '--token-file',
      tokenFile,
    ]);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /2,500 lines, 2,497 accepted, 0 duplicates, 3 rejected/);
    assert.equal(readFileSync(`${file}.rejects.tsv`, 'utf8').split('\n')[0]!.split('\t')[0], '3');
    const [stored] = await t.container.database.query<{ n: number }>(
      "select count(*)::int as n from mentions where external_id like 'srv%'",
    );
    assert.equal(stored!.n, 2497);
    const audit = await t.container.database.query<{ summary: { accepted: number } }>(
      "select summary from audit_log where action = 'mentions.imported' order by id",
    );
    // One audit row per committed part: each batch of 1,000 is stored in the pipeline's short transactions.
    assert.ok(audit.length >= 3, `at least one audit row per batch (${audit.length})`);
    assert.equal(
      audit.reduce((n, a) => n + a.summary.accepted, 0),
      2497,
    );

    const again = await cliAsync([
      'import',
      file,
      '--brand',
      'Acme Air',
      '--server',
      url,
      '--token-file',
      tokenFile,
    ]);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /0 accepted, 2,497 duplicates, 3 rejected/);
  });

  it("fails with the server's reason when the token may not import", async () => {
    const file = join(dir, 'one.jsonl');
    writeFileSync(
      file,
      JSON.stringify({
        platform: 'x',
        externalId: 'v1',
        author: { handle: 'a' },
        text: 'acme',
        createdAt: '2026-11-01T00:00:00Z',
      }) + '\n',
    );
    const r = await cliAsync([
      'import',
      file,
      '--brand',
      'acme-air',
      '--server',
      url,
      '--token-file',
      viewerTokenFile,
    ]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /answered 403/);
  });

  it('points at --server when an embedded server holds the data directory', async () => {
    const dataDir = join(dir, 'held');
    const held = await openPglite({ dataDir }); // this process plays the running `firebreak serve`
    try {
      const file = join(dir, 'one.jsonl');
      const r = await cliAsync(['import', file, '--brand', 'acme-air'], { FIREBREAK_DATA_DIR: dataDir });
      assert.equal(r.code, 1);
      assert.match(r.stderr, /already in use by another Firebreak process/);
      assert.match(r.stderr, /--server URL --token-file FILE/);
    } finally {
      await held.close();
    }
  });
});
