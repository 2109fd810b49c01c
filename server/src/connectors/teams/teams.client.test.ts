import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AlertMessage } from '../../../../contracts';
import { renderTeams } from '../../domain/alerting/render';
import { startTeamsFake, type TeamsFake } from '../../../test/fakes/teams.fake';
import { sendTeamsWorkflow } from './teams.client';

const envelope = renderTeams(
  AlertMessage.parse({
    title: 'Negative spike',
    severity: 'high',
    brand: 'Acme',
    summary: 'x38 baseline',
    explanation: ['Observed 4,210/hr'],
    url: 'https://firebreak.example/signals/1',
  }),
  '11111111-1111-4111-8111-111111111111',
);

describe('Teams Workflows client against the fake', () => {
  let teams: TeamsFake;
  before(async () => {
    teams = await startTeamsFake();
  });
  after(() => teams.close());

  it('posts the Adaptive Card envelope, accepted with 202', async () => {
    const result = await sendTeamsWorkflow(teams.webhookUrl, envelope);
    assert.deepEqual([result.outcome, result.status], ['delivered', 202]);
    assert.equal(teams.cards.length, 1);
    assert.equal(teams.cards[0]!.version, '1.5');
  });

  it('is refused by the fake for a MessageCard or a Submit action (so the fake really checks)', async () => {
    const messageCard = { '@type': 'MessageCard', text: 'legacy' } as unknown as typeof envelope;
    const r1 = await sendTeamsWorkflow(teams.webhookUrl, messageCard);
    assert.deepEqual([r1.outcome, r1.status], ['permanent', 400]);
    const submit = structuredClone(envelope);
    (submit.attachments[0]!.content.actions as unknown[]).push({ type: 'Action.Submit', title: 'Ack' });
    const r2 = await sendTeamsWorkflow(teams.webhookUrl, submit);
    assert.equal(r2.outcome, 'permanent');
    assert.match(r2.error!, /Action.OpenUrl/);
  });

  it('retries on 429/502 and gives up on a wrong signature (401), never echoing the sig', async () => {
    teams.script.failNext({ status: 429, headers: { 'retry-after': '2' } });
    const limited = await sendTeamsWorkflow(teams.webhookUrl, envelope);
    assert.deepEqual([limited.outcome, limited.retryAfterMs], ['retryable', 2000]);
    teams.script.failNext({ status: 502 });
    assert.equal((await sendTeamsWorkflow(teams.webhookUrl, envelope)).outcome, 'retryable');
    const wrong = await sendTeamsWorkflow(teams.webhookUrl.replace('sas-secret', 'nope'), envelope);
    assert.deepEqual([wrong.outcome, wrong.status], ['permanent', 401]);
    assert.ok(!wrong.error!.includes('sas-secret'));
  });
});
