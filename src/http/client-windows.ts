import type { IncomingMessage } from 'node:http';
import type { FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import { Address6 } from 'ip-address';

/** Clients whose windows are remembered; the least recently seen is forgotten first (as the plugin's own store). */
const DEFAULT_CLIENTS = 5000;

/**
 * The client a request is counted against: its address, or for IPv6 its /64 network, which one host
 * usually holds whole. The same rule as @fastify/rate-limit's default key, written once here because
 * early answers (early-answers.ts) count requests before Fastify has a request object.
 */
export function clientKey(request: IncomingMessage): string {
  const address = request.socket.remoteAddress ?? '';
  if (!address.includes(':')) return address;
  const parsed = new Address6(address);
  if (parsed.isMapped4()) return parsed.to4().correctForm();
  return new Address6(`${parsed.correctForm()}/64`).startAddress().correctForm();
}

type Window = { count: number; startedAt: number };

/**
 * Requests per client in fixed windows that start with a client's first request. One instance is the
 * store @fastify/rate-limit counts in, and early answers count in the same one, so a client has one
 * budget whichever path answers it. Counting is synchronous: the plugin's callback is called at once.
 */
export class ClientWindows {
  private readonly windows = new Map<string, Window>();

  constructor(private readonly clients = DEFAULT_CLIENTS) {}

  /** Counts one request; returns the requests counted in the client's window and the ms it has left. */
  count(key: string, windowMs: number, now = Date.now()): { current: number; ttl: number } {
    let window = this.windows.get(key);
    if (window === undefined || window.startedAt + windowMs <= now) window = { count: 0, startedAt: now };
    // Re-inserted on every request, so the map's first entry is always the client seen least recently.
    this.windows.delete(key);
    this.windows.set(key, window);
    if (this.windows.size > this.clients) this.windows.delete(this.windows.keys().next().value!);
    window.count += 1;
    return { current: window.count, ttl: window.startedAt + windowMs - now };
  }

  /** The plugin's store interface. */
  incr(key: string, callback: (error: Error | null, result: { current: number; ttl: number }) => void, timeWindow: number): void {
    callback(null, this.count(key, timeWindow));
  }

  /** A route with limits of its own (writes) counts in windows of its own. */
  child(): ClientWindows {
    return new ClientWindows(this.clients);
  }

  /** The plugin builds its store itself (`new Store(options)`): this constructor hands it this instance. */
  asStore(): FastifyRateLimitStoreCtor {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const shared = this;
    return function SharedStore() {
      return shared;
    } as unknown as FastifyRateLimitStoreCtor;
  }
}
