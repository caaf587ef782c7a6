// "待同步": what is waiting on the phone, what the server refused (with its reasons), and conflicts to decide.
import { h, show, toast, fmtTime } from './ui.js';
import { get, getMeta, HOUSEHOLDS } from './store.js';
import { outbox, photosOf, run as sync, discard, dropUpdate, resolve, isRunning } from './sync.js';
import { visitKinds, factFields, memberFields, incomeFields, show as label } from './labels.js';
import { ApiError } from './api.js';

const states = { pending: ['待上传', ''], error: ['同步失败', 'error'], conflict: ['数据冲突，待确认', 'conflict'] };

export async function outboxScreen() {
  const items = await outbox();
  const cards = await Promise.all(items.map(card));
  const status = await getMeta('syncStatus');
  show('同步',
    h('div.card', {}, h('h2', { id: 'outbox-summary' }, items.length ? `待同步 ${items.length} 条` : '全部已同步'),
      status ? h(`p.small.${status.ok ? 'muted' : 'error'}`, { id: 'sync-status' }, `${fmtTime(status.at)} ${status.message}`) : null,
      h('p.muted.small', {}, navigator.onLine ? '联网时自动同步；也可点下面的按钮。' : '当前离线：记录保存在本机，联网后自动同步。'),
      h('button.btn.block', { id: 'sync-now', disabled: isRunning(), onclick: () => sync() }, isRunning() ? '正在同步…' : '同步')),
    cards);
}

/**
 * An entry other than a visit waiting on the phone (or refused by the server, with its reason): a member's employment
 * update, a 回头看 questionnaire or a 疑点 verification; what: its name in the delete question.
 */
function simpleCard(item, summary, what) {
  const [text, cls] = states[item.state] ?? states.pending;
  return h('div.card', { dataset: { clientId: item.clientId, state: item.state } },
    h('div.item-top', {}, h('b', {}, item.householdLabel), h(`span.tag.${cls}`, {}, text)),
    h('div.small.muted', {}, summary),
    item.error ? h('div.alert.error.small', {}, item.error) : null,
    item.state === 'error' ? h('div.row', {},
      h('button.btn.secondary', { onclick: () => sync() }, '重试'),
      h('button.btn.danger', {
        onclick: async () => {
          if (confirm(`删除后这条${what}将不再上传，确定删除？`)) await discard(item.clientId);
        },
      }, '删除')) : null);
}

const jobCard = (item) => simpleCard(item,
  `${item.job.action === 'end' ? `务工结束（${item.job.endedOn}）` : '登记务工'} · ${item.job.memberName ?? ''} · ${item.job.summary ?? ''}`, '务工信息');

const checkCard = (item) => simpleCard(item,
  `${item.check.summary ?? ''}${item.photoIds?.length ? ` · 照片 ${item.photoIds.length} 张` : ''} · 录入于 ${fmtTime(item.createdAt)}`,
  item.check.kind === 'doubt' ? '疑点核实结果' : '回头看核查结果');

async function card(item) {
  if (item.job) return jobCard(item);
  if (item.check) return checkCard(item);
  const [text, cls] = states[item.state] ?? states.pending;
  const all = await photosOf(item.clientId);
  const photos = all.filter((p) => !p.signature);
  return h('div.card', { dataset: { clientId: item.clientId, state: item.state } },
    h('div.item-top', {}, h('b', {}, item.householdLabel), h(`span.tag.${cls}`, {}, text)),
    h('div.small.muted', {}, `${visitKinds[item.visit.kind] ?? item.visit.kind} · 走访于 ${fmtTime(item.visit.visitedAt)} · 照片 ${photos.length} 张`
      + (all.length > photos.length ? ' · 户主已签字' : '')
      + (item.visit.householdUpdate ? ' · 含户信息更新' : '') + (item.visit.findings?.length ? ` · 发现问题 ${item.visit.findings.length} 项` : '')),
    item.error ? h('div.alert.error.small', {}, item.error) : null,
    item.state === 'error' && item.visit.householdUpdate
      ? h('p', {}, h('button.btn.block.secondary', { onclick: () => dropUpdate(item.clientId) }, '不更新户信息，仅上传走访')) : null,
    item.state === 'error' ? h('div.row', {},
      h('button.btn.secondary', { onclick: () => sync() }, '重试'),
      h('button.btn.danger', {
        onclick: async () => {
          if (confirm('删除后这条走访（含照片）将不再上传，确定删除？')) await discard(item.clientId);
        },
      }, '删除')) : null,
    item.state === 'conflict' ? await conflict(item) : null);
}

/** The server's and the user's values side by side; the user picks. Nothing is overwritten without this choice. */
async function conflict(item) {
  const { server = {}, yours = {} } = item.conflict;
  const hh = await get(HOUSEHOLDS, item.householdId);
  const rows = [];
  for (const [f, l, kind] of factFields) {
    if (yours.facts && f in yours.facts) rows.push([l, label(server.facts?.[f], kind), label(yours.facts[f], kind)]);
  }
  for (const m of yours.members ?? []) {
    const s = server.members?.find((x) => x.id === m.id);
    const name = hh?.members.find((x) => x.id === m.id)?.name ?? `成员 ${m.id}`;
    for (const [f, l, codes] of memberFields) if (f in m) rows.push([`${name} ${l}`, label(s?.[f], codes), label(m[f], codes)]);
  }
  if (yours.income) {
    const lines = server.income?.year === yours.income.year ? server.income.lines : {};
    for (const [f, l] of incomeFields) rows.push([`${yours.income.year} 年${l}`, label(lines[f]), label(yours.income.lines[f])]);
  }
  const choose = (action) => async (e) => {
    e.target.disabled = true;
    try {
      await resolve(item, action);
    } catch (err) {
      e.target.disabled = false;
      toast(err instanceof ApiError ? err.message : `操作失败：${err.message}`, 'error');
    }
  };
  return h('div', {},
    h('p.small', {}, '走访已保存到服务器。您离线时该户信息已被他人修改，请对照后选择保留哪一份：'),
    h('table.compare', {}, h('thead', {}, h('tr', {}, h('th', {}, '项目'), h('th', {}, '服务器'), h('th', {}, '我的'))),
      h('tbody', {}, rows.map(([l, s, y]) => h('tr', {}, h('th', {}, l), h('td', {}, s), h(`td${s === y ? '' : '.diff'}`, {}, y))))),
    item.warnings?.length ? h('p.small.muted', {}, item.warnings.join('；')) : null,
    h('div.row', {},
      h('button.btn', { onclick: choose('apply') }, '采用我的'),
      h('button.btn.secondary', { onclick: choose('discard') }, '采用服务器的')));
}
