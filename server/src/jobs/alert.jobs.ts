import { z } from 'zod';
import { alertJobNames, alertJobRetry } from '../services/alert.service';
import { defineJob } from './job-definition';

/** One delivery attempt of one alert; a retryable failure schedules the next attempt (with backoff) itself. */
export const deliverAlertJob = defineJob({
  name: alertJobNames.deliver,
  payload: z.object({ workspaceId: z.uuid(), alertId: z.uuid() }),
  retry: alertJobRetry,
  async handle(container, p) {
    await container.services.alerts.deliver(p.workspaceId, p.alertId);
  },
});

/** Sends the digest of a target's alerts held by flood control (many subjects opened at once). */
export const flushAlertDigestJob = defineJob({
  name: alertJobNames.flushDigest,
  payload: z.object({ workspaceId: z.uuid(), targetKey: z.string().min(1).max(200) }),
  retry: alertJobRetry,
  async handle(container, p) {
    await container.services.alerts.flushDigest(p.workspaceId, p.targetKey);
  },
});
