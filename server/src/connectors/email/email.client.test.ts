import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AlertMessage } from '../../../../contracts';
import { renderEmail } from '../../domain/alerting/render';
import { type SmtpFake, startSmtpFake } from '../../../test/fakes/smtp.fake';
import { sendEmail, type SmtpTarget } from './email.client';

const email = renderEmail(
  AlertMessage.parse({
    title: 'Negative spike <ad>',
    severity: 'high',
    brand: 'Acme',
    summary: 'Mentions at x38 baseline',
    url: 'https://firebreak.example/signals/1',
  }),
  '11111111-1111-4111-8111-111111111111',
);

describe('SMTP client against a real local SMTP server', () => {
  let smtp: SmtpFake;
  let target: SmtpTarget;
  before(async () => {
    smtp = await startSmtpFake({ username: 'firebreak', password: 's3cret' });
    target = {
      host: smtp.host,
      port: smtp.port,
      secure: false,
      ignoreTls: true,
      username: 'firebreak',
      password: 's3cret',
      from: 'Firebreak <alerts@acme.test>',
      to: ['oncall@acme.test', 'pr@acme.test'],
      timeoutMs: 5000,
    };
  });
  after(() => smtp.close());

  it('delivers the message with subject, text and HTML parts and our headers', async () => {
    const result = await sendEmail(target, email, { 'X-Firebreak-Alert': 'a1' });
    assert.equal(result.outcome, 'delivered');
    assert.equal(result.status, 250);
    const received = smtp.messages.at(-1)!;
    assert.deepEqual(received.to, ['oncall@acme.test', 'pr@acme.test']);
    assert.equal(received.from, 'alerts@acme.test');
    assert.equal(received.headers.subject, '[HIGH] Acme: Negative spike <ad>');
    assert.equal(received.headers['x-firebreak-alert'], 'a1');
    assert.match(received.raw, /Content-Type: text\/plain/);
    assert.match(received.raw, /Content-Type: text\/html/);
    assert.ok(received.raw.includes('Mentions at x38 baseline'));
    assert.ok(received.raw.includes('&lt;ad&gt;'));
  });

  it('classifies a 451 refusal as retryable and a 550 refusal as permanent; then delivers', async () => {
    smtp.refuseNext(451, 'Try again later');
    const transient = await sendEmail(target, email);
    assert.deepEqual([transient.outcome, transient.status], ['retryable', 451]);
    smtp.refuseNext(550, 'Mailbox unavailable');
    const permanent = await sendEmail(target, email);
    assert.deepEqual([permanent.outcome, permanent.status], ['permanent', 550]);
    const count = smtp.messages.length;
    assert.equal((await sendEmail(target, email)).outcome, 'delivered');
    assert.equal(smtp.messages.length, count + 1);
  });

  it('fails permanently on a wrong password, without the password in the error', async () => {
    const result = await sendEmail({ ...target, password: 'wrong-pass' }, email);
    assert.equal(result.outcome, 'permanent');
    assert.equal(result.status, 535);
    assert.ok(!result.error!.includes('wrong-pass'));
  });

  it('treats an unreachable server as retryable', async () => {
    const result = await sendEmail({ ...target, port: 1, timeoutMs: 2000 }, email);
    assert.equal(result.outcome, 'retryable');
    assert.equal(result.status, null);
  });
});
