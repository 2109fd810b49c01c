import type { Brand, LiveEvent, Member } from '@contracts';
import { QueryClient } from '@tanstack/react-query';
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { brandKeys, type BrandList } from '../features/brands/brands.api';
import { memberKeys, type MemberList } from '../features/members/members.api';
import { connectLiveEvents, dispatchLiveEvent } from './live-events';

function brand(overrides: Partial<Brand> = {}): Brand {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    name: 'Acme',
    handles: { x: ['@acme'] },
    keywords: ['acme'],
    query: null,
    effectiveQuery: '"acme" OR @acme',
    archivedAt: null,
    createdAt: '2026-03-12T12:00:00.000Z',
    updatedAt: '2026-03-12T12:00:00.000Z',
    ...overrides,
  };
}

function frame<N extends LiveEvent['name']>(name: N, payload: LiveEvent<N>['payload']): string {
  return JSON.stringify({ id: '1', name, payload, at: '2026-03-12T12:00:00.000Z' } satisfies LiveEvent<N>);
}

const clients: QueryClient[] = [];
function newClient() {
  const client = new QueryClient();
  clients.push(client);
  return client;
}
afterEach(() => {
  for (const client of clients.splice(0)) client.clear();
});

describe('dispatchLiveEvent', () => {
  it('adds a brand created elsewhere to every cached brand list', () => {
    const client = newClient();
    client.setQueryData<BrandList>(brandKeys.list(false), { brands: [] });
    client.setQueryData<BrandList>(brandKeys.list(true), { brands: [] });
    assert.equal(dispatchLiveEvent(client, 'brand.created', frame('brand.created', brand())), true);
    assert.deepEqual(
      client.getQueryData<BrandList>(brandKeys.list(false))?.brands.map((b) => b.name),
      ['Acme'],
    );
    assert.deepEqual(
      client.getQueryData<BrandList>(brandKeys.list(true))?.brands.map((b) => b.name),
      ['Acme'],
    );
  });

  it('drops an archived brand from the list that hides archived brands', () => {
    const client = newClient();
    client.setQueryData<BrandList>(brandKeys.list(false), { brands: [brand()] });
    client.setQueryData<BrandList>(brandKeys.list(true), { brands: [brand()] });
    const archived = brand({ archivedAt: '2026-03-12T13:00:00.000Z' });
    dispatchLiveEvent(client, 'brand.updated', frame('brand.updated', archived));
    assert.deepEqual(client.getQueryData<BrandList>(brandKeys.list(false))?.brands, []);
    assert.deepEqual(client.getQueryData<BrandList>(brandKeys.list(true))?.brands, [archived]);
  });

  it('updates a member in the cached member list', () => {
    const client = newClient();
    const member: Member = {
      id: '00000000-0000-4000-8000-000000000002',
      email: 'dana@example.com',
      name: 'Dana',
      department: 'pr',
      role: 'member',
      status: 'active',
      createdAt: '2026-03-12T12:00:00.000Z',
    };
    client.setQueryData<MemberList>(memberKeys.list(), { members: [member] });
    dispatchLiveEvent(client, 'member.updated', frame('member.updated', { ...member, role: 'admin' }));
    assert.equal(client.getQueryData<MemberList>(memberKeys.list())?.members[0]?.role, 'admin');
  });

  it('ignores unknown event names and malformed data', () => {
    const client = newClient();
    assert.equal(dispatchLiveEvent(client, 'no.such.event', '{}'), false);
    const warn = console.warn;
    console.warn = () => {};
    try {
      assert.equal(dispatchLiveEvent(client, 'brand.created', 'not json'), false);
    } finally {
      console.warn = warn;
    }
  });
});

/** A stand-in for EventSource: records listeners so the test can play frames and failures. */
class FakeEventSource {
  static instances: FakeEventSource[] = [];
  readyState = 0;
  onopen: (() => void) | null = null;
  onerror: (() => void) | null = null;
  closed = false;
  listeners = new Map<string, (event: { data: string }) => void>();
  constructor(readonly url: string) {
    FakeEventSource.instances.push(this);
  }
  addEventListener(name: string, listener: (event: { data: string }) => void) {
    this.listeners.set(name, listener);
  }
  close() {
    this.closed = true;
    this.readyState = 2;
  }
  emit(name: string, data: string) {
    this.listeners.get(name)?.({ data });
  }
}

describe('connectLiveEvents', () => {
  it('listens on one EventSource per connection and closes it on stop', () => {
    FakeEventSource.instances = [];
    const client = newClient();
    client.setQueryData<BrandList>(brandKeys.list(false), { brands: [] });
    const stop = connectLiveEvents(client, {
      createEventSource: (url) => new FakeEventSource(url) as unknown as EventSource,
    });
    assert.equal(FakeEventSource.instances.length, 1);
    const source = FakeEventSource.instances[0]!;
    assert.equal(source.url, '/api/events');
    source.emit('brand.created', frame('brand.created', brand()));
    assert.equal(client.getQueryData<BrandList>(brandKeys.list(false))?.brands.length, 1);
    stop();
    assert.equal(source.closed, true);
  });

  it('leaves reconnection to the browser while it is still retrying', () => {
    FakeEventSource.instances = [];
    const client = newClient();
    const stop = connectLiveEvents(client, {
      createEventSource: (url) => new FakeEventSource(url) as unknown as EventSource,
    });
    const source = FakeEventSource.instances[0]!;
    source.readyState = 0; // CONNECTING: the browser retries with Last-Event-ID
    source.onerror?.();
    assert.equal(source.closed, false);
    assert.equal(FakeEventSource.instances.length, 1);
    stop();
  });
});
