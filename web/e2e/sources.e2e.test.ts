import assert from 'node:assert/strict';
import { createHmac, randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, type RunningServer, signIn, startServer } from './harness';

/** Delivers one mention to an inbound webhook source, signed per Standard Webhooks with its secret. */
async function deliver(url: string, secret: string, text: string): Promise<number> {
  const body = JSON.stringify({
    platform: 'news',
    externalId: `src-e2e-${randomUUID()}`,
    author: { handle: 'newsdesk', followers: 1000 },
    text,
    createdAt: new Date(Date.now() - 1_500).toISOString(),
  });
  const id = `msg_${randomUUID()}`;
  const ts = Math.floor(Date.now() / 1000);
  const mac = createHmac('sha256', Buffer.from(secret.slice('whsec_'.length), 'base64'))
    .update(`${id}.${ts}.${body}`)
    .digest('base64');
  const r = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'webhook-id': id,
      'webhook-timestamp': String(ts),
      'webhook-signature': `v1,${mac}`,
    },
    body,
  });
  return r.status;
}

const row = (page: Page, name: string) => page.getByTestId('source-row').filter({ hasText: name });

describe('the Sources page', () => {
  let server: RunningServer;
  let browser: Browser;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    // A brand for the webhook to attribute its mentions to (a mention of no brand is not stored).
    const signInResponse = await fetch(`${server.url}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: server.email, password: server.password }),
    });
    const cookie = signInResponse.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const { csrfToken } = (await signInResponse.json()) as { csrfToken: string };
    const created = await fetch(`${server.url}/api/brands`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Northwind Air', keywords: ['Northwind'] }),
    });
    assert.equal(created.status, 201, await created.clone().text());
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('connects a webhook (secret shown once), shows its status, last event, lag and counters live, pauses and resumes it', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
    await signIn(page, server);
    await page.goto(`${server.url}/settings/sources`);
    await page.getByText('No sources yet').waitFor();

    await page.getByRole('button', { name: 'Connect a source' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Name').fill('Newsroom feed');
    await dialog.getByLabel('Brand').click();
    await page.getByRole('option', { name: 'Northwind Air' }).click();
    await dialog.getByRole('button', { name: 'Connect' }).click();
    const secretField = dialog.getByLabel('Signing secret');
    await secretField.waitFor();
    const secret = await secretField.inputValue();
    assert.match(secret, /^whsec_[A-Za-z0-9+/]+=*$/);
    const url = await dialog.getByLabel('Webhook URL').inputValue();
    assert.match(url, /\/api\/webhooks\/inbound\/[0-9a-f-]{36}$/);
    await dialog.getByRole('button', { name: 'Done' }).click();
    await dialog.waitFor({ state: 'detached' });

    const feed = row(page, 'Newsroom feed');
    await feed.getByTestId('source-status').getByText('Active').waitFor();
    assert.equal((await feed.getByTestId('source-last-event').textContent())?.trim(), 'never');
    assert.equal((await feed.getByTestId('source-lag').textContent())?.trim(), '—');
    assert.ok(!(await page.content()).includes(secret.slice(6)), 'the secret is not on the page any more');

    // A delivery signed with the shown secret: the row catches up without a reload.
    assert.equal(await deliver(url, secret, 'Northwind Air grounds a plane'), 200);
    await feed.getByTestId('source-counters').getByText('1 stored').waitFor({ timeout: 10_000 });
    assert.equal((await feed.getByTestId('source-last-event').textContent())?.trim(), 'just now');
    assert.match((await feed.getByTestId('source-lag').textContent()) ?? '', /^\d+(\.\d)? s$|^\d+ ms$/);

    await page.getByRole('button', { name: 'Pause Newsroom feed' }).click();
    await feed.getByTestId('source-status').getByText('Paused').waitFor();
    assert.equal(await deliver(url, secret, 'while paused'), 404, 'a paused webhook takes nothing');
    await page.getByRole('button', { name: 'Resume Newsroom feed' }).click();
    await feed.getByTestId('source-status').getByText('Active').waitFor();

    // A new secret replaces the old one.
    await page.getByRole('button', { name: 'New signing secret for Newsroom feed' }).click();
    const rotated = await page.getByRole('dialog').getByLabel('Signing secret').inputValue();
    assert.notEqual(rotated, secret);
    await page.getByRole('dialog').getByRole('button', { name: 'Done' }).click();
    assert.equal(await deliver(url, secret, 'old secret'), 401);
    assert.equal(await deliver(url, rotated, 'Northwind Air again'), 200);

    const navigations = await page.evaluate(() => performance.getEntriesByType('navigation').length);
    assert.equal(navigations, 1, 'the page was never reloaded');
  });

  it('places a refused setting beside its field, then shows a failing source with its recent errors, and removes it', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
    await signIn(page, server);
    await page.goto(`${server.url}/settings/sources`);
    await page.getByRole('button', { name: 'Connect a source' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Kind').click();
    await page.getByRole('option', { name: 'Mastodon', exact: true }).click();
    await dialog.getByLabel('Name').fill('Mastodon #northwind');
    await dialog.getByLabel('Instance URL').fill('mastodon.example');
    await dialog.getByLabel('Access token').fill('token-that-stays-secret');
    await dialog.getByRole('button', { name: 'Connect' }).click();
    // The server refuses it (400 naming settings.baseUrl); the form shows it under the field.
    await dialog.getByText(/Invalid URL/i).waitFor();

    // Nothing listens on port 9: the source connects, fails and reports why.
    await dialog.getByLabel('Instance URL').fill('http://127.0.0.1:9');
    await dialog.getByRole('button', { name: 'Connect' }).click();
    await dialog.getByRole('button', { name: 'Done' }).click();
    const mastodon = row(page, 'Mastodon #northwind');
    await mastodon
      .getByTestId('source-errors')
      .getByText(/recent error/)
      .waitFor({ timeout: 30_000 });
    await mastodon
      .getByTestId('source-errors')
      .getByText(/recent error/)
      .click();
    const errors = page.getByLabel('Recent errors of Mastodon #northwind');
    await errors.waitFor();
    assert.doesNotMatch((await errors.textContent()) ?? '', /token-that-stays-secret/);
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: 'Remove Mastodon #northwind' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Remove source' }).click();
    await mastodon.waitFor({ state: 'detached' });
  });
});
