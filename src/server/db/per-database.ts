/**
 * A map a process keeps per database handle (a pool's Kysely instance): what it learns of one
 * database means nothing for another (the tests open many). Held weakly, so it goes with the
 * handle. Returns the handle's map, made empty on first use.
 */
export function perDatabase<V>(): (db: object) => Map<string, V> {
  const maps = new WeakMap<object, Map<string, V>>();
  return (db) => {
    let map = maps.get(db);
    if (!map) {
      map = new Map();
      maps.set(db, map);
    }
    return map;
  };
}
