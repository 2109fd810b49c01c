import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type {
  Brand,
  DemoResult,
  MentionDetail,
  MentionPage,
  RollupSeries,
  Source,
} from '../../../../contracts';
import { IncomingMention } from '../../../../contracts';
import { systemActor } from '../../domain/actor';
import { createTestApp, type SignedIn, type TestApp } from '../../../test/app';

const secretKey = Buffer.alloc(32, 7).toString('base64');

describe('listening routes', () => {
  let t: TestApp;
  let marketer: SignedIn;
  let viewer: SignedIn;
  let legal: SignedIn;
  let brand: Brand;

  before(async () => {
    t = await createTestApp({ FIREBREAK_SECRET_KEY: secretKey });
    marketer = await t.signInAs('member', 'marketing');
    viewer = await t.signInAs('viewer', 'marketing');
    legal = await t.signInAs('member', 'legal');
    brand = await t.container.services.brands.create(systemActor(t.workspaceId), {
      name: 'Acme',
      query: '(acme OR #acme) NOT giveaway',
    });
    const texts = [
      ['x', 'acme refund delayed again, terrible', 10, 'en'],
      ['reddit', 'Acme launches a new phone', 5000, 'en'],
      ['x', 'Le nouveau téléphone Acme est génial', 200, 'fr'],
      ['bluesky', '#acme support was great today', 50, 'en'],
      ['x', 'acme giveaway spam', 1, 'en'],
    ] as const;
    await t.container.services.ingestion.ingest(t.workspaceId, {
      mentions: texts.map(([platform, text, followers, lang], i) =>
        IncomingMention.parse({
          platform,
          externalId: `m${i}`,
          author: { handle: `a${i}`, followers },
          text,
          lang,
          createdAt: new Date(Date.now() - (10 - i) * 60_000).toISOString(),
        }),
      ),
      raw: texts.map((_, i) => ({ original: i })),
      nextCursor: null,
      skipped: 0,
    });
  });
  after(() => t.close());

  const get = (url: string, who: SignedIn = viewer) =>
    t.app.inject({ method: 'GET', url, headers: { cookie: who.cookie } });

  it('refuses a bad brand query with the position and reason', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/brands',
      headers: marketer.headers,
      payload: { name: 'Broken', query: 'acme AND (refund' },
    });
    assert.equal(res.statusCode, 400);
    const body = res.json() as { error: { code: string; message: string; position: number } };
    assert.equal(body.error.code, 'validation_failed');
    assert.equal(body.error.position, 9);
    assert.match(body.error.message, /never closed/);
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `/api/brands/${brand.id}`,
      headers: marketer.headers,
      payload: { query: '"unclosed' },
    });
    assert.equal(patch.statusCode, 400);
    assert.equal((patch.json() as { error: { position: number } }).error.position, 0);
    const ok = await get(`/api/brands/${brand.id}`);
    assert.equal((ok.json() as Brand).effectiveQuery, '(acme OR #acme) NOT giveaway');
  });

  it('lists mentions newest first with filters, full-text search and cursor pagination', async () => {
    const all = (await get('/api/mentions')).json() as MentionPage;
    assert.deepEqual(
      all.mentions.map((m) => m.externalId),
      ['m3', 'm2', 'm1', 'm0'],
    );
    assert.equal(all.nextCursor, null);

    const page1 = (await get('/api/mentions?limit=3')).json() as MentionPage;
    assert.equal(page1.mentions.length, 3);
    const page2 = (await get(`/api/mentions?limit=3&cursor=${page1.nextCursor}`)).json() as MentionPage;
    assert.deepEqual(
      page2.mentions.map((m) => m.externalId),
      ['m0'],
    );
    assert.equal(page2.nextCursor, null);

    const ids = async (query: string) =>
      ((await get(`/api/mentions?${query}`)).json() as MentionPage).mentions.map((m) => m.externalId);
    assert.deepEqual(await ids('platform=x'), ['m2', 'm0']);
    assert.deepEqual(await ids('lang=fr'), ['m2']);
    assert.deepEqual(await ids('minReach=1000'), ['m1']);
    assert.deepEqual(await ids(`brandId=${brand.id}&q=${encodeURIComponent('refund delayed')}`), ['m0']);
    assert.deepEqual(await ids(`q=${encodeURIComponent('"new phone" OR support')}`), ['m3', 'm1']);
    assert.deepEqual(await ids('sentiment=negative'), ['m0']);
    const bad = await get('/api/mentions?cursor=nonsense');
    assert.equal(bad.statusCode, 400);
  });

  it('shows one mention with its raw evidence', async () => {
    const [first] = ((await get('/api/mentions?platform=reddit')).json() as MentionPage).mentions;
    const detail = (await get(`/api/mentions/${first!.id}`)).json() as MentionDetail;
    assert.deepEqual(detail.raw, { original: 1 });
    assert.deepEqual(detail.brandIds, [brand.id]);
    assert.equal(detail.reach, 5000);
    assert.equal((await get('/api/mentions/00000000-0000-4000-8000-000000000000')).statusCode, 404);
  });

  it('serves per-platform rollup series', async () => {
    const res = await get(`/api/rollups?brandId=${brand.id}&bucket=hour`);
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json() as RollupSeries;
    const totals = Object.fromEntries(
      body.series.map((s) => [s.platform, s.points.reduce((n, p) => n + p.count, 0)]),
    );
    assert.deepEqual(totals, { bluesky: 1, reddit: 1, x: 2 });
    const negatives = body.series.flatMap((s) => s.points).reduce((n, p) => n + p.negativeCount, 0);
    assert.equal(negatives, 1);
  });

  it('manages sources without ever returning credentials, for the teams allowed to', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/sources',
      headers: marketer.headers,
      payload: {
        kind: 'mastodon',
        name: 'Mastodon',
        settings: { baseUrl: 'https://mastodon.example', hashtag: 'acme' },
        credentials: { accessToken: 'very-secret-token' },
      },
    });
    assert.equal(created.statusCode, 201, created.body);
    assert.doesNotMatch(created.body, /very-secret-token/);
    const source = created.json() as Source;
    assert.deepEqual(source.credentialKeys, ['accessToken']);
    const [stored] = await t.container.database.query<{ credentials_ciphertext: string }>(
      'select credentials_ciphertext from sources where id = $1',
      [source.id],
    );
    assert.doesNotMatch(stored!.credentials_ciphertext, /very-secret-token/);
    const row = await t.container.repositories.sources.find(t.workspaceId, source.id);
    assert.deepEqual(t.container.services.sources.credentialsOf(row!), { accessToken: 'very-secret-token' });

    const list = await get('/api/sources');
    assert.doesNotMatch(list.body, /very-secret-token/);
    const denied = await t.app.inject({
      method: 'POST',
      url: '/api/sources',
      headers: legal.headers,
      payload: { kind: 'reddit', name: 'r', settings: { query: 'acme' } },
    });
    assert.equal(denied.statusCode, 403);

    const paused = await t.app.inject({
      method: 'PATCH',
      url: `/api/sources/${source.id}`,
      headers: marketer.headers,
      payload: { status: 'paused' },
    });
    assert.equal((paused.json() as Source).status, 'paused');
    const removed = await t.app.inject({
      method: 'DELETE',
      url: `/api/sources/${source.id}`,
      headers: marketer.headers,
    });
    assert.equal(removed.statusCode, 204);
    const actions = await t.container.database.query<{ action: string }>(
      'select action from audit_log where target_id = $1 order by id',
      [source.id],
    );
    assert.deepEqual(
      actions.map((a) => a.action),
      ['source.created', 'source.paused', 'source.deleted'],
    );
  });

  it('refuses bad source settings and credentials with a 400 naming the field, never echoing a secret', async () => {
    const post = (payload: object) =>
      t.app.inject({ method: 'POST', url: '/api/sources', headers: marketer.headers, payload });
    const cases: [object, string][] = [
      [
        { kind: 'mastodon', name: 'm', settings: {}, credentials: { accessToken: 't0k3n' } },
        'settings.baseUrl',
      ],
      [
        {
          kind: 'mastodon',
          name: 'm',
          settings: { baseUrl: 'ftp://mastodon.example' },
          credentials: { accessToken: 'x' },
        },
        'settings.baseUrl',
      ],
      [
        { kind: 'mastodon', name: 'm', settings: { baseUrl: 'https://m.example' } },
        'credentials.accessToken',
      ],
      [
        { kind: 'reddit', name: 'r', settings: { query: 'acme', intervalSeconds: 1 } },
        'settings.intervalSeconds',
      ],
      [
        {
          kind: 'youtube',
          name: 'y',
          settings: { videoId: 'a', channelId: 'b' },
          credentials: { apiKey: 'k' },
        },
        'settings.videoId',
      ],
      [
        { kind: 'inbound_webhook', name: 'w', credentials: { signingSecret: 'whsec_c2hvcnQ=' } },
        'credentials.signingSecret',
      ],
      [
        { kind: 'meta_webhook', name: 'meta', credentials: { appSecret: 'app-secret-value' } },
        'credentials.verifyToken',
      ],
      [
        { kind: 'inbound_webhook', name: 'w', settings: { brandId: '00000000-0000-4000-8000-000000000000' } },
        'settings.brandId',
      ],
      [
        { kind: 'simulator', name: 's', settings: { brandId: brand.id, ratePerMinute: -1 } },
        'settings.ratePerMinute',
      ],
    ];
    for (const [payload, field] of cases) {
      const res = await post(payload);
      assert.equal(res.statusCode, 400, `${JSON.stringify(payload)}: ${res.body}`);
      const error = (
        res.json() as {
          error: { code: string; message: string; field: string; issues: { path: string }[] };
        }
      ).error;
      assert.equal(error.code, 'validation_failed');
      assert.equal(error.field, field, res.body);
      assert.equal(error.issues[0]!.path, field, 'the web form places it beside the field');
      assert.match(error.message, new RegExp(`^${field.replace('.', '\\.')}: `));
      assert.doesNotMatch(res.body, /t0k3n|app-secret-value|c2hvcnQ/);
    }
    const count = await t.container.database.query<{ n: number }>(
      "select count(*)::int as n from sources where name in ('m', 'r', 'y', 'w', 'meta', 's')",
    );
    assert.equal(count[0]!.n, 0, 'nothing refused was stored');

    // A change is checked the same way, against the source's kind.
    const ok = await post({ kind: 'reddit', name: 'Reddit acme', settings: { query: 'acme' } });
    assert.equal(ok.statusCode, 201, ok.body);
    const id = (ok.json() as Source).id;
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `/api/sources/${id}`,
      headers: marketer.headers,
      payload: { settings: { query: 'acme', subreddit: 'not a subreddit!' } },
    });
    assert.equal(patch.statusCode, 400, patch.body);
    assert.equal((patch.json() as { error: { field: string } }).error.field, 'settings.subreddit');
  });

  it('generates an inbound webhook signing secret, shows it once, and rotates it on a change of credentials', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/sources',
      headers: marketer.headers,
      payload: { kind: 'inbound_webhook', name: 'Newsroom feed', settings: { brandId: brand.id } },
    });
    assert.equal(created.statusCode, 201, created.body);
    const source = created.json() as Source & { signingSecret?: string };
    assert.match(source.signingSecret ?? '', /^whsec_[A-Za-z0-9+/]{43}=$/);
    assert.deepEqual(source.credentialKeys, ['signingSecret']);
    const secret = source.signingSecret!;
    const row = await t.container.repositories.sources.find(t.workspaceId, source.id);
    assert.deepEqual(t.container.services.sources.credentialsOf(row!), { signingSecret: secret });
    const listed = await get('/api/sources');
    assert.ok(!listed.body.includes(secret.slice(6)), 'the list never shows it');
    assert.ok(!(await get(`/api/sources/${source.id}`)).body.includes(secret.slice(6)));
    const audit = await t.container.database.query<{ summary: unknown }>(
      'select summary from audit_log where target_id = $1',
      [source.id],
    );
    assert.ok(!JSON.stringify(audit).includes(secret.slice(6)), 'nor the audit log');

    const deliver = async (key: string, externalId: string) => {
      const body = JSON.stringify({
        platform: 'news',
        externalId,
        author: { handle: 'desk' },
        text: 'Acme recalls a phone',
        createdAt: new Date().toISOString(),
      });
      const webhookId = `msg_${externalId}`;
      const ts = Math.floor(Date.now() / 1000);
      const mac = createHmac('sha256', Buffer.from(key.slice(6), 'base64'))
        .update(`${webhookId}.${ts}.${body}`)
        .digest('base64');
      return t.app.inject({
        method: 'POST',
        url: `/api/webhooks/inbound/${source.id}`,
        headers: {
          'content-type': 'application/json',
          'webhook-id': webhookId,
          'webhook-timestamp': String(ts),
          'webhook-signature': `v1,${mac}`,
        },
        payload: body,
      });
    };
    const first = await deliver(secret, 'gen-1');
    assert.equal(first.statusCode, 200, first.body);
    assert.equal((first.json() as { accepted: number }).accepted, 1);

    const rotated = await t.app.inject({
      method: 'PATCH',
      url: `/api/sources/${source.id}`,
      headers: marketer.headers,
      payload: { credentials: {} },
    });
    assert.equal(rotated.statusCode, 200, rotated.body);
    const next = (rotated.json() as { signingSecret?: string }).signingSecret;
    assert.ok(next && next !== secret);
    assert.equal((await deliver(secret, 'gen-2')).statusCode, 401, 'the old secret no longer signs');
    assert.equal((await deliver(next, 'gen-3')).statusCode, 200);
    // A change that leaves credentials alone shows no secret.
    const renamed = await t.app.inject({
      method: 'PATCH',
      url: `/api/sources/${source.id}`,
      headers: marketer.headers,
      payload: { name: 'Newsroom' },
    });
    assert.equal((renamed.json() as { signingSecret?: string }).signingSecret, undefined);
  });

  it('starts a demo once per workspace', async () => {
    const first = await t.app.inject({ method: 'POST', url: '/api/demo', headers: marketer.headers });
    assert.equal(first.statusCode, 201, first.body);
    const demo = first.json() as DemoResult;
    const second = await t.app.inject({ method: 'POST', url: '/api/demo', headers: marketer.headers });
    assert.equal(second.statusCode, 200);
    assert.deepEqual(second.json(), { ...demo, created: false });
    const sources = ((await get('/api/sources')).json() as { sources: Source[] }).sources.filter(
      (s) => s.kind === 'simulator',
    );
    assert.equal(sources.length, 1);
    assert.equal(sources[0]!.settings.brandId, demo.brandId);
    assert.deepEqual(sources[0]!.settings.keywords, ['Northwind Air', 'Northwind']);
    assert.equal(
      (await t.app.inject({ method: 'POST', url: '/api/demo', headers: viewer.headers })).statusCode,
      403,
    );
  });
});
