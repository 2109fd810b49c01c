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
