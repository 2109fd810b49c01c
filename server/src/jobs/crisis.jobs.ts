import { z } from 'zod';
import { systemActor } from '../domain/actor';
import { crisisJobNames, crisisJobRetry } from '../services/crisis.service';
import { defineJob } from './job-definition';

/** Enqueued at a task's deadline: escalates it to the crisis lead if it is still open (idempotent). */
export const taskOverdueJob = defineJob({
  name: crisisJobNames.taskOverdue,
  payload: z.object({
    workspaceId: z.uuid(),
    crisisId: z.uuid(),
    taskId: z.uuid(),
    deadline: z.iso.datetime(),
  }),
  retry: crisisJobRetry,
  async handle(container, p) {
    await container.services.crises.escalateOverdueTask(
      systemActor(p.workspaceId, 'firebreak'),
      p.crisisId,
      p.taskId,
      p.deadline,
    );
  },
});

/** Enqueued when a situation report falls due: reminds the crisis lead and schedules the next one. */
export const sitrepDueJob = defineJob({
  name: crisisJobNames.sitrepDue,
  payload: z.object({ workspaceId: z.uuid(), crisisId: z.uuid(), dueAt: z.iso.datetime() }),
  retry: crisisJobRetry,
  async handle(container, p) {
    await container.services.crises.remindSitrep(
      systemActor(p.workspaceId, 'firebreak'),
      p.crisisId,
      p.dueAt,
    );
  },
});
