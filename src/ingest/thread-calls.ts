import type { MessagePort, Worker } from 'node:worker_threads';

/**
 * One request/reply protocol for every thread the product starts (extraction, the API's writer): a call
 * carries an id, its reply the same id with a result or an error. Messages without an id are a
 * thread's own business (a lexicon sent ahead, a request to close).
 */
export type Call<Request> = { id: number; request: Request };
export type Reply<Result> = { id: number; result: Result } | { id: number; error: { name: string; message: string } };

const hasId = (message: unknown): message is { id: number } => typeof message === 'object' && message !== null && 'id' in message;

/**
 * The caller's side: sends requests to threads and settles each promise with its reply. A thread that
 * fails or exits fails every call still waiting, and every later one. `rebuild` turns an error that
 * crossed the thread boundary back into the class a caller tells apart.
 */
export class ThreadCalls<Request, Result> {
  private readonly waiting = new Map<number, { resolve: (result: Result) => void; reject: (error: Error) => void }>();
  private nextId = 0;
  private failure: Error | null = null;

  constructor(private readonly rebuild: (error: { name: string; message: string }) => Error = ({ message }) => new Error(message)) {}

  /** Listens to a thread's replies; `exitMessage` says what its stopping means. */
  watch(worker: Worker, exitMessage: (code: number) => string): void {
    worker.on('message', (message: unknown) => {
      if (!hasId(message)) return;
      const reply = message as Reply<Result>;
      const call = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      if ('error' in reply) call?.reject(this.rebuild(reply.error));
      else call?.resolve(reply.result);
    });
    worker.on('error', (error) => this.fail(error));
    worker.on('exit', (code) => this.fail(new Error(exitMessage(code))));
  }

  call(worker: Worker, request: Request): Promise<Result> {
    return new Promise((resolve, reject) => {
      if (this.failure) return reject(this.failure);
      const id = this.nextId++;
      this.waiting.set(id, { resolve, reject });
      worker.postMessage({ id, request } satisfies Call<Request>);
    });
  }

  /** Fails every call waiting and every later one; the first reason given is kept. */
  fail(error: Error): void {
    this.failure ??= error;
    for (const { reject } of this.waiting.values()) reject(error);
    this.waiting.clear();
  }

  /** Refuses every later call with `error`; the calls already sent still get their replies. */
  refuseNew(error: Error): void {
    this.failure ??= error;
  }

  get failed(): boolean {
    return this.failure !== null;
  }
}

/**
 * The thread's side: answers each call with `handle`, one at a time in the order they arrive.
 * Returns a promise of the moment every call received so far has been answered.
 */
export function answerCalls<Request, Result>(port: MessagePort, handle: (request: Request) => Result | Promise<Result>): () => Promise<void> {
  let queue = Promise.resolve();
  port.on('message', (message: unknown) => {
    if (!hasId(message)) return;
    const { id, request } = message as Call<Request>;
    queue = queue.then(async () => {
      let reply: Reply<Result>;
      try {
        reply = { id, result: await handle(request) };
      } catch (error) {
        reply = { id, error: { name: (error as Error).name, message: (error as Error).message } };
      }
      port.postMessage(reply);
    });
  });
  return () => queue;
}
