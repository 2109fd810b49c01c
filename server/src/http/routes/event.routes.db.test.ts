import assert from 'node:assert/strict';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { LiveEvent } from '../../../../contracts';
import { createTestApp, type SignedIn, type TestApp } from '../../../test/app';

interface Stream {
  events: LiveEvent[];
  raw: string;
  close(): void;
  waitFor(predicate: (events: LiveEvent[], raw: string) => boolean, ms?: number): Promise<void>;
}

function openStream(port: number, cookie: string, lastEventId?: string): Promise<Stream> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/api/events',
        headers: { cookie, ...(lastEventId ? { 'last-event-id': lastEventId } : {}) },
      },
      (res) => {
        if (res.statusCode !== 200) return reject(new Error(`status ${res.statusCode}`));
        const stream: Stream = {
          events: [],
          raw: '',
          close: () => req.destroy(),
          waitFor: (predicate, ms = 3000) =>
            new Promise((ok, fail) => {
              const started = Date.now();
              const tick = () => {
                if (predicate(stream.events, stream.raw)) return ok();
                if (Date.now() - started > ms) return fail(new Error(`timed out; got ${stream.raw}`));
                setTimeout(tick, 10);
              };
              tick();
            }),
        };
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          stream.raw += chunk;
          for (const block of chunk.split('\n\n')) {
            const data = /^data: (.*)$/m.exec(block);
            if (data) stream.events.push(JSON.parse(data[1]!) as LiveEvent);
          }
        });
        resolve(stream);
      },
    );
    req.on('error', () => {});
    req.end();
  });
}

describe('live events over SSE', () => {
  let t: TestApp;
  let port: number;
  let marketer: SignedIn;

  before(async () => {
    t = await createTestApp({ FIREBREAK_SSE_HEARTBEAT_MS: '150' });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    port = (t.app.server.address() as AddressInfo).port;
    marketer = await t.signInAs('member', 'marketing');
  });
  after(() => t.close());

  it('delivers a committed brand change to every subscriber of the workspace, and to no other workspace', async () => {
    const viewer = await t.signInAs('viewer', 'pr');
    await t.container.services.workspaces.createWorkspace({
      name: 'Other',
      ownerEmail: 'o@other.test',
      ownerPassword: 'another long password',
    });
    const outsider = await t.signIn('o@other.test', 'another long password');
    const a = await openStream(port, marketer.cookie);
    const b = await openStream(port, viewer.cookie);
    const c = await openStream(port, outsider.cookie);
    await t.app.inject({
      method: 'POST',
      url: '/api/brands',
      headers: marketer.headers,
      payload: { name: 'Live Brand' },
    });
    const isBrand = (events: LiveEvent[]) =>
      events.some((e) => e.name === 'brand.created' && (e.payload as { name: string }).name === 'Live Brand');
    await a.waitFor(isBrand);
    await b.waitFor(isBrand);
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(c.events.length, 0);
    a.close();
    b.close();
    c.close();
  });

  it('sends heartbeats and replays what was missed after Last-Event-ID', async () => {
    const first = await openStream(port, marketer.cookie);
    await t.app.inject({
      method: 'POST',
      url: '/api/brands',
      headers: marketer.headers,
      payload: { name: 'Before Gap' },
    });
    await first.waitFor(
      (events, raw) =>
        events.some((e) => (e.payload as { name?: string }).name === 'Before Gap') &&
        raw.includes(': heartbeat'),
    );
    const lastSeen = first.events.at(-1)!.id;
    first.close();
    await t.app.inject({
      method: 'POST',
      url: '/api/brands',
      headers: marketer.headers,
      payload: { name: 'During Gap 1' },
    });
    await t.app.inject({
      method: 'POST',
      url: '/api/brands',
      headers: marketer.headers,
      payload: { name: 'During Gap 2' },
    });
    const resumed = await openStream(port, marketer.cookie, lastSeen);
    await resumed.waitFor((events) => events.filter((e) => e.name === 'brand.created').length >= 2);
    assert.deepEqual(
      resumed.events
        .filter((e) => e.name === 'brand.created')
        .map((e) => (e.payload as { name: string }).name),
      ['During Gap 1', 'During Gap 2'],
    );
    assert.ok(resumed.events.every((e) => Number(e.id) > Number(lastSeen)));
    resumed.close();
  });

  it('delivers events that commit out of id order (concurrent transactions) without dropping any', async () => {
    const stream = await openStream(port, marketer.cookie);
    try {
      await stream.waitFor((_events, raw) => raw.includes(': connected'));
      // Two transactions take ids N and N+1; N+1 commits (and is announced) first.
      const ids: string[] = [];
      for (const n of [1, 2]) {
        const [row] = await t.container.database.query<{ id: string }>(
          `insert into events (workspace_id, name, payload) values ($1, 'crisis.message.posted', $2) returning id`,
          [t.workspaceId, JSON.stringify({ body: `message ${n}` })],
        );
        ids.push(String(row!.id));
      }
      for (const id of [...ids].reverse()) {
        await t.container.database.query(`select pg_notify('firebreak_events', $1)`, [id]);
      }
      await stream.waitFor((events) => ids.every((id) => events.some((e) => e.id === id)));
      assert.deepEqual(
        stream.events.filter((e) => ids.includes(e.id)).map((e) => e.id),
        [...ids].reverse(),
      );
    } finally {
      stream.close();
    }
  });
});
