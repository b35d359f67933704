/** Methods that read the data. OPTIONS (a CORS preflight) touches no data; every other method may write. */
export const READ_METHODS = new Set(['GET', 'HEAD']);

/** Whether a route answers a method that may change the data: its answers get no CORS headers, and
 * the read side re-reads the data version after it. */
export function routeMayWrite(route: { method: string | string[] }): boolean {
  const methods = Array.isArray(route.method) ? route.method : [route.method];
  return methods.some((method) => !READ_METHODS.has(method) && method !== 'OPTIONS');
}

/** A route's hooks of one kind as a list, so a plugin's onRoute hook can add one of its own. */
export function hookList<Hook>(existing: Hook | Hook[] | undefined): Hook[] {
  return existing === undefined ? [] : Array.isArray(existing) ? existing : [existing];
}
