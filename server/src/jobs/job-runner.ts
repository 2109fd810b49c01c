import type { FastifyBaseLogger } from 'fastify';
import type { Container } from '../container';
import type { JobDefinition } from './job-definition';
import { deliverAlertJob, flushAlertDigestJob } from './alert.jobs';
import { sitrepDueJob, taskOverdueJob } from './crisis.jobs';
import { pruneEventsJob, pruneSessionsJob } from './maintenance.jobs';
import { detectSignalsJob, escalateSignalJob } from './signal.jobs';

/** Every job the worker role runs; later features add theirs here. */
export const jobDefinitions: JobDefinition<never>[] = [
  pruneSessionsJob,
  pruneEventsJob,
  taskOverdueJob,
  sitrepDueJob,
  deliverAlertJob,
  flushAlertDigestJob,
  detectSignalsJob,
  escalateSignalJob,
] as JobDefinition<never>[];

/** Starts the queue, declares each job with its retry policy, attaches handlers and cron schedules. */
export async function startJobRunner(
  container: Container,
  logger: Pick<FastifyBaseLogger, 'info' | 'error' | 'warn'>,
  definitions: readonly JobDefinition<never>[] = jobDefinitions,
): Promise<void> {
  const { jobs } = container;
  await jobs.start();
  for (const definition of definitions) {
    await jobs.define(definition.name, definition.retry);
    await jobs.work(definition.name, async (raw, meta) => {
      const parsed = definition.payload.safeParse(raw);
      if (!parsed.success) {
        // A payload that cannot parse will never succeed: log it and let it fail permanently.
        logger.error(
          { job: definition.name, id: meta.id, issues: parsed.error.issues },
          'job payload is invalid',
        );
        throw new Error(`invalid payload for ${definition.name}`);
      }
      try {
        await definition.handle(container, parsed.data);
      } catch (error) {
        logger.warn(
          { job: definition.name, id: meta.id, attempt: meta.attempt, err: error },
          'job failed; it will be retried',
        );
        throw error;
      }
    });
    if (definition.cron) await jobs.schedule(definition.name, definition.cron);
  }
  logger.info({ jobs: definitions.map((d) => d.name) }, 'job runner started');
}
