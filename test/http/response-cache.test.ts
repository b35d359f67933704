import t from 'tap';
import { ResponseCache, type CachedResponse } from '../../src/plugins/caching.js';

const response = (bytes: number): CachedResponse => ({ body: Buffer.alloc(bytes), etag: 'W/"x"', headers: [], notModifiedHeaders: [] });

t.test('entries live for one data version', async (t) => {
  const cache = new ResponseCache(1 << 20);
  cache.at('1.0');
  cache.set('1.0', '/a', response(10));
  t.ok(cache.get('/a'));
  cache.at('1.0');
  t.ok(cache.get('/a'), 'the same version keeps them');
  cache.at('2.0');
  t.notOk(cache.get('/a'), 'a new version drops them');
  cache.set('1.0', '/b', response(10));
  t.notOk(cache.get('/b'), 'a response read at an older version is not kept');
});

t.test('the least recently used go first when the byte budget is spent; a response over a sixteenth is not kept', async (t) => {
  const cache = new ResponseCache(16 * 1000);
  cache.at('v');
  t.same(cache.stats, { version: 'v', entries: 0, bytes: 0 });
  cache.set('v', '/big', response(1001));
  t.notOk(cache.get('/big'));
  for (let index = 0; index < 40; index += 1) cache.set('v', `/${index}`, response(500));
  t.ok(cache.stats.bytes <= 16 * 1000);
  t.notOk(cache.get('/0'), 'the oldest was evicted');
  t.ok(cache.get('/39'));
  const kept = cache.stats.entries;
  const oldestKept = 40 - kept;
  t.ok(cache.get(`/${oldestKept}`), 'touch the oldest kept');
  cache.set('v', '/new', response(500));
  t.ok(cache.get(`/${oldestKept}`), 'a recently read entry survives');
  t.notOk(cache.get(`/${oldestKept + 1}`), 'the least recently used went instead');
  cache.set('v', '/39', response(100));
  t.equal(cache.get('/39')!.body.length, 100, 'a key set again is replaced');
});
