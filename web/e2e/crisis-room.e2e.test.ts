import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { InvitedMember } from '../../contracts';
import { addMember, apiSession, launchBrowser, type RunningServer, signIn, startServer } from './harness';

async function within(ms: number, what: string, wait: () => Promise<unknown>): Promise<number> {
  const started = Date.now();
  await wait();
  const took = Date.now() - started;
  assert.ok(took < ms, `${what} took ${took} ms`);
  return took;
}

describe('the crisis room in two browsers', () => {
  let server: RunningServer;
  let browser: Browser;
  const prPassword = 'pr lead password 123';

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('declares a crisis, fills roles from on call, and shows each person the other’s messages, tasks and decisions live', async () => {
    const owner = await apiSession(server, server.email, server.password);
    const ownerName = owner.info.member.name;
    const prId = await addMember(
      owner,
      server,
      { email: 'petra@e2e.test', name: 'Petra PR', department: 'pr' },
      prPassword,
    );
    const startsAt = new Date(Date.now() - 3_600_000).toISOString();
    await owner.call('POST', '/api/on-call/rotations', {
      department: owner.info.member.department === 'pr' ? 'executive' : owner.info.member.department,
      memberIds: [owner.info.member.id],
      handoffEveryHours: 24,
      startsAt,
    });
    await owner.call('POST', '/api/on-call/rotations', {
      department: 'pr',
      memberIds: [prId],
      handoffEveryHours: 24,
      startsAt,
    });

    // Evidence: real mentions from the demo source, as a detection signal would carry them.
    const demo = await owner.call<{ brandId: string }>('POST', '/api/demo');
    let evidence: string[] = [];
    for (let tries = 0; evidence.length < 3 && tries < 100; tries++) {
      const page = await owner.call<{ mentions: Array<{ id: string }> }>('GET', '/api/mentions?limit=3');
      evidence = page.mentions.map((m) => m.id);
      if (evidence.length < 3) await new Promise((r) => setTimeout(r, 200));
    }
    assert.equal(evidence.length, 3, 'the demo produced mentions');
    const signalId = '5b0f4a7e-8c1d-4e2f-9a3b-6c7d8e9f0a1b';

    const lead = await (await browser.newContext()).newPage();
    const petra = await (await browser.newContext()).newPage();
    await signIn(lead, server);
    await signIn(petra, server, 'petra@e2e.test', prPassword);
    await petra.goto(`${server.url}/crises`);
    await petra.getByRole('heading', { name: 'Crises' }).waitFor();
    await petra.getByText('Live', { exact: true }).waitFor();

    // The lead follows a signal's declaration link: the form comes filled in with the signal and its evidence;
    // the crisis appears in Petra's list live.
    const link = new URLSearchParams({
      signal: signalId,
      brand: demo.brandId,
      mentions: evidence.join(','),
      title: 'Holiday ad backlash',
      type: 'offensive_ad',
      severity: 'SEV1',
    });
    await lead.goto(`${server.url}/crises?${link.toString()}`);
    await lead
      .getByTestId('declare-from-signal')
      .getByText('3 evidence mentions', { exact: false })
      .waitFor();
    assert.equal(await lead.getByLabel('Title').inputValue(), 'Holiday ad backlash');
    await lead.getByRole('button', { name: 'Declare', exact: true }).click();
    await lead.waitForURL(/\/crises\/[0-9a-f-]{36}$/);
    await petra.getByRole('link', { name: 'Holiday ad backlash' }).waitFor({ timeout: 5000 });
    await petra.getByRole('link', { name: 'Holiday ad backlash' }).click();
    await petra.waitForURL(lead.url());

    // The room keeps the signal and shows its evidence, and the playbook version with its holding statement.
    const evidencePanel = petra.getByRole('region', { name: 'Evidence' });
    await evidencePanel.getByText(/Declared from signal 5b0f4a7e with 3 evidence mentions/).waitFor();
    await petra.waitForFunction(
      () => document.querySelectorAll('[data-testid="crisis-evidence"]').length === 3,
    );
    await petra
      .getByRole('region', { name: 'Playbook' })
      .getByText(/version 1/)
      .waitFor();
    await petra
      .getByTestId('severity-criteria')
      .getByText(/SEV1 · Critical/)
      .waitFor();

    // Roles filled from on call: the owner leads, Petra speaks.
    const roles = petra.getByRole('region', { name: 'Roles' });
    await roles.locator('[data-role="crisis_lead"]').getByText(ownerName).waitFor();
    await roles.locator('[data-role="spokesperson"]').getByText('Petra PR').waitFor();
    await roles.locator('[data-role="pr_lead"]').getByText('Petra PR').waitFor();
    assert.equal(await lead.getByLabel('Spokesperson holder').inputValue(), 'Petra PR');
    await petra.getByText('Live', { exact: true }).waitFor();
    await lead.getByText('Live', { exact: true }).waitFor();

    const latencies: number[] = [];
    // Messages both ways.
    await lead.getByRole('textbox', { name: 'Message' }).fill('@petra draft a holding statement please');
    await lead.getByRole('button', { name: 'Send' }).click();
    latencies.push(
      await within(1000, 'message to Petra', () =>
        petra
          .getByRole('log')
          .getByText('@petra draft a holding statement please')
          .waitFor({ timeout: 5000 }),
      ),
    );
    // She is named in it: the message is marked for her and she gets a notification.
    await petra
      .locator('[data-mentions-me="true"]')
      .getByText(/draft a holding statement/)
      .waitFor();
    await petra.getByText('You were mentioned in a crisis room').waitFor({ timeout: 2000 });
    assert.equal(await lead.locator('[data-mentions-me="true"]').count(), 0);
    await petra.getByRole('textbox', { name: 'Message' }).fill('On it, draft in 20 minutes');
    await petra.keyboard.press('Enter');
    latencies.push(
      await within(1000, 'message to the lead', () =>
        lead.getByRole('log').getByText('On it, draft in 20 minutes').waitFor({ timeout: 5000 }),
      ),
    );

    // Petra completes a playbook task; the lead sees it done.
    await petra.getByRole('checkbox', { name: 'Done: Draft the holding statement' }).click();
    latencies.push(
      await within(1000, 'task done at the lead', () =>
        lead.waitForFunction(
          () =>
            (
              document.querySelector(
                'input[aria-label="Done: Draft the holding statement"]',
              ) as HTMLInputElement | null
            )?.checked === true,
          undefined,
          { timeout: 5000 },
        ),
      ),
    );
    // The lead completes the task that waited on it.
    await lead
      .getByRole('checkbox', { name: 'Done: Pause scheduled posts and paid campaigns on every platform' })
      .click();
    latencies.push(
      await within(1000, 'task done at Petra', () =>
        petra.waitForFunction(
          () =>
            (
              document.querySelector(
                'input[aria-label="Done: Pause scheduled posts and paid campaigns on every platform"]',
              ) as HTMLInputElement | null
            )?.checked === true,
          undefined,
          { timeout: 5000 },
        ),
      ),
    );

    // A decision recorded by the lead shows up in Petra's register and on her timeline.
    await lead.getByLabel('Decision', { exact: true }).fill('Pull the ad on all platforms');
    await lead.getByLabel('Rationale').fill('It is spreading on TikTok');
    await lead.getByRole('button', { name: 'Record decision' }).click();
    latencies.push(
      await within(1000, 'decision at Petra', () =>
        petra
          .getByTestId('crisis-decision')
          .getByText('Pull the ad on all platforms')
          .waitFor({ timeout: 5000 }),
      ),
    );
    await petra
      .getByRole('region', { name: 'Timeline' })
      .getByText(/Decision .*Pull the ad on all platforms/)
      .waitFor({ timeout: 1000 });

    for (const page of [lead, petra]) {
      const navigations = await page.evaluate(() => performance.getEntriesByType('navigation').length);
      assert.equal(navigations, 1, 'no page was reloaded');
    }
    console.log(`cross-browser latencies (ms): ${latencies.join(', ')}`);
  });

  it('shows an observer (a viewer) the room without any way to act', async () => {
    const owner = await apiSession(server, server.email, server.password);
    const invited = await owner.call<InvitedMember>('POST', '/api/members', {
      email: 'vic@e2e.test',
      name: 'Vic Viewer',
      department: 'marketing',
      role: 'viewer',
    });
    const token = new URL(invited.inviteUrl).searchParams.get('token')!;
    await fetch(`${server.url}/api/auth/accept-invite`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token, password: 'viewer password 123' }),
    });
    const { crises } = await owner.call<{ crises: Array<{ id: string }> }>('GET', '/api/crises');
    const page: Page = await (await browser.newContext()).newPage();
    await signIn(page, server, 'vic@e2e.test', 'viewer password 123');
    await page.goto(`${server.url}/crises/${crises[0]!.id}`);
    await page.getByText('You are observing').waitFor();
    await page.getByText('@petra draft a holding statement please').waitFor();
    assert.equal(await page.getByRole('textbox', { name: 'Message' }).count(), 0);
    assert.equal(await page.getByRole('button', { name: 'Record decision' }).count(), 0);
    assert.equal(await page.getByRole('button', { name: 'Declare a crisis' }).count(), 0);
    assert.equal(await page.getByRole('button', { name: 'Join as participant' }).count(), 0);
    assert.equal(await page.getByRole('button', { name: 'File report' }).count(), 0);
  });

  it('edits a playbook in the editor: the new version says who changed what and why, and new crises use it', async () => {
    const page: Page = await (await browser.newContext()).newPage();
    await signIn(page, server, 'petra@e2e.test', prPassword);
    await page.goto(`${server.url}/settings/playbooks`);
    await page.getByLabel('Crisis type').click();
    await page.getByRole('option', { name: 'Misinformation' }).click();
    await page.getByText(/Misinformation · version 1/).waitFor();
    await page.getByRole('button', { name: 'Add task' }).click();
    const rows = await page.getByRole('table', { name: 'Playbook tasks' }).locator('tbody tr').count();
    await page.getByLabel(`Task ${rows} title`).fill('Record a short debunk video');
    await page.getByLabel('Why this change').fill('Video travels further than text on TikTok');
    await page.getByRole('button', { name: 'Save new version' }).click();
    await page.getByText(/Misinformation · version 2/).waitFor();
    const history = page.getByRole('region', { name: 'Version history' });
    await history.getByText('Video travels further than text on TikTok').waitFor();
    await history.getByText(/added task "Record a short debunk video" \(pr, due after 1 h\)/).waitFor();
    await history.getByText('petra@e2e.test', { exact: false }).first().waitFor();

    const owner = await apiSession(server, server.email, server.password);
    const crisis = await owner.call<{ id: string; playbookVersion: number }>('POST', '/api/crises', {
      title: 'Fake recall rumour',
      type: 'misinformation',
      severity: 'SEV3',
    });
    assert.equal(crisis.playbookVersion, 2);
    await page.goto(`${server.url}/crises/${crisis.id}`);
    await page.getByRole('checkbox', { name: 'Done: Record a short debunk video' }).waitFor();
  });
});
