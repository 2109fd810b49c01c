import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifyHttpStatus, classifySmtpCode, delivered, failed, nextAttemptDelay } from './delivery';

describe('delivery classification', () => {
  const http: [number, string][] = [
    [200, 'delivered'],
    [204, 'delivered'],
    [400, 'permanent'],
    [401, 'permanent'],
    [404, 'permanent'],
    [410, 'permanent'],
    [408, 'retryable'],
    [429, 'retryable'],
    [500, 'retryable'],
    [502, 'retryable'],
    [503, 'retryable'],
  ];
  for (const [status, outcome] of http) {
    it(`HTTP ${status} is ${outcome}`, () => assert.equal(classifyHttpStatus(status), outcome));
  }
  const smtp: [number | null, string][] = [
    [250, 'delivered'],
    [421, 'retryable'],
    [451, 'retryable'],
    [550, 'permanent'],
    [null, 'retryable'],
  ];
  for (const [code, outcome] of smtp) {
    it(`SMTP ${code} is ${outcome}`, () => assert.equal(classifySmtpCode(code), outcome));
  }
});

describe('nextAttemptDelay', () => {
  const schedule = { maxAttempts: 4, baseDelayMs: 1000, maxDelayMs: 10_000 };
  it('doubles after each retryable failure and stops after the last attempt', () => {
    const r = failed('retryable', 'HTTP 503', 503);
    assert.deepEqual(
      [1, 2, 3, 4].map((n) => nextAttemptDelay(n, r, schedule)),
      [1000, 2000, 4000, null],
    );
  });
  it('honours a longer Retry-After, capped by the schedule', () => {
    assert.equal(nextAttemptDelay(1, failed('retryable', '429', 429, null, 7000), schedule), 7000);
    assert.equal(nextAttemptDelay(1, failed('retryable', '429', 429, null, 600_000), schedule), 10_000);
  });
  it('never retries a permanent failure or a delivery', () => {
    assert.equal(nextAttemptDelay(1, failed('permanent', 'HTTP 404', 404), schedule), null);
    assert.equal(nextAttemptDelay(1, delivered(200, 'ok'), schedule), null);
  });
});
