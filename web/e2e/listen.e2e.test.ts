import assert from 'node:assert/strict';
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { apiSession, launchBrowser, type RunningServer, signIn, startServer } from './harness';

/** Delivers one mention through the generic inbound webhook, signed per Standard Webhooks. */
async function deliver(server: RunningServer, sourceId: string, secret: string, text: string) {
  const body = JSON.stringify({
    platform: 'news',
    externalId: `e2e-${randomUUID()}`,
    url: 'https://news.example/northwind',
    author: { handle: 'newsdesk', name: 'The News Desk', followers: 250_000, verified: true },
    text,
    createdAt: new Date().toISOString(),
    lang: 'en',
  });
  const id = `msg_${randomUUID()}`;
  const ts = Math.floor(Date.now() / 1000);
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  const signature = createHmac('sha256', key).update(`${id}.${ts}.${body}`).digest('base64');
  const r = await fetch(`${server.url}/api/webhooks/inbound/${sourceId}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'webhook-id': id,
      'webhook-timestamp': String(ts),
      'webhook-signature': `v1,${signature}`,
    },
    body,
  });
  assert.equal(r.status, 200, await r.text());
}

const streamCount = (page: Page) =>
  page.getByTestId('mention-stream').evaluate((el) => Number(el.getAttribute('data-count')));
const chartTotal = (page: Page) =>
  page.getByTestId('volume-chart').evaluate((el) => Number(el.getAttribute('data-total')));

async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

describe('listening in the browser', () => {
  let server: RunningServer;
  let browser: Browser;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('starts a demo from the empty Listen page; mentions and charts arrive live, without reload', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    let rollupRequests = 0;
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/api/rollups') rollupRequests += 1;
    });
    await signIn(page, server);
    await page.goto(`${server.url}/listen`);
    await page.getByText('Live', { exact: true }).waitFor();
    const start = page.getByRole('button', { name: 'Start a demo' });
    await start.waitFor();

    // One click: the simulator's history arrive over the live connection.
    await start.click();
    await waitFor(async () => (await page.getByTestId('mention-item').count()) > 0, 20_000, 'mentions');
    const first = await streamCount(page);
    assert.ok(first >= 10, `the stream shows the demo's mentions (${first})`);
    await page.locator('[data-testid="volume-chart"] canvas').first().waitFor();
    await waitFor(async () => (await chartTotal(page)) > 0, 10_000, 'the chart to count mentions');
    const total = await chartTotal(page);
    const points = await page
      .getByTestId('volume-chart')
      .evaluate((el) => Number(el.getAttribute('data-points')));
    assert.ok(points > 0, 'the per-platform chart has points');

    // A mention from another source arrives while the page is open: on top of the stream, within 2 s.
    const { call: api } = await apiSession(server);
    const secret = `whsec_${randomBytes(32).toString('base64')}`;
    const source = await api<{ id: string }>('POST', '/api/sources', {
      kind: 'inbound_webhook',
      name: 'E2E newsroom feed',
      settings: {},
      credentials: { signingSecret: secret },
    });
    const rollupsBefore = rollupRequests;
    const sent = Date.now();
    await deliver(server, source.id, secret, 'Breaking: Northwind Air grounds its fleet after an outage');
    await page
      .getByTestId('mention-item')
      .first()
      .getByText('Breaking: Northwind Air grounds its fleet')
      .waitFor({ timeout: 5_000 });
    const latency = Date.now() - sent;
    assert.ok(latency < 2_000, `the mention reached the page in ${latency} ms`);
    assert.ok((await streamCount(page)) > first, 'the stream grew');

    // The charts refetch their rollups (throttled) and count the new mention.
    await waitFor(async () => (await chartTotal(page)) > total, 8_000, 'the chart to update');
    assert.ok(rollupRequests > rollupsBefore, 'rollups were fetched again');

    // Paused, the stream holds new mentions back and counts them; the button shows them.
    const paused = await streamCount(page);
    await page.getByRole('button', { name: 'Pause stream' }).click();
    await deliver(server, source.id, secret, 'Northwind Air passengers stranded in Denver');
    await page.getByRole('button', { name: /^1 new mention$/ }).waitFor({ timeout: 5_000 });
    assert.equal(await streamCount(page), paused, 'nothing moved while paused');
    await page.getByRole('button', { name: /^1 new mention$/ }).click();
    await page
      .getByTestId('mention-item')
      .first()
      .getByText('passengers stranded in Denver')
      .waitFor({ timeout: 2_000 });

    const navigations = await page.evaluate(() => performance.getEntriesByType('navigation').length);
    assert.equal(navigations, 1, 'the page was never reloaded');
  });

  it('filters through the URL and opens a mention with its evidence', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await signIn(page, server);
    await page.goto(`${server.url}/listen?sentiment=negative`);
    await waitFor(
      async () => (await page.getByTestId('mention-item').count()) > 0,
      10_000,
      'negative mentions',
    );
    const labels = await page
      .getByTestId('mention-item')
      .evaluateAll((items) => items.map((item) => item.textContent ?? ''));
    assert.ok(
      labels.every((text) => text.includes('Negative')),
      'only negative mentions are listed',
    );

    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.waitForURL((url) => !url.search.includes('sentiment'));
    await page.getByLabel('Search').fill('stranded');
    await page.waitForURL(/q=stranded/);
    await page.getByText('passengers stranded in Denver').first().waitFor();
    await page.getByTestId('mention-item').first().getByRole('button').click();
    await page.waitForURL(/mention=/);
    const detail = page.getByTestId('mention-detail');
    await detail.getByText('Open the original on News').waitFor();
    await detail.getByText('Raw platform payload (evidence)').click();
    await detail.getByText('"externalId"').first().waitFor();
  });
});
