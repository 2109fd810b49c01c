import type { z } from 'zod';
import type { Container } from '../container';
import type { RetryPolicy } from '../repositories/job.repository';

/** A named job: payload schema (parsed where it enters), retry policy, optional cron, and a thin handler. */
export interface JobDefinition<P = unknown> {
  name: string;
  payload: z.ZodType<P>;
  retry: RetryPolicy;
  /** Recurring jobs run on this UTC cron expression. */
  cron?: string;
  handle(container: Container, payload: P): Promise<void>;
}

export function defineJob<P>(definition: JobDefinition<P>): JobDefinition<P> {
  return definition;
}
