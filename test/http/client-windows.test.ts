import type { IncomingMessage } from 'node:http';
import t from 'tap';
import { ClientWindows, clientKey } from '../../src/http/client-windows.js';

const from = (remoteAddress: string) => ({ socket: { remoteAddress } }) as unknown as IncomingMessage;

t.test('a window starts with a client’s first request and counts until it ends', async (t) => {
  const windows = new ClientWindows();
  t.same(windows.count('a', 1000, 10_000), { current: 1, ttl: 1000 });
  t.same(windows.count('a', 1000, 10_400), { current: 2, ttl: 600 });
  t.same(windows.count('b', 1000, 10_500), { current: 1, ttl: 1000 }, 'each client has its own window');
  t.same(windows.count('a', 1000, 10_999), { current: 3, ttl: 1 });
  t.same(windows.count('a', 1000, 11_000), { current: 1, ttl: 1000 }, 'a new window once the last one ends');
});

t.test('past its capacity it forgets the client seen least recently', async (t) => {
  const windows = new ClientWindows(2);
  windows.count('a', 60_000, 0);
  windows.count('b', 60_000, 1);
  windows.count('a', 60_000, 2);
  windows.count('c', 60_000, 3);
  t.equal(windows.count('a', 60_000, 4).current, 3, 'a, seen after b, is remembered');
  t.equal(windows.count('b', 60_000, 5).current, 1, 'b was forgotten');
});

t.test('as the rate-limit plugin’s store: the same instance, counting at once; a route’s child counts apart', async (t) => {
  const windows = new ClientWindows();
  const Store = windows.asStore();
  const store = new Store({}) as unknown as ClientWindows;
  t.equal(store, windows, 'the plugin gets the shared instance');
  let result: { current: number; ttl: number } | null = null;
  store.incr('a', (error, counted) => {
    t.equal(error, null);
    result = counted;
  }, 60_000);
  t.same(result, { current: 1, ttl: 60_000 }, 'the callback ran before incr returned');
  t.equal(windows.count('a', 60_000).current, 2, 'one budget, whichever path counts');
  const child = store.child();
  t.not(child, windows);
  t.equal(child.count('a', 60_000).current, 1);
});

t.test('clients are addresses; an IPv6 client is its /64 network; a mapped IPv4 address is the IPv4 one', async (t) => {
  t.equal(clientKey(from('127.0.0.1')), '127.0.0.1');
  t.equal(clientKey(from('2001:db8:1:2:3:4:5:6')), '2001:db8:1:2::');
  t.equal(clientKey(from('2001:db8:1:2:ffff::1')), '2001:db8:1:2::', 'one network, one client');
  t.not(clientKey(from('2001:db8:1:3::1')), '2001:db8:1:2::');
  t.equal(clientKey(from('::ffff:10.0.0.7')), '10.0.0.7');
  t.equal(clientKey(from('::1')), '::');
});
