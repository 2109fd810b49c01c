import { z } from 'zod';
import { defineJob } from './job-definition';

const eventRetentionMs = 7 * 24 * 60 * 60 * 1000;

export const pruneSessionsJob = defineJob({
  name: 'maintenance.prune-sessions',
  payload: z.object({}).passthrough(),
  retry: { retryLimit: 3, retryDelaySeconds: 60, backoff: true },
  cron: '17 * * * *',
  async handle(container) {
    await container.repositories.identity.deleteExpiredSessions(container.clock.now());
  },
});

/** Live events are kept a week for Last-Event-ID replay; the audit log is kept forever. */
export const pruneEventsJob = defineJob({
  name: 'maintenance.prune-events',
  payload: z.object({}).passthrough(),
  retry: { retryLimit: 3, retryDelaySeconds: 300, backoff: true },
  cron: '42 3 * * *',
  async handle(container) {
    await container.repositories.events.prune(new Date(container.clock.now().getTime() - eventRetentionMs));
  },
});
