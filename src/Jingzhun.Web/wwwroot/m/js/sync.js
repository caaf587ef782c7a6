// The outbox and the sync with the server.
// A visit recorded on the phone is queued with its photos in one IndexedDB transaction, under ids made here
// (crypto.randomUUID). Sync uploads the photos first (idempotent by their client id), then the visits in one batch
// (idempotent by the visit's client id), so a sync cut off half-way and retried never stores anything twice.
// A household update that meets a newer version on the server comes back as a conflict and waits for the user.
import * as api from './api.js';
import { tx, all, get, put, byIndex, getMeta, setMeta, delMeta, HOUSEHOLDS, OUTBOX, PHOTOS } from './store.js';

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

/** Queues a visit, its photos and the household head's signature (Blobs) on the phone: all of it or nothing. */
export async function queueVisit(visit, photos, householdLabel, signature = null) {
  const s = await api.session();
  const item = {
    clientId: visit.clientId, user: s.userName, householdId: visit.householdId, householdLabel,
    createdAt: new Date().toISOString(), state: 'pending', error: null, visit, photoIds: photos.map((p) => p.clientId),
    signatureId: signature?.clientId ?? null,
  };
  await tx([OUTBOX, PHOTOS], 'readwrite', (st) => {
    st[OUTBOX].add(item);
    for (const p of photos) st[PHOTOS].add({ ...p, visitClientId: visit.clientId, serverId: null });
    if (signature) st[PHOTOS].add({ ...signature, signature: true, visitClientId: visit.clientId, serverId: null });
  });
  emit({ refresh: false });
  return item;
}

/**
 * Queues a member's employment update made at the door (action 'start': a new job, 'end': a job that stopped), with an
 * id made here, so a sync cut off half-way and retried stores it once.
 */
export async function queueJob(job, householdId, householdLabel) {
  const s = await api.session();
  const item = {
    clientId: job.clientId, user: s.userName, householdId, householdLabel, createdAt: new Date().toISOString(), state: 'pending', error: null, job,
  };
  await put(OUTBOX, item);
  emit({ refresh: false });
  return item;
}

/**
 * Queues a check made at the door, with its photos (Blobs) in one transaction: a 回头看 questionnaire (kind 'survey'), a
 * non-response ('nonResponse') or a 疑点 verification ('doubt'); targetId is the sampled household's or the 疑点's id and
 * version the one the phone read. The server takes the same answer sent twice as one, so a retried sync stores it once.
 */
