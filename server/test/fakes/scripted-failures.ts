// A queue of scripted answers for fake servers: the next N requests fail this way, then the fake behaves.
export interface ScriptedFailure {
  status: number;
  body?: string;
  headers?: Record<string, string>;
  /** Drop the connection without answering (a network failure). */
  hangUp?: boolean;
}

export class FailureScript {
  private readonly queue: ScriptedFailure[] = [];
  failNext(failure: ScriptedFailure, times = 1): void {
    for (let i = 0; i < times; i++) this.queue.push(failure);
  }
  take(): ScriptedFailure | undefined {
    return this.queue.shift();
  }
}
