import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildSourceInput, fieldOfIssue, formatLag, initialValues, webhookUrl } from './source-kinds';

describe('buildSourceInput', () => {
  it('puts settings and write-only credentials apart, leaving empty optional fields out', () => {
    const result = buildSourceInput('mastodon', '  Mastodon #acme ', {
      baseUrl: ' https://mastodon.social ',
      hashtag: '#acme',
      accessToken: ' tok en ',
    });
    assert.deepEqual(result, {
      input: {
        kind: 'mastodon',
        name: 'Mastodon #acme',
        settings: { baseUrl: 'https://mastodon.social', hashtag: 'acme' },
        // Secrets are sent exactly as typed.
        credentials: { accessToken: ' tok en ' },
      },
    });
  });

  it('turns numbers and comma lists into their types and sends no credentials when there are none', () => {
    assert.deepEqual(
      buildSourceInput('simulator', 'Demo', {
        ...initialValues('simulator'),
        brandId: 'b1',
        ratePerMinute: '60',
      }),
      {
        input: {
          kind: 'simulator',
          name: 'Demo',
          settings: { brandId: 'b1', ratePerMinute: 60, crisis: 'none', speed: 1 },
        },
      },
    );
    assert.deepEqual(buildSourceInput('bluesky_jetstream', 'Bsky', { keywords: 'acme, acme air,, ' }), {
      input: { kind: 'bluesky_jetstream', name: 'Bsky', settings: { keywords: ['acme', 'acme air'] } },
    });
  });

  it('names every required field left empty and every number that is not one', () => {
    assert.deepEqual(buildSourceInput('reddit', ' ', { query: '', intervalSeconds: 'often' }), {
      errors: {
        name: 'Give the source a name',
        query: 'Search query is required',
        intervalSeconds: 'Poll every (seconds) must be a number',
      },
    });
  });
});

describe('fieldOfIssue', () => {
  it('maps a server issue path to the form field it is about', () => {
    assert.equal(fieldOfIssue('mastodon', 'settings.baseUrl'), 'baseUrl');
    assert.equal(fieldOfIssue('mastodon', 'credentials.accessToken'), 'accessToken');
    assert.equal(fieldOfIssue('mastodon', 'name'), 'name');
    assert.equal(fieldOfIssue('mastodon', 'settings.streamingBaseUrl'), 'form');
  });
});

describe('formatLag', () => {
  it('picks a unit a person reads at a glance', () => {
    assert.equal(formatLag(null), '—');
    assert.equal(formatLag(850), '850 ms');
    assert.equal(formatLag(4_240), '4.2 s');
    assert.equal(formatLag(12 * 60_000 + 10_000), '12 min');
    assert.equal(formatLag(3 * 3_600_000), '3 h');
    assert.equal(formatLag(5 * 86_400_000), '5 d');
  });
});

describe('webhookUrl', () => {
  it('gives push sources their callback URL and pull sources none', () => {
    assert.equal(
      webhookUrl('https://fb.example', 'inbound_webhook', 'id1'),
      'https://fb.example/api/webhooks/inbound/id1',
    );
    assert.equal(
      webhookUrl('https://fb.example', 'meta_webhook', 'id1'),
      'https://fb.example/api/webhooks/meta/id1',
    );
    assert.equal(webhookUrl('https://fb.example', 'reddit', 'id1'), null);
  });
});
