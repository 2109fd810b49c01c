import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchBrowser, type RunningServer, signIn, startServer } from './harness';

describe('brands in the browser', () => {
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

  it('redirects a signed-out visitor to sign-in and refuses a wrong password with a clear message', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${server.url}/brands`);
    await page.waitForURL(/\/sign-in/);
    await page.getByLabel('Email').fill(server.email);
    await page.getByLabel('Password').fill('definitely not it');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText(/email or password is not right/i).waitFor();
  });

  it('shows a brand created in one browser in a second one, live, without reload', async () => {
    const first = await (await browser.newContext()).newPage();
    const second = await (await browser.newContext()).newPage();
    await signIn(first, server);
    await signIn(second, server);
    for (const page of [first, second]) {
      await page.goto(`${server.url}/brands`);
      await page.getByRole('button', { name: 'New brand' }).waitFor();
    }
    // Wait until the second page's live connection is open before acting in the first.
    await second.getByText('Live', { exact: true }).waitFor();

    await first.getByRole('button', { name: 'New brand' }).click();
    await first.getByLabel('Name').fill('Acme Cola');
    await first.getByRole('button', { name: 'Create brand' }).click();
    await first.getByRole('cell', { name: 'Acme Cola' }).waitFor();

    const started = Date.now();
    await second.getByRole('cell', { name: 'Acme Cola' }).waitFor({ timeout: 5000 });
    assert.ok(Date.now() - started < 5000);
    const navigations = await second.evaluate(() => performance.getEntriesByType('navigation').length);
    assert.equal(navigations, 1, 'the second page was not reloaded');
  });

  it('creates an API token shown once, lists members, and revokes the token only after confirming', async () => {
    const page = await (await browser.newContext()).newPage();
    await signIn(page, server);
    await page.goto(`${server.url}/settings/members`);
    await page.getByRole('table', { name: 'Members' }).getByRole('cell', { name: server.email }).waitFor();

    await page.goto(`${server.url}/settings/api-tokens`);
    await page.getByText('No API tokens').waitFor();
    await page.getByRole('button', { name: 'New API token' }).click();
    await page.getByLabel('Name').fill('BI export');
    await page.getByRole('dialog').getByLabel('Department').click();
    await page.getByRole('option', { name: 'Marketing' }).click();
    await page.getByRole('button', { name: 'Create token' }).click();
    const secret = await page.getByLabel('Token secret').inputValue();
    assert.match(secret, /\S{20,}/, 'the secret is shown once, in full');
    await page.getByRole('button', { name: 'Done' }).click();
    const tokens = page.getByRole('table', { name: 'API tokens' });
    await tokens.getByRole('cell', { name: 'BI export' }).waitFor();

    // Revoking asks first; Cancel changes nothing.
    await page.getByRole('button', { name: 'Revoke BI export' }).click();
    const dialog = page.getByRole('dialog', { name: 'Revoke API token' });
    await dialog.getByText(/Anything using “BI export” stops working at once/).waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    assert.equal(await tokens.getByText('Active', { exact: true }).count(), 1);

    await page.getByRole('button', { name: 'Revoke BI export' }).click();
    await dialog.getByRole('button', { name: 'Revoke token' }).click();
    await tokens.getByText('Revoked', { exact: true }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Revoke BI export' }).count(), 0);
    const response = await fetch(`${server.url}/api/health`, {
      headers: { authorization: `Bearer ${secret}` },
    });
    assert.equal(response.status, 200);
    const refused = await fetch(`${server.url}/api/brands`, {
      headers: { authorization: `Bearer ${secret}` },
    });
    assert.equal(refused.status, 401, 'a revoked token no longer works');
  });

  it('names every product area in the navigation, and an empty area says what will come', async () => {
    const page = await (await browser.newContext()).newPage();
    await signIn(page, server);
    const nav = page.getByRole('navigation');
    for (const area of [
      'Listen',
      'Crises',
      'Inbox',
      'Statements',
      'Analytics',
      'Drills',
      'Knowledge',
      'Audits',
      'Settings',
    ]) {
      assert.ok(await nav.getByText(area, { exact: true }).first().isVisible(), area);
    }
    await nav.getByText('Inbox', { exact: true }).first().click();
    await page
      .getByText(/customer-service inbox/i)
      .first()
      .waitFor();
  });
});
