import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AddFactInput,
  AddNoteInput,
  AssignRoleInput,
  ChangeSeverityInput,
  ChangeStatusInput,
  CreateTaskInput,
  Crisis,
  CrisisMessage,
  CrisisRoom,
  CrisisTask,
  Decision,
  DeclareCrisisInput,
  FactItem,
  PostMessageInput,
  RecordDecisionInput,
  RoleAssignment,
  Sitrep,
  SitrepInput,
  TimelineEntry,
  UpdateFactInput,
  UpdateTaskInput,
} from '../../../../contracts';
import type { Container } from '../../container';
import { actorOf } from '../plugins/auth';

const Params = z.object({ id: z.uuid() });
const TaskParams = z.object({ id: z.uuid(), taskId: z.uuid() });
const FactParams = z.object({ id: z.uuid(), factId: z.uuid() });
const RoleParams = z.object({ id: z.uuid(), assignmentId: z.uuid() });
const tags = ['crises'];

export function crisisRoutes(container: Container): FastifyPluginAsyncZod {
  const { crises } = container.services;
  return async (app) => {
    app.get(
      '/api/crises',
      {
        config: { action: 'crisis.read' },
        schema: {
          tags,
          summary: 'Crises, newest first',
          response: { 200: z.object({ crises: z.array(Crisis) }) },
        },
      },
      async (request) => ({ crises: await crises.list(actorOf(request)) }),
    );
    app.post(
      '/api/crises',
      {
        config: { action: 'crisis.declare' },
        schema: {
          tags,
          summary: 'Declare a crisis (by hand, or from a signal with its evidence mentions)',
          body: DeclareCrisisInput,
          response: { 201: Crisis },
        },
      },
      async (request, reply) => reply.status(201).send(await crises.declare(actorOf(request), request.body)),
    );
    app.get(
      '/api/crises/:id',
      {
        config: { action: 'crisis.read' },
        schema: {
          tags,
          summary: 'The crisis room: everything in one read',
          params: Params,
          response: { 200: CrisisRoom },
        },
      },
      async (request) => crises.room(actorOf(request), request.params.id),
    );
    app.post(
      '/api/crises/:id/status',
      {
        config: { action: 'crisis.participate' },
        schema: {
          tags,
          summary: 'Change status (crisis lead)',
          params: Params,
          body: ChangeStatusInput,
          response: { 200: Crisis },
        },
      },
      async (request) =>
        crises.changeStatus(actorOf(request), request.params.id, request.body.status, request.body.note),
    );
    app.post(
      '/api/crises/:id/severity',
      {
        config: { action: 'crisis.participate' },
        schema: {
          tags,
          summary: 'Change severity (crisis lead)',
          params: Params,
          body: ChangeSeverityInput,
          response: { 200: Crisis },
        },
      },
      async (request) =>
        crises.changeSeverity(actorOf(request), request.params.id, request.body.severity, request.body.note),
    );
    app.post(
      '/api/crises/:id/roles',
      {
        config: { action: 'crisis.participate' },
        schema: {
          tags,
          summary: 'Assign a role (hands over a single-holder role)',
          params: Params,
          body: AssignRoleInput,
          response: { 200: z.object({ roles: z.array(RoleAssignment) }) },
        },
      },
      async (request) => ({
        roles: await crises.assignRole(actorOf(request), request.params.id, request.body),
      }),
    );
    app.delete(
      '/api/crises/:id/roles/:assignmentId',
      {
        config: { action: 'crisis.participate' },
        schema: {
          tags,
          summary: 'End a tenure',
          params: RoleParams,
          response: { 200: z.object({ roles: z.array(RoleAssignment) }) },
        },
      },
      async (request) => ({
        roles: await crises.endRole(actorOf(request), request.params.id, request.params.assignmentId),
      }),
    );
    app.post(
      '/api/crises/:id/messages',
      {
        config: { action: 'crisis.participate' },
        schema: {
          tags,
          summary: 'Post to the discussion (@handle mentions)',
          params: Params,
          body: PostMessageInput,
          response: { 201: CrisisMessage },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await crises.postMessage(actorOf(request), request.params.id, request.body.body)),
    );
    app.post(
      '/api/crises/:id/notes',
      {
        config: { action: 'crisis.participate' },
        schema: {
          tags,
          summary: 'Add a manual timeline entry',
          params: Params,
          body: AddNoteInput,
          response: { 201: TimelineEntry },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await crises.addNote(actorOf(request), request.params.id, request.body.text)),
    );
    app.post(
      '/api/crises/:id/decisions',
      {
        config: { action: 'crisis.participate' },
        schema: {
          tags,
          summary: 'Record a decision',
          params: Params,
          body: RecordDecisionInput,
          response: { 201: Decision },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await crises.recordDecision(actorOf(request), request.params.id, request.body)),
    );
    app.post(
      '/api/crises/:id/facts',
      {
        config: { action: 'crisis.participate' },
        schema: {
          tags,
          summary: 'Add to the fact sheet',
          params: Params,
          body: AddFactInput,
          response: { 201: z.object({ facts: z.array(FactItem) }) },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send({ facts: await crises.addFact(actorOf(request), request.params.id, request.body) }),
    );
    app.patch(
      '/api/crises/:id/facts/:factId',
      {
        config: { action: 'crisis.participate' },
        schema: {
          tags,
          summary: 'Edit a fact',
          params: FactParams,
          body: UpdateFactInput,
          response: { 200: z.object({ facts: z.array(FactItem) }) },
        },
      },
      async (request) => ({
        facts: await crises.updateFact(
          actorOf(request),
          request.params.id,
          request.params.factId,
          request.body,
        ),
      }),
    );
    app.delete(
      '/api/crises/:id/facts/:factId',
      {
        config: { action: 'crisis.participate' },
        schema: {
          tags,
          summary: 'Remove a fact',
          params: FactParams,
          response: { 200: z.object({ facts: z.array(FactItem) }) },
        },
      },
      async (request) => ({
        facts: await crises.removeFact(actorOf(request), request.params.id, request.params.factId),
      }),
    );
    app.post(
      '/api/crises/:id/tasks',
      {
        config: { action: 'crisis.participate' },
        schema: {
          tags,
          summary: 'Add a task',
          params: Params,
          body: CreateTaskInput,
          response: { 201: CrisisTask },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await crises.createTask(actorOf(request), request.params.id, request.body)),
    );
    app.patch(
      '/api/crises/:id/tasks/:taskId',
      {
        config: { action: 'crisis.participate' },
        schema: {
          tags,
          summary: 'Change a task (a task cannot be done while a dependency is open)',
          params: TaskParams,
          body: UpdateTaskInput,
          response: { 200: CrisisTask },
        },
      },
      async (request) =>
        crises.updateTask(actorOf(request), request.params.id, request.params.taskId, request.body),
    );
    app.post(
      '/api/crises/:id/sitreps',
      {
        config: { action: 'crisis.participate' },
        schema: {
          tags,
          summary: 'File a situation report',
          params: Params,
          body: SitrepInput,
          response: { 201: Sitrep },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await crises.fileSitrep(actorOf(request), request.params.id, request.body)),
    );
  };
}