export async function queueCheck(check, householdId, householdLabel, photos = []) {
  const s = await api.session();
  const item = {
    clientId: check.clientId, user: s.userName, householdId, householdLabel, createdAt: new Date().toISOString(), state: 'pending', error: null,
    check, photoIds: photos.map((p) => p.clientId),
  };
  await tx([OUTBOX, PHOTOS], 'readwrite', (st) => {
    st[OUTBOX].add(item);
    for (const p of photos) st[PHOTOS].add({ ...p, visitClientId: check.clientId, serverId: null });
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

/** Keeps a refused visit but drops its household update (the registry's rules refused it): the visit syncs alone. */
export async function dropUpdate(clientId) {
  const item = await get(OUTBOX, clientId);
  await put(OUTBOX, { ...item, visit: { ...item.visit, householdUpdate: null }, state: 'pending', error: null });
  emit({ refresh: true });
  return run();
}

/** Deletes an entry that the server refused, after the user confirmed. */
export async function discard(clientId) {
  await forget(clientId);
  emit({ refresh: true });
}

let running = null;
let rerun = false;
/**
 * Runs a sync. Called while one runs (a visit saved meanwhile, the 'online' event), it runs once more afterwards,
 * so nothing queued in between waits for the next trigger. quiet: no message unless something was sent.
 */
export function run({ quiet = false } = {}) {
  if (running) {
    rerun = true;
    return running;
  }
  const once = () => (navigator.locks ? navigator.locks.request('jingzhun-sync', () => syncOnce(quiet)) : syncOnce(quiet));
  running = (async () => {
    do {
      rerun = false;
      await once();
    } while (rerun);
  })().finally(() => { running = null; });
  return running;
}
export const isRunning = () => running !== null;

async function syncOnce(quiet) {
  if (!navigator.onLine || !(await api.session())) return;
  emit({ running: true });
  const status = (ok, message) => setMeta('syncStatus', { at: new Date().toISOString(), ok, message });
  try {
    const sent = await upload();
    await download();
    await setMeta('lastSync', new Date().toISOString());
    const left = await pendingCount();
    const message = sent.done || sent.conflicts || sent.failed
      ? `同步完成：上传 ${sent.done + sent.conflicts} 条` + (sent.conflicts ? `，其中 ${sent.conflicts} 条的户信息有冲突待确认` : '')
        + (sent.failed ? `，${sent.failed} 条失败` : '')
      : left ? `还有 ${left} 条待处理` : '已是最新';
    await status(sent.failed === 0, message);
    emit({ refresh: true, message: quiet && !(sent.done || sent.conflicts || sent.failed) ? undefined : message, error: sent.failed > 0 });
  } catch (e) {
    const message = e instanceof api.OfflineError ? '网络中断，未能同步，稍后自动重试' : `同步失败：${e.message}`;
    await status(false, e instanceof api.AuthError ? e.message : message);
    if (e instanceof api.AuthError) {
      emit({ refresh: true, message: e.message, error: true });
      location.hash = '#/login';
    } else {
      emit({ refresh: true, message: quiet && e instanceof api.OfflineError ? undefined : message, error: true });
    }
  }
}

async function upload() {
  const counts = { done: 0, conflicts: 0, failed: 0 };
  const ready = [];
  const jobs = [];
  const checks = [];
  for (const item of await outbox()) {
    if (item.job) { jobs.push(item); continue; }
    if (item.check) { checks.push(item); continue; }
    if (item.state === 'conflict') continue;           // waits for the user's choice
    try {
      const photoIds = await uploadPhotos(item);
      ready.push({ item, photoIds, signatureId: item.signatureId ? await uploadPhoto(item.signatureId) : null });
    } catch (e) {
      if (!(e instanceof api.ApiError)) throw e;        // offline or signed out: stop, retry later
      await put(OUTBOX, { ...item, state: 'error', error: `照片上传失败：${e.problem ? problemText(e.problem) : e.message}` });
      counts.failed++;
    }
  }
  if (ready.length > 0) await uploadVisits(ready, counts);
  for (const item of jobs) await uploadJob(item, counts);
  for (const item of checks) await uploadCheck(item, counts);
  return counts;
}

/** One check through the server's own APIs (回头看 questionnaire, non-response, 疑点 verification with its photos). */
async function uploadCheck(item, counts) {
  const c = item.check;
  let result;
  try {
    if (c.kind === 'doubt') {
      const photoIds = await uploadPhotos(item);
      result = await api.post(`/matching/doubts/${c.targetId}/verify`, { confirmed: c.confirmed, note: c.note, photoIds, version: c.version });
    } else if (c.kind === 'nonResponse') {
      result = await api.post(`/sampling/households/${c.targetId}/non-response`, { status: c.status, reason: c.reason, version: c.version });
    } else {
      result = await api.put(`/sampling/households/${c.targetId}/survey`, { ...c.answers, version: c.version });
    }
  } catch (e) {
    if (!(e instanceof api.ApiError)) throw e;          // offline or signed out: stop, retry later
    const text = e.status === 404 ? (c.kind === 'doubt' ? '该疑点已不在您的核实范围内' : '该抽样户已不在您的管辖范围内')
      : e.problem?.errors ? problemText(e.problem) : e.message;
    if (c.kind === 'doubt' && Object.keys(e.problem?.errors ?? {}).some((k) => k.startsWith('photoIds'))) await forgetUploads(item);
    await put(OUTBOX, { ...item, state: 'error', error: text });
    counts.failed++;
    return;
  }
  if (c.kind === 'doubt') {
    // What the server answered ({ doubt, photos, … }) stays on the phone: the 疑点 leaves the pending list once verified.
    const doubt = result?.doubt ?? result;
    const done = ((await getMeta('doubtsDone')) ?? []).filter((d) => d.id !== doubt.id);
    await setMeta('doubtsDone', [{ ...doubt, syncedAt: new Date().toISOString() }, ...done].slice(0, 50));
  }
  await forget(item.clientId);
  counts.done++;
}

/** One employment update, in the order made (a job started, then another ended): the server's own job API. */
async function uploadJob(item, counts) {
  const { action, jobId, version, endedOn, months, clientId } = item.job;
  try {
    if (action === 'end') await api.post(`/employment/jobs/${jobId}/end`, { endedOn, months, version });
    else {
      const { memberId, place, placeName, employer, sector, monthlyWage, channel, startedOn } = item.job;
      await api.post('/employment/jobs', { memberId, place, placeName, employer, sector, months, monthlyWage, channel, startedOn, endedOn, clientId });
    }
  } catch (e) {
    if (!(e instanceof api.ApiError)) throw e;          // offline or signed out: stop, retry later
    const text = e.status === 404 ? '该成员或务工记录已不在您的结对户中' : e.problem?.errors ? problemText(e.problem) : e.message;
    await put(OUTBOX, { ...item, state: 'error', error: text });
    counts.failed++;
    return;
  }
  await forget(item.clientId);
  counts.done++;
}

async function uploadVisits(ready, counts) {
  const res = await api.post('/sync/visits', { visits: ready.map(({ item, photoIds, signatureId }) => ({ ...item.visit, photoIds, signatureId })) });
  for (const r of res.results ?? []) {
    const item = ready.find((x) => x.item.clientId === r.clientId)?.item;
    if (!item) continue;
    // 'duplicate' is a retry of a visit the server already has: the same as 'created' (with its conflict, if undecided).
    if ((r.status === 'conflict' || r.status === 'duplicate') && r.updateState === 'Conflict' && r.conflict) {
      await put(OUTBOX, { ...item, state: 'conflict', error: null, conflict: r.conflict, warnings: r.warnings ?? [] });
      counts.conflicts++;
    } else if (r.status === 'created' || r.status === 'duplicate') {
      await forget(item.clientId);
      counts.done++;
    } else {
      await put(OUTBOX, { ...item, state: 'error', error: problemText(r) });
      // The server no longer knows a photo: upload it again on the next try (idempotent by its client id).
      if (Object.keys(r.errors ?? {}).some((k) => k.startsWith('photoIds') || k.startsWith('signatureId'))) await forgetUploads(item);
      counts.failed++;
    }
  }
}

async function forgetUploads(item) {
  for (const p of await photosOf(item.clientId)) await put(PHOTOS, { ...p, serverId: null });
}

/** Uploads the visit's photos not yet on the server (a retry answers with the same id); returns the server's ids. */
async function uploadPhotos(item) {
  const ids = [];
  for (const id of item.photoIds) {
    const serverId = await uploadPhoto(id);
    if (serverId) ids.push(serverId);
  }
  return ids;
}

/** Uploads one photo (or the signature) unless the server has it already; its server id, or null if it is gone. */
async function uploadPhoto(id) {
  let p = await get(PHOTOS, id);
  if (!p) return null;
  if (!p.serverId) {
    const form = new FormData();
    form.append('clientId', p.clientId);
    form.append('file', p.blob, p.name || `${p.clientId}.jpg`);
    const r = await api.postForm('/sync/photos', form);
    p = { ...p, serverId: r.id };
    await put(PHOTOS, p);
  }
  return p.serverId;
}

export function problemText(r) {
  const errors = r.errors ? Object.values(r.errors).flat() : [];
  return (errors.length ? errors : [r.title ?? '服务器拒绝了这条记录']).join('；');
}

/** The cadre's households changed since the last download (pairings started or ended, facts, visits, problems). */
async function download() {
  const since = await getMeta('since');
  const res = await optional('/sync/households' + (since ? `?since=${encodeURIComponent(since)}` : ''), 403);
  // null: the account is not a paired cadre (a village officer): no paired households, the checks below still come down.
  await setMeta('unpaired', res === null);
  if (res) {
    await tx(HOUSEHOLDS, 'readwrite', (st) => {
      for (const hh of res.households ?? []) st[HOUSEHOLDS].put(hh);
      for (const id of res.removed ?? []) st[HOUSEHOLDS].delete(id);
    });
    await setMeta('since', res.serverTime);
    if (res.cadre) await setMeta('cadre', res.cadre);
  } else {
    // No longer (or never) a paired cadre: no household data of anyone stays on the phone.
    await tx(HOUSEHOLDS, 'readwrite', (st) => st[HOUSEHOLDS].clear());
    await delMeta('since');
  }
  // 回头看 sampled households and 数据比对 疑点 of the user's villages (null: not this account's work, or not on this server).
  await setMeta('samples', await optional('/sampling/households?pageSize=200', 403, 404));
  await setMeta('doubts', await optional('/matching/doubts/mine?page=1&pageSize=200', 403, 404));
  // null: no employment records (or to-do list) on this server, or not for this account.
  await setMeta('jobs', await optional('/employment/sync/jobs', 403, 404));
  await setMeta('todo', await optional('/sync/todo', 404));
}

/** GET path, or null when the server answers one of the given statuses. */
async function optional(path, ...statuses) {
  try {
    return await api.get(path);
  } catch (e) {
    if (e instanceof api.ApiError && statuses.includes(e.status)) return null;
    throw e;
  }
}

/**
 * The user's decision on a conflicting household update: 'apply' (采用我的) or 'discard' (采用服务器的). If the household
 * changed again meanwhile the server answers 409: fetch the newest values and ask again (never overwrite unseen data).
 */
export async function resolve(item, action) {
  try {
    await api.post(`/sync/visits/${encodeURIComponent(item.clientId)}/resolve`, { action, baseVersion: item.conflict.serverVersion });
  } catch (e) {
    if (!(e instanceof api.ApiError && e.status === 409 && e.problem?.serverVersion)) throw e;
    await download();
    const hh = await get(HOUSEHOLDS, item.householdId);
    await put(OUTBOX, { ...item, conflict: { ...item.conflict, serverVersion: e.problem.serverVersion, server: serverSide(hh, item.conflict.yours) } });
    emit({ refresh: true, message: '该户刚被他人修改，请对照最新数据重新选择', error: true });
    return;
  }
  await forget(item.clientId);
  emit({ refresh: true, message: action === 'apply' ? '已采用我的修改' : '已采用服务器的数据' });
}

/** The server's current values of the fields the user changed (from a fresh download), in the conflict's shape. */
function serverSide(hh, yours) {
  if (!hh) return {};
  const pick = (obj, keys) => Object.fromEntries(keys.map((k) => [k, obj?.[k] ?? null]));
  return {
    facts: yours.facts ? pick(hh.facts, Object.keys(yours.facts)) : undefined,
    members: yours.members?.map((m) => ({ id: m.id, ...pick(hh.members.find((x) => x.id === m.id), Object.keys(m).filter((k) => k !== 'id')) })),
    income: yours.income ? (hh.income?.year === yours.income.year ? hh.income : null) : undefined,
  };
}
