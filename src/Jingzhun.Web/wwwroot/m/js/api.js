// The server's JSON API with the cadre's bearer token. Failures are typed so screens can tell "no signal" (keep the
// work queued), "signed out" (show the login screen) and "the server refused this" (show its Chinese message) apart.
import { getMeta, setMeta, delMeta } from './store.js';

const BASE = '/api/v1';

export class OfflineError extends Error {
  constructor() { super('无网络连接，数据已保存在本机，联网后自动同步'); }
}
export class AuthError extends Error {
  constructor(message) { super(message || '登录已过期，请重新登录'); }
}
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `服务器错误（${status}）`);
    this.status = status;
    this.problem = problem;
  }
}

export const session = () => getMeta('session');

async function request(path, { method = 'GET', json, form, anonymous = false } = {}) {
  const headers = { Accept: 'application/json' };
  if (!anonymous) {
    const s = await session();
    if (!s) throw new AuthError('请先登录');
    headers.Authorization = `Bearer ${s.token}`;
  }
  let body;
  if (json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(json);
  } else if (form) {
    body = form;
  }
  let res;
  try {
    res = await fetch(BASE + path, { method, headers, body, credentials: 'omit', cache: 'no-store', redirect: 'error' });
  } catch {
    throw new OfflineError();   // network down (or a redirect, which the API never answers with)
  }
  const problem = () => res.json().catch(() => null);
  if (res.status === 401) {
    if (anonymous) throw new ApiError(401, await problem());
    await delMeta('session');
    throw new AuthError();
  }
  if (!res.ok) throw new ApiError(res.status, await problem());
  return res.status === 204 ? null : res.json();
}

export const get = (path) => request(path);
export const post = (path, json) => request(path, { method: 'POST', json });
export const put = (path, json) => request(path, { method: 'PUT', json });
export const postForm = (path, form) => request(path, { method: 'POST', form });

/** Signs in and keeps the token on the device (the API uses bearer tokens; no cookie is set). */
export async function login(username, password) {
  const t = await request('/auth/login', { method: 'POST', json: { username, password }, anonymous: true });
  const token = { token: t.accessToken, expiresAt: Date.now() + t.expiresIn * 1000 };
  await setMeta('session', token);
  try {
    const me = await get('/auth/me');
    const s = { ...token, userName: me.userName, displayName: me.displayName, role: me.roleLabel, regionCode: me.regionCode };
    await setMeta('session', s);
    return s;
  } catch (e) {
    await delMeta('session');
    throw e;
  }
}

export const logout = () => delMeta('session');
