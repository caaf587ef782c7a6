// The outbox and the sync with the server.
// A visit recorded on the phone is queued with its photos in one IndexedDB transaction, under ids made here
// (crypto.randomUUID). Sync uploads the photos first (idempotent by their client id), then the visits in one batch
// (idempotent by the visit's client id), so a sync cut off half-way and retried never stores anything twice.
// A household update that meets a newer version on the server comes back as a conflict and waits for the user.
import * as api from './api.js';
import { tx, all, get, put, byIndex, getMeta, setMeta, HOUSEHOLDS, OUTBOX, PHOTOS } from './store.js';

const listeners = new Set();
export const onChange = (fn) => listeners.add(fn);
const emit = (event) => listeners.forEach((fn) => fn(event));

/** Outbox entries of the signed-in account, oldest first (another account's entries wait for that account). */
export async function outbox() {
  const s = await api.session();
  return (await all(OUTBOX)).filter((i) => i.user === s?.userName).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}
export const pendingCount = async () => (await outbox()).length;
export const photosOf = (visitClientId) => byIndex(PHOTOS, 'visit', visitClientId);

/** Queues a visit and its photos (Blobs) on the phone: all of it or nothing. */
export async function queueVisit(visit, photos, householdLabel) {
  const s = await api.session();
  const item = {
    clientId: visit.clientId, user: s.userName, householdId: visit.householdId, householdLabel,
    createdAt: new Date().toISOString(), state: 'pending', error: null, visit, photoIds: photos.map((p) => p.clientId),
  };
  await tx([OUTBOX, PHOTOS], 'readwrite', (st) => {
    st[OUTBOX].add(item);
    for (const p of photos) st[PHOTOS].add({ ...p, visitClientId: visit.clientId, uploaded: false });
  });
  emit({ refresh: false });
  return item;
}

/** Removes an entry the server has (or the user gave up), with its photos. */
async function forget(clientId) {
  const photos = await photosOf(clientId);
  await tx([OUTBOX, PHOTOS], 'readwrite', (st) => {
    st[OUTBOX].delete(clientId);
    for (const p of photos) st[PHOTOS].delete(p.clientId);
  });
}

/** Deletes an entry that the server refused, after the user confirmed. */
export async function discard(clientId) {
  await forget(clientId);
  emit({ refresh: true });
}

let running = null;
/** Runs one sync (or joins the one running). quiet: no message unless something happened. */
export function run({ quiet = false } = {}) {
  running ??= (navigator.locks ? navigator.locks.request('jingzhun-sync', () => syncOnce(quiet)) : syncOnce(quiet))
    .finally(() => { running = null; });
  return running;
}
export const isRunning = () => running !== null;

async function syncOnce(quiet) {
  if (!(await api.session())) return;
  emit({ running: true });
  try {
    const sent = await upload();
    await download();
    await setMeta('lastSync', new Date().toISOString());
    const left = await pendingCount();
    const message = sent.done || sent.conflicts || sent.failed
      ? `同步完成：上传 ${sent.done} 条` + (sent.conflicts ? `，${sent.conflicts} 条需确认` : '') + (sent.failed ? `，${sent.failed} 条失败` : '')
      : quiet ? undefined : left ? `还有 ${left} 条待同步` : '已是最新';
    emit({ refresh: true, message, error: sent.failed > 0 });
  } catch (e) {
    if (e instanceof api.AuthError) {
      emit({ refresh: true, message: e.message, error: true });
      location.hash = '#/login';
    } else if (e instanceof api.OfflineError) {
      emit({ refresh: false, message: quiet ? undefined : e.message, error: true });
    } else {
      emit({ refresh: true, message: `同步失败：${e.message}`, error: true });
    }
  }
}

async function upload() {
  const counts = { done: 0, conflicts: 0, failed: 0 };
  const ready = [];
  for (const item of await outbox()) {
    if (item.state === 'conflict') continue;           // waits for the user's choice
    try {
      ready.push({ item, photoIds: await uploadPhotos(item) });
    } catch (e) {
      if (!(e instanceof api.ApiError)) throw e;        // offline or signed out: stop, retry later
      await put(OUTBOX, { ...item, state: 'error', error: `照片上传失败：${e.message}` });
      counts.failed++;
    }
  }
  if (ready.length === 0) return counts;
  const res = await api.post('/sync/visits', { visits: ready.map(({ item, photoIds }) => toServerVisit(item.visit, photoIds)) });
  for (const r of res.results ?? []) {
    const item = ready.find((x) => x.item.clientId === r.clientId)?.item;
    if (!item) continue;
    const status = String(r.status).toLowerCase();
    if (status === 'conflict') {
      await put(OUTBOX, { ...item, state: 'conflict', error: null, conflict: r.conflict ?? r });
      counts.conflicts++;
    } else if (status === 'created' || status === 'duplicate' || status === 'applied' || status === 'ok') {
      await forget(item.clientId);
      counts.done++;
    } else {
      await put(OUTBOX, { ...item, state: 'error', error: problemText(r) });
      counts.failed++;
    }
  }
  return counts;
}

/** Uploads the visit's photos not yet on the server; returns the ids the visit refers to. */
async function uploadPhotos(item) {
  const ids = [];
  for (const id of item.photoIds) {
    const p = await get(PHOTOS, id);
    if (!p) continue;
    if (!p.uploaded) {
      const form = new FormData();
      form.append('clientId', p.clientId);
      form.append('file', p.blob, p.name || `${p.clientId}.jpg`);
      await api.postForm('/sync/photos', form);
      await put(PHOTOS, { ...p, uploaded: true });
    }
    ids.push(p.clientId);
  }
  return ids;
}

const toServerVisit = (v, photoClientIds) => ({ ...v, photoClientIds });

function problemText(r) {
  const errors = r.errors ? Object.values(r.errors).flat() : [];
  return [r.title ?? r.message ?? '服务器拒绝了这条记录', ...errors].join('；');
}

/** The cadre's households changed since the last download (pairings started or ended, facts, visits, problems). */
async function download() {
  const since = await getMeta('since');
  const res = await api.get('/sync/households' + (since ? `?since=${encodeURIComponent(since)}` : ''));
  await tx(HOUSEHOLDS, 'readwrite', (st) => {
    for (const hh of res.households ?? []) st[HOUSEHOLDS].put(hh);
    for (const id of res.removed ?? res.removedIds ?? []) st[HOUSEHOLDS].delete(id);
  });
  if (res.serverTime ?? res.until) await setMeta('since', res.serverTime ?? res.until);
  try {
    await setMeta('todo', await api.get('/sync/todo'));
  } catch (e) {
    if (!(e instanceof api.ApiError && e.status === 404)) throw e;
    await setMeta('todo', null);                        // no to-do list on this server yet
  }
}

/** The user's decision on a conflicting household update: 'mine' applies the phone's values, 'server' keeps the server's. */
export async function resolve(clientId, choice) {
  await api.post(`/sync/visits/${encodeURIComponent(clientId)}/resolve`, { choice });
  await forget(clientId);
  emit({ refresh: true, message: choice === 'mine' ? '已采用本机的修改' : '已保留服务器的数据' });
  run({ quiet: true });
}
