import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sourceKinds } from '../../../contracts';
import { InvalidError } from '../errors';
import { connectorRegistry, createConnector, validateSourceConfig } from './registry';

describe('connector registry', () => {
  it('has an entry for every source kind; push kinds create nothing', () => {
    for (const kind of sourceKinds) assert.ok(connectorRegistry[kind], kind);
    for (const kind of ['meta_webhook', 'inbound_webhook', 'import'] as const) {
      assert.equal(connectorRegistry[kind].push, true);
      assert.equal(createConnector(kind, {}, {}), null);
    }
  });

  it('creates each pull connector from valid settings and credentials, honouring deps.baseUrl', () => {
    const cases = [
      ['bluesky_jetstream', { keywords: ['acme'] }, {}],
      ['mastodon', { baseUrl: 'https://mastodon.example', hashtag: 'acme' }, { accessToken: 't' }],
      [
        'x_filtered_stream',
        { rules: [{ value: 'acme', tag: 'brand:acme' }] },
        { bearerToken: 'AAAAAAAAAAAAAAAA' },
      ],
      ['reddit', { query: 'acme', intervalSeconds: 60 }, {}],
      ['youtube', { videoId: 'dQw4w9WgXcQ' }, { apiKey: 'AIzaSyExample123' }],
    ] as const;
    for (const [kind, settings, credentials] of cases) {
      const connector = createConnector(kind, { ...settings, brandId: 'kept' }, credentials, {
        baseUrl: 'http://127.0.0.1:1',
      });
      assert.ok(connector, kind);
      assert.equal(connector.kind, kind);
      assert.equal(connector.platform, connectorRegistry[kind].platform);
    }
  });

  it('derives X stream rules from the brand queries when settings name none', () => {
    const connector = createConnector(
      'x_filtered_stream',
      {},
      { bearerToken: 'AAAAAAAAAAAAAAAA' },
      {
        brandQueries: [{ id: 'b1', query: '"acme cola" OR #acme' }],
      },
    ) as unknown as { options: { rules: unknown } };
    assert.deepEqual(connector.options.rules, [{ value: '"acme cola" OR #acme', tag: 'brand:b1' }]);
  });

  it('refuses bad settings or credentials with an InvalidError naming the field, never the secret', () => {
    assert.throws(
      () => createConnector('mastodon', { hashtag: 'acme' }, { accessToken: 't' }),
      (e: unknown) => e instanceof InvalidError && /^settings\.baseUrl:/.test(e.message),
    );
    assert.throws(
      () => createConnector('x_filtered_stream', {}, { bearerToken: 'short' }),
      (e: unknown) =>
        e instanceof InvalidError &&
        /^credentials\.bearerToken:/.test(e.message) &&
        !e.message.includes('short'),
    );
    assert.throws(
      () => validateSourceConfig('inbound_webhook', {}, { signingSecret: 'plain' }),
      (e: unknown) => e instanceof InvalidError && e.message.startsWith('credentials.signingSecret'),
    );
    assert.throws(
      () => createConnector('youtube', { videoId: 'a', channelId: 'b' }, { apiKey: 'AIzaSyExample123' }),
      (e: unknown) => e instanceof InvalidError && e.message.startsWith('settings.videoId'),
    );
  });
});
