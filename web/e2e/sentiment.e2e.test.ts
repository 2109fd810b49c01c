// The per-brand sentiment correction loop in the browser (issue 4): mentions arrive through the inbound webhook
// and the real pipeline, a member relabels them in the mention detail, the brand's accuracy report (open in
// another browser) changes live, a retrain from the page is refused and then accepted, and the brand's new
// mentions are decided by its retrained model.
import assert from 'node:assert/strict';
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { apiSession, launchBrowser, type RunningServer, signIn, startServer } from './harness';

/** Delivers mentions in one batch through the generic inbound webhook, signed per Standard Webhooks. */
async function deliver(server: RunningServer, sourceId: string, secret: string, texts: readonly string[]) {
  const now = Date.now();
  const body = JSON.stringify({
    mentions: texts.map((text, i) => ({
      platform: 'x',
      externalId: `e2e-${randomUUID()}`,
      url: null,
      author: { handle: `customer${i}`, name: null, followers: 120 + i },
      text,
      // Oldest first, a minute apart; no language tag: the pipeline detects it.
      createdAt: new Date(now - (texts.length - i) * 60_000).toISOString(),
      lang: null,
    })),
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

async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

// Status updates the general model reads as negative ("delayed") that this brand's team calls neutral.
const neutralUpdates = [
  'Parcelo update: your parcel is delayed at the depot, new delivery date tomorrow',
  'Parcelo parcel delayed at the sorting centre, arriving Monday',
  'Parcelo: delivery rescheduled because of the storm',
  'Parcelo tracking says delayed, next attempt Friday',
  'Parcelo shipment delayed at customs, expected next week',
  'Parcelo parcel delayed at the hub, arriving Wednesday',
];
const negatives = [
  'Parcelo lost my parcel and nobody answers, terrible',
  'Parcelo is the worst courier ever',
];
const positives = ['Love Parcelo, fastest delivery ever!', 'Parcelo delivered early, great service'];
const french = 'Parcelo a perdu mon colis et personne ne répond, c’est vraiment inadmissible';

const matrix = (page: Page) =>
  page.getByTestId('confusion-matrix').evaluate((el) => el.getAttribute('data-cells') ?? '');

async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
  context.setDefaultTimeout(10_000);
  return context.newPage();
}

describe('per-brand sentiment correction in the browser', () => {
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

  it('relabel in the mention detail → the report changes live → retrain → the brand model decides', async () => {
    const { call: api } = await apiSession(server);
    const brand = await api<{ id: string }>('POST', '/api/brands', {
      name: 'Parcelo',
      keywords: ['parcelo'],
    });
    const secret = `whsec_${randomBytes(32).toString('base64')}`;
    const source = await api<{ id: string }>('POST', '/api/sources', {
      kind: 'inbound_webhook',
      name: 'E2E courier mentions',
      settings: {},
      credentials: { signingSecret: secret },
    });
    await deliver(server, source.id, secret, [...neutralUpdates, ...negatives, ...positives, french]);

    // The report, open in another browser session, before anything is relabelled.
    const reportPage = await newPage(browser);
    await signIn(reportPage, server);
    await reportPage.getByRole('link', { name: 'Sentiment accuracy' }).click();
    await reportPage.waitForURL(/\/listen\/sentiment/);
    await reportPage.getByTestId('no-relabels').waitFor();
    // Marks this document: still there at the end means the page was never reloaded.
    await reportPage.evaluate(() => Object.assign(window, { e2eMarker: true }));
    assert.equal(await reportPage.getByTestId('stat-relabelled').textContent(), '0');
    await reportPage.getByTestId('brand-model-none').waitFor();

    // Too early to retrain: the server's refusal is shown in the page.
    await reportPage.getByRole('button', { name: 'Retrain brand model' }).click();
    const refusal = reportPage.getByTestId('retrain-error');
    await refusal.waitFor();
    assert.match(
      (await refusal.textContent()) ?? '',
      /Relabel at least 6 of the brand.s mentions first \(0 so far\)/,
    );

    // The member's browser: the brand's mentions on the Listen page.
    const page = await newPage(browser);
    await signIn(page, server);
    await page.goto(`${server.url}/listen?brand=${brand.id}`);
    await waitFor(
      async () => (await page.getByTestId('mention-item').count()) === 11,
      10_000,
      'the 11 mentions',
    );
    const card = (text: string) => page.getByTestId('mention-item').filter({ hasText: text.slice(0, 40) });
    await card(french).getByText('Unscored (language fr)').waitFor();

    const detail = page.getByTestId('mention-detail');
    const relabel = async (text: string, label: 'Negative' | 'Neutral' | 'Positive') => {
      await card(text).getByRole('button').first().click();
      await detail.getByText(text, { exact: true }).waitFor();
      const button = detail
        .getByRole('group', { name: 'Relabel sentiment' })
        .getByRole('button', { name: label });
      await button.click();
      await waitFor(
        async () => (await button.getAttribute('aria-pressed')) === 'true',
        5_000,
        `${label} to be pressed`,
      );
      await detail.getByTestId('sentiment-relabels').getByText(`${label} for Parcelo`).waitFor();
      await page.keyboard.press('Escape');
      await detail.waitFor({ state: 'hidden' });
    };

    // The first one, explained: the model's label, its probabilities and what drove it.
    await card(neutralUpdates[0]!).getByRole('button').first().click();
    const explained = detail.getByTestId('mention-sentiment');
    await explained.getByText('General model').waitFor();
    const badge = (await explained.getByText(/^Negative · \d+%$/).textContent())!;
    const shares = await Promise.all(
      ['negative', 'neutral', 'positive'].map(async (c) =>
        Number.parseInt((await explained.getByTestId(`probability-${c}`).textContent())!, 10),
      ),
    );
    // The label's confidence is its probability; the three add up (rounded) to 100%.
    assert.equal(badge, `Negative · ${shares[0]}%`);
    const total = shares.reduce((a, b) => a + b, 0);
    assert.ok(total >= 99 && total <= 101, `probabilities ${shares.join(', ')}`);
    await explained.getByTestId('sentiment-drivers').getByText('delayed', { exact: true }).waitFor();
    await page.keyboard.press('Escape');
    await detail.waitFor({ state: 'hidden' });

    await relabel(neutralUpdates[0]!, 'Neutral');
    // The other browser's report follows without a reload: one neutral the model called negative.
    await waitFor(async () => (await matrix(reportPage)) === '0,0,0;1,0,0;0,0,0', 5_000, 'the first relabel');
    assert.equal(await reportPage.getByTestId('stat-relabelled').textContent(), '1');

    for (const text of neutralUpdates.slice(1)) await relabel(text, 'Neutral');
    for (const text of negatives) await relabel(text, 'Negative');
    for (const text of positives) await relabel(text, 'Positive');

    // The French mention: unscored rather than guessed; the team's label is counted apart.
    await card(french).getByRole('button').first().click();
    await detail.getByTestId('sentiment-unscored').getByText('Unscored (language fr)').waitFor();
    await page.keyboard.press('Escape');
    await detail.waitFor({ state: 'hidden' });
    await relabel(french, 'Negative');

    // Rows: the team's labels; columns: the model's. Five of the six status updates were read as negative.
    await waitFor(async () => (await matrix(reportPage)) === '2,0,0;5,1,0;0,0,2', 8_000, 'the full matrix');
    await waitFor(
      async () => (await reportPage.getByTestId('stat-unscored').textContent()) === '1',
      5_000,
      'the unscored count',
    );
    assert.equal(await reportPage.getByTestId('stat-relabelled').textContent(), '11');
    assert.equal(await reportPage.getByTestId('stat-accuracy').textContent(), '50%');

    // Retrain from the page: the brand model's figures against the general model's.
    await reportPage.getByRole('button', { name: 'Retrain brand model' }).click();
    await reportPage.getByTestId('retrain-success').waitFor();
    assert.equal(await reportPage.getByTestId('retrain-error').count(), 0, 'the refusal is gone');
    const accuracyRow = reportPage.getByTestId('brand-model-figures').locator('[data-figure="accuracy"]');
    await accuracyRow.waitFor();
    const before = Number(await accuracyRow.getAttribute('data-before'));
    const afterRetrain = Number(await accuracyRow.getAttribute('data-after'));
    assert.equal(before, 0.5);
    assert.ok(afterRetrain >= 0.9, `the brand model agrees with the team (${afterRetrain})`);
    await reportPage.getByTestId('brand-model').getByText('In use', { exact: true }).waitFor();

    // A new status update for the brand arrives live in the member's Listen page, decided by the brand model.
    const fresh = 'Parcelo parcel delayed at the depot, new date Tuesday';
    await deliver(server, source.id, secret, [fresh]);
    await card(fresh)
      .getByText(/^Neutral · \d+%$/)
      .waitFor({ timeout: 5_000 });
    await card(fresh).getByRole('button').first().click();
    await detail.getByTestId('mention-sentiment').getByText("Parcelo's retrained model").waitFor();

    const marker = await reportPage.evaluate(() => 'e2eMarker' in window);
    assert.equal(marker, true, 'the report page was never reloaded');
  });
});
