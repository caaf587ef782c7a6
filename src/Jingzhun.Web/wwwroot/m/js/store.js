// The device's own storage (IndexedDB): cached households, the outbox of visits made here, their photos as Blobs,
// and small settings (session, sync cursor, to-do list). Everything the cadre records is written here first, in one
// transaction, so a visit is either fully queued or not at all.
const DB_NAME = 'jingzhun-m';
const DB_VERSION = 1;
export const HOUSEHOLDS = 'households', OUTBOX = 'outbox', PHOTOS = 'photos', META = 'meta';

let opening;
function db() {
  opening ??= new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, DB_VERSION);
    req.onupgradeneeded = () => {
      const d = req.result;
      d.createObjectStore(HOUSEHOLDS, { keyPath: 'id' });
      d.createObjectStore(OUTBOX, { keyPath: 'clientId' }).createIndex('createdAt', 'createdAt');
      d.createObjectStore(PHOTOS, { keyPath: 'clientId' }).createIndex('visit', 'visitClientId');
      d.createObjectStore(META, { keyPath: 'key' });
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  return opening;
}

const done = (req) => new Promise((resolve, reject) => {
  req.onsuccess = () => resolve(req.result);
  req.onerror = () => reject(req.error);
});

/** Runs fn(stores) in one transaction over the named stores; resolves with fn's result once the transaction commits. */
export async function tx(names, mode, fn) {
  const t = (await db()).transaction(names, mode);
  const committed = new Promise((resolve, reject) => {
    t.oncomplete = resolve;
    t.onerror = () => reject(t.error);
    t.onabort = () => reject(t.error ?? new Error('transaction aborted'));
  });
  const stores = Object.fromEntries([names].flat().map((n) => [n, t.objectStore(n)]));
  let result;
  try {
    result = await fn(stores);
  } catch (e) {
    committed.catch(() => {});
    try { t.abort(); } catch { /* already finished */ }
    throw e;
  }
  await committed;
  return result;
}

export const get = (store, key) => tx(store, 'readonly', (s) => done(s[store].get(key)));
export const all = (store) => tx(store, 'readonly', (s) => done(s[store].getAll()));
export const put = (store, value) => tx(store, 'readwrite', (s) => done(s[store].put(value)));
export const del = (store, key) => tx(store, 'readwrite', (s) => done(s[store].delete(key)));
export const byIndex = (store, index, key) => tx(store, 'readonly', (s) => done(s[store].index(index).getAll(key)));

export const getMeta = async (key) => (await get(META, key))?.value;
export const setMeta = (key, value) => put(META, { key, value });
export const delMeta = (key) => del(META, key);

/** Forgets everything cached for the signed-in cadre (on sign-out or when another account signs in). */
export const clearCache = () => tx([HOUSEHOLDS, META], 'readwrite', (s) => {
  s[HOUSEHOLDS].clear();
  s[META].clear();
});
