import { z } from 'zod';
import { signalJobNames, signalJobRetry } from '../services/signal.service';
import { defineJob } from './job-definition';

/**
 * Every minute: evaluates the rollup buckets completed since the last run for every workspace (detectors,
 * high-reach posts, narratives), records and routes signals, and sweeps due escalations and ended snoozes.
 */
export const detectSignalsJob = defineJob({
  name: signalJobNames.detect,
  payload: z.object({}).passthrough(),
  // A missed minute is caught up by the next run: no retries that would pile up behind it.
  retry: { retryLimit: 0, retryDelaySeconds: 30, backoff: false },
  cron: '* * * * *',
  async handle(container) {
    // The cron fires at the start of the minute: waiting out the allowed lateness (a few seconds) evaluates the
    // minute that just ended now instead of a minute later.
    const wait = container.services.detection.settleWaitMs();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    await container.services.detection.runAll();
  },
});

/** Enqueued when a signal's acknowledgement deadline falls: escalates it one level if still open (idempotent). */
export const escalateSignalJob = defineJob({
  name: signalJobNames.escalate,
  payload: z.object({ workspaceId: z.uuid(), signalId: z.uuid(), level: z.number().int().min(1).max(10) }),
  retry: signalJobRetry,
  async handle(container, p) {
    await container.services.signals.escalate(p.workspaceId, p.signalId, p.level);
  },
});
