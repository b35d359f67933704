import type { Db } from './open.js';

/**
 * Wraps every method of `target` so that all the statements one call runs read a single snapshot of the
 * database (one deferred read transaction). Without it each statement sees the latest commit, so a
 * source read while another process deletes or re-extracts it could come back with claims from two
 * states. Calls made while a transaction is already open join it.
 */
export function readingOneSnapshot<T extends object>(target: T, db: Db): T {
  // Keyed by the method itself, so a method replaced on the target (a test's spy) is wrapped in turn.
  const wrapped = new WeakMap<object, unknown>();
  return new Proxy(target, {
    get(object, key) {
      const value: unknown = Reflect.get(object, key, object);
      if (typeof value !== 'function') return value;
      let method = wrapped.get(value);
      if (!method) {
        const read = db.transaction((args: unknown[]) => (value as (...args: unknown[]) => unknown).apply(object, args));
        method = (...args: unknown[]) => (db.inTransaction ? (value as (...args: unknown[]) => unknown).apply(object, args) : read(args));
        wrapped.set(value, method);
      }
      return method;
    },
  });
}
