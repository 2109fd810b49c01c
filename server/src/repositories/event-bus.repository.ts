import type { LiveEvent } from '../../../contracts';
import type { Database } from '../db/database';
import { EventRepository, eventChannel } from './event.repository';

type Listener = (event: LiveEvent) => void;

/**
 * The in-process bus fed by PostgreSQL LISTEN/NOTIFY: every instance sharing the database hears every
 * committed event and hands it to its own subscribers (SSE connections), filtered by workspace.
 */
export class EventBusRepository {
  private readonly listeners = new Map<string, Set<Listener>>();
  private unlisten: (() => Promise<void>) | undefined;
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly database: Database) {}

  async start(): Promise<void> {
    const events = new EventRepository(this.database.db);
    this.unlisten = await this.database.listen(eventChannel, (payload) => {
      const id = Number(payload);
      if (!Number.isSafeInteger(id)) return;
      // Keep delivery in NOTIFY order.
      this.queue = this.queue
        .then(async () => {
          const event = await events.find(id);
          if (event) this.dispatch(event.workspaceId, event);
        })
        .catch(() => {});
    });
  }

  subscribe(workspaceId: string, listener: Listener): () => void {
    let set = this.listeners.get(workspaceId);
    if (!set) this.listeners.set(workspaceId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(workspaceId);
    };
  }

  subscriberCount(): number {
    let n = 0;
    for (const set of this.listeners.values()) n += set.size;
    return n;
  }

  private dispatch(workspaceId: string, event: LiveEvent): void {
    for (const listener of this.listeners.get(workspaceId) ?? []) listener(event);
  }

  /** Resolves once every notification received so far has been dispatched (tests and shutdown). */
  async drain(): Promise<void> {
    await this.queue;
  }

  async stop(): Promise<void> {
    await this.unlisten?.();
    this.unlisten = undefined;
    await this.queue;
  }
}
