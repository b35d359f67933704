/** Adds `value` to the list `map` holds under `key`, starting the list when there is none. */
export function appendTo<Key, Value>(map: Map<Key, Value[]>, key: Key, value: Value): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Rows grouped by a key, each group's values in row order. */
export function groupBy<Row, Key, Value>(rows: Iterable<Row>, key: (row: Row) => Key, value: (row: Row) => Value): Map<Key, Value[]> {
  const groups = new Map<Key, Value[]>();
  for (const row of rows) appendTo(groups, key(row), value(row));
  return groups;
}
