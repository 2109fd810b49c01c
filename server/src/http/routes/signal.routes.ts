import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AcknowledgeSignalInput,
  CreateRoutingRuleInput,
  DeclareCrisisFromSignalInput,
  DeclareCrisisFromSignalResult,
  DismissSignalInput,
  ListSignalsQuery,
  RoutingRule,
  Signal,
  SignalDetail,
  SignalFeedbackInput,
  SignalFeedbackReport,
  SignalFeedbackReportQuery,
  SnoozeSignalInput,
  UpdateRoutingRuleInput,
} from '../../../../contracts';
import type { Container } from '../../container';
import { actorOf } from '../plugins/auth';

const Params = z.object({ id: z.uuid() });
const tags = ['signals'];

export function signalRoutes(container: Container): FastifyPluginAsyncZod {
  const { signals, routingRules } = container.services;
  return async (app) => {
    app.get(
      '/api/signals',
      {
        config: { action: 'signal.read' },
        schema: {
          tags,
          summary:
            'Signals, most recently detected first (filters: status, active, brand, kind, minimum severity)',
          querystring: ListSignalsQuery,
          response: { 200: z.object({ signals: z.array(Signal) }) },
        },
      },
      async (request) => ({ signals: await signals.list(actorOf(request), request.query) }),
    );
    app.get(
      '/api/signals/feedback-report',
      {
        config: { action: 'signal.read' },
        schema: {
          tags,
          summary: 'How often signals were judged real or noise, overall and by kind, severity and brand',
          querystring: SignalFeedbackReportQuery,
          response: { 200: SignalFeedbackReport },
        },
      },
      async (request) => signals.feedbackReport(actorOf(request), request.query),
    );
    app.get(
      '/api/signals/:id',
      {
        config: { action: 'signal.read' },
        schema: {
          tags,
          summary: 'One signal with its explanation, chart, detections, feedback and merged signals',
          params: Params,
          response: { 200: SignalDetail },
        },
      },
      async (request) => signals.get(actorOf(request), request.params.id),
    );
    app.post(
      '/api/signals/:id/acknowledge',
      {
        config: { action: 'signal.respond' },
        schema: {
          tags,
          summary: 'Acknowledge a signal: you own it, escalation stops',
          params: Params,
          body: AcknowledgeSignalInput,
          response: { 200: Signal },
        },
      },
      async (request) => signals.acknowledge(actorOf(request), request.params.id, request.body),
    );
    app.post(
      '/api/signals/:id/snooze',
      {
        config: { action: 'signal.respond' },
        schema: {
          tags,
          summary: 'Snooze a signal for some minutes: it comes back open afterwards',
          params: Params,
          body: SnoozeSignalInput,
          response: { 200: Signal },
        },
      },
      async (request) => signals.snooze(actorOf(request), request.params.id, request.body),
    );
    app.post(
      '/api/signals/:id/dismiss',
      {
        config: { action: 'signal.respond' },
        schema: {
          tags,
          summary: 'Dismiss a signal (not worth acting on)',
          params: Params,
          body: DismissSignalInput,
          response: { 200: Signal },
        },
      },
      async (request) => signals.dismiss(actorOf(request), request.params.id, request.body),
    );
    app.post(
      '/api/signals/:id/feedback',
      {
        config: { action: 'signal.respond' },
        schema: {
          tags,
          summary: 'Mark a signal real or noise (stored and reported)',
          params: Params,
          body: SignalFeedbackInput,
          response: { 200: Signal },
        },
      },
      async (request) => signals.feedback(actorOf(request), request.params.id, request.body),
    );
    app.post(
      '/api/signals/:id/declare-crisis',
      {
        config: { action: 'crisis.declare' },
        schema: {
          tags,
          summary:
            'Declare a crisis from a signal (its evidence posts attached); the signal becomes escalated',
          params: Params,
          body: DeclareCrisisFromSignalInput,
          response: { 201: DeclareCrisisFromSignalResult },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await signals.declareCrisis(actorOf(request), request.params.id, request.body)),
    );

    app.get(
      '/api/routing-rules',
      {
        config: { action: 'routing_rule.read' },
        schema: {
          tags,
          summary: 'Routing rules: which signals go to which departments and channels, and how they escalate',
          response: { 200: z.object({ rules: z.array(RoutingRule) }) },
        },
      },
      async (request) => ({ rules: await routingRules.list(actorOf(request)) }),
    );
    app.post(
      '/api/routing-rules',
      {
        config: { action: 'routing_rule.manage' },
        schema: {
          tags,
          summary: 'Create a routing rule',
          body: CreateRoutingRuleInput,
          response: { 201: RoutingRule },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await routingRules.create(actorOf(request), request.body)),
    );
    app.patch(
      '/api/routing-rules/:id',
      {
        config: { action: 'routing_rule.manage' },
        schema: {
          tags,
          summary: 'Change a routing rule',
          params: Params,
          body: UpdateRoutingRuleInput,
          response: { 200: RoutingRule },
        },
      },
      async (request) => routingRules.update(actorOf(request), request.params.id, request.body),
    );
    app.delete(
      '/api/routing-rules/:id',
      {
        config: { action: 'routing_rule.manage' },
        schema: { tags, summary: 'Delete a routing rule', params: Params, response: { 204: z.null() } },
      },
      async (request, reply) => {
        await routingRules.remove(actorOf(request), request.params.id);
        return reply.status(204).send(null);
      },
    );
  };
}
