import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { LiveEvent } from '../../../../contracts';
import type { Container } from '../../container';
import { actorOf } from '../plugins/auth';

const replayLimit = 500;

// The bus hands the same event object to every connection of a workspace: serialise it once, not once per
// connection (a crisis room may hold hundreds).
const frames = new WeakMap<LiveEvent, string>();
function frame(event: LiveEvent): string {
  let text = frames.get(event);
  if (text === undefined) {
    text = `id: ${event.id}\nevent: ${event.name}\ndata: ${JSON.stringify(event)}\n\n`;
    frames.set(event, text);
  }
  return text;
}

/**
 * Server-sent events for the actor's workspace: replays what was missed after `Last-Event-ID`, then streams
 * live events, with a heartbeat comment so proxies keep the connection open.
 */
export function eventRoutes(container: Container): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/events',
      {
        config: { action: 'events.subscribe' },
        schema: {
          tags: ['events'],
          summary:
            'Live events (text/event-stream); resumes after the Last-Event-ID header or lastEventId query',
          querystring: z.object({ lastEventId: z.string().regex(/^\d+$/).optional() }),
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const header = request.headers['last-event-id'];
        const lastId = Number(
          (typeof header === 'string' && /^\d+$/.test(header) ? header : request.query.lastEventId) ?? 0,
        );

        reply.hijack();
        const res = reply.raw;
        res.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-cache, no-transform',
          connection: 'keep-alive',
          'x-accel-buffering': 'no',
          'x-request-id': request.id,
        });
        res.write(`retry: 2000\n: connected\n\n`);

        // Buffer live events until the replay is written, so nothing is lost or sent out of order. Ids are
        // allocated when a transaction inserts its event but announced when it commits, so concurrent
        // transactions announce them out of id order: live events are deduplicated against what the replay
        // sent, never dropped for having a lower id than the last one sent.
        let replaying = true;
        const pending: LiveEvent[] = [];
        const replayed = new Set<string>();
        const send = (event: LiveEvent, fromReplay = false) => {
          if (fromReplay) replayed.add(event.id);
          else if (replayed.has(event.id)) return;
          res.write(frame(event));
        };
        const unsubscribe = container.bus.subscribe(actor.workspaceId, (event) => {
          if (replaying) pending.push(event);
          else send(event);
        });
        const heartbeat = setInterval(
          () => res.write(`: heartbeat ${Date.now()}\n\n`),
          container.config.sseHeartbeatMs,
        );
        const close = () => {
          clearInterval(heartbeat);
          unsubscribe();
        };
        request.raw.on('close', close);

        if (lastId > 0) {
          for (const event of await container.repositories.events.after(
            actor.workspaceId,
            lastId,
            replayLimit,
          )) {
            send(event, true);
          }
        }
        replaying = false;
        for (const event of pending.splice(0)) send(event);
      },
    );
  };
}
