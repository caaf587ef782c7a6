// The cadre's paired households (list with search, detail) and the to-do list, all read from the phone's cache.
import { h, show, facts, fmtDate, fmtTime } from './ui.js';
import { all, get, getMeta, HOUSEHOLDS } from './store.js';
import { outbox, run as sync } from './sync.js';
import { factFields, memberFields, show as label } from './labels.js';
import { beijingMonth } from './field.js';

let query = '';

/** Households visited this month (Beijing time): by the last visit the server knows, or a visit queued on this phone. */
async function visitedThisMonth(households) {
  const month = beijingMonth(new Date());
  const done = new Set(households.filter((hh) => hh.lastVisit && beijingMonth(new Date(hh.lastVisit.visitedAt)) === month).map((hh) => hh.id));
  for (const item of await outbox()) if (item.visit && beijingMonth(new Date(item.visit.visitedAt)) === month) done.add(item.householdId);
  return done;
}   // kept while the app runs (never in the URL: names are personal data)

const matches = (hh, q) => hh.headName.includes(q) || hh.number.includes(q) || hh.members?.some((m) => m.name.includes(q));

export async function householdsScreen() {
  const households = (await all(HOUSEHOLDS)).sort((a, b) => a.villageName.localeCompare(b.villageName, 'zh') || a.number.localeCompare(b.number));
  const pending = new Set((await outbox()).filter((i) => i.visit).map((i) => i.householdId));
  const visited = await visitedThisMonth(households);
  const list = h('ul.list', { id: 'households' });
  const count = h('p.muted.small');
  const draw = () => {
    const q = query.trim();
    const shown = q ? households.filter((hh) => matches(hh, q)) : households;
    count.textContent = q ? `找到 ${shown.length} 户（共 ${households.length} 户）` : `结对户 ${households.length} 户，本月已走访 ${visited.size} 户`;
    list.replaceChildren(...shown.map((hh) => h('li', {}, h('a', { href: `#/household/${hh.id}`, dataset: { householdId: hh.id } },
      h('div.item-top', {}, h('b', {}, hh.headName),
        visited.has(hh.id) ? h('span.tag.done', { dataset: { visited: 'month' } }, '✓ 本月已走访') : h('span.tag.due', {}, '本月未走访'),
        h('span.tag', {}, hh.statusLabel)),
      h('div.small.muted', {}, `${hh.villageName} · ${hh.size} 人 · 户编号 ${hh.number}`),
      h('div.small', {}, hh.lastVisit ? `上次走访 ${fmtDate(hh.lastVisit.visitedAt)}（${hh.lastVisit.kindLabel}）` : '尚无走访记录',
        pending.has(hh.id) ? h('span.tag.due', {}, ' 有待同步走访') : null)))));
  };
  const search = h('input', {
    type: 'search', placeholder: '搜索户主、成员姓名或户编号', value: query, 'aria-label': '搜索结对户', enterkeyhint: 'search',
    oninput: (e) => { query = e.target.value; draw(); },
  });
  draw();
  const status = await getMeta('syncStatus');
  const unpaired = await getMeta('unpaired');
  const empty = households.length === 0
    ? h('div.empty', { id: 'no-households' }, unpaired ? '您的账号未关联帮扶干部，没有结对户。' : (await getMeta('since')) ? '您目前没有结对户。' : '尚未下载结对户。',
      unpaired ? h('p', {}, h('a', { href: '#/todo' }, '回头看核查、疑点核实见“待办”')) : null,
      status && !status.ok ? h('p.error', {}, status.message) : null,
      h('p'), h('button.btn', { onclick: () => sync() }, '立即同步'))
    : null;
  show('我的结对户', h('div.search', {}, search), count, empty, list);
}

export async function householdScreen(id) {
  const hh = await get(HOUSEHOLDS, Number(id));
  if (!hh) {
    show('结对户', h('div.alert.warn', {}, '本机没有该户的信息（可能已不再结对）。'), h('a.btn.block.secondary', { href: '#/households' }, '返回结对户列表'));
    return;
  }
  const queued = (await outbox()).filter((i) => i.visit && i.householdId === hh.id);
  const queuedJobs = (await outbox()).filter((i) => i.job && i.householdId === hh.id);
  const visited = (await visitedThisMonth([hh])).has(hh.id);
  show(hh.headName,
    h('p', { id: 'month-mark' }, visited ? h('span.tag.done', {}, '✓ 本月已走访') : h('span.tag.due', {}, '本月尚未走访')),
    h('a.btn.block', { href: `#/visit/${hh.id}`, id: 'new-visit' }, '＋ 记录走访'),
    h('p'),
    h('a.btn.block.secondary', { href: `#/work/${hh.id}`, id: 'work' }, '务工情况（登记务工、务工结束）'),
    h('p'),
    h('div.card', {}, h('h2', {}, '基本情况'), facts([
      ['户编号', hh.number], ['所在村', hh.villageName], ['住址', hh.address], ['户类型', hh.statusLabel],
      ['人口', `${hh.size} 人`], ['结对日期', hh.pairedSince],
      ['上次走访', hh.lastVisit ? `${fmtTime(hh.lastVisit.visitedAt)} ${hh.lastVisit.kindLabel}（${hh.lastVisit.cadreName}）` : '尚无'],
    ])),
    queued.length ? h('div.alert.warn', {}, `本机有 ${queued.length} 条该户的走访待同步。`, h('a', { href: '#/outbox' }, ' 查看')) : null,
    queuedJobs.length ? h('div.alert.warn', {}, `本机有 ${queuedJobs.length} 条该户的务工信息待同步。`, h('a', { href: '#/outbox' }, ' 查看')) : null,
    h('div.card', {}, h('h2', {}, `家庭成员（${hh.members.length}）`),
      h('ul.list', {}, hh.members.map((m) => h('li', {}, h('div.item', {},
        h('div.item-top', {}, h('b', {}, m.name), h('span.muted.small', {}, `${m.relation} · ${m.gender} · ${m.age} 岁`)),
        h('div.small', {}, memberFields.filter(([f]) => f in m).map(([f, l, codes]) => `${l}：${m[`${f}Label`] ?? label(m[f], codes)}`).join('　'))))))),
    h('div.card', {}, h('h2', {}, '生产生活条件'), facts(factFields.map(([f, l, kind]) => [l, label(hh.facts?.[f], kind)]))),
    h('div.card', {}, h('h2', {}, '收入'), hh.income
      ? facts([['年度', hh.income.year], ['人均纯收入', `${hh.income.perCapitaNetIncome} 元`], ['工资性收入', hh.income.lines.wageIncome],
        ['生产经营性收入', hh.income.lines.productionIncome]])
      : h('p.muted', {}, '尚无收入记录')),
    h('div.card', {}, h('h2', {}, '未解决的问题与风险线索'),
      hh.openProblems.length + hh.openLeads.length === 0 ? h('p.muted', {}, '无') : h('ul.list', {},
        hh.openProblems.map((p) => h('li', {}, h('div.item', {}, h('span.tag.overdue', {}, p.dimensionLabel), ' ', p.text))),
        hh.openLeads.map((l) => h('li', {}, h('div.item', {}, h('span.tag.due', {}, l.sourceLabel), ' ', l.text))))));
}

/** 回头看 sampled households to visit and 疑点 to verify (shown when this account has them to do). */
async function checksCard() {
  const samples = await getMeta('samples');
  const doubts = await getMeta('doubts');
  if (!samples && !doubts) return null;
  const queued = (await outbox()).filter((i) => i.check);
  const waiting = (kind) => new Set(queued.filter((i) => (i.check.kind === 'doubt') === (kind === 'doubt')).map((i) => i.check.targetId));
  const sampled = waiting('sample');
  const toVisit = (samples?.items ?? []).filter((s) => s.status === 'Pending' && !sampled.has(s.id)).length;
  const verifying = waiting('doubt');
  const toVerify = (doubts?.items ?? []).filter((d) => !verifying.has(d.id));
  const overdue = toVerify.filter((d) => d.overdue).length;
  return h('ul.list', { id: 'checks' },
    samples ? h('li', {}, h('a', { href: '#/samples', id: 'samples-link' },
      h('div.item-top', {}, h('b', {}, '回头看入户核查'), h(`span.tag.${toVisit ? 'due' : 'done'}`, {}, toVisit ? `待入户 ${toVisit} 户` : '已完成')),
      h('div.small.muted', {}, '抽中农户的入户问卷（收入、两不愁三保障、帮扶、满意度）'))) : null,
    doubts ? h('li', {}, h('a', { href: '#/doubts', id: 'doubts-link' },
      h('div.item-top', {}, h('b', {}, '数据比对疑点核实'),
        h(`span.tag.${overdue ? 'overdue' : toVerify.length ? 'due' : 'done'}`, {}, toVerify.length ? `待核实 ${toVerify.length} 条` + (overdue ? `（逾期 ${overdue}）` : '') : '已完成')),
      h('div.small.muted', {}, '部门数据比对发现的疑点，入户核实属实或不属实'))) : null);
}

export async function todoScreen() {
  const todo = await getMeta('todo');
  const items = todo?.items ?? [];
  const checks = await checksCard();
  if (items.length === 0) {
    show('待办', checks, h('div.empty', {}, checks ? '暂无走访待办' : '暂无待办'));
    return;
  }
  const names = new Map((await all(HOUSEHOLDS)).map((hh) => [hh.id, hh]));
  // Counted and listed by household: one line per household, its tasks under it (most urgent first).
  const byHousehold = new Map();
  for (const i of items) byHousehold.set(i.householdId, [...(byHousehold.get(i.householdId) ?? []), i]);
  const urgent = (a, b) => Number(b.overdue) - Number(a.overdue) || String(a.dueBy).localeCompare(String(b.dueBy));
  const groups = [...byHousehold.values()].map((g) => g.sort(urgent)).sort((a, b) => urgent(a[0], b[0]));
  const overdue = groups.filter((g) => g.some((i) => i.overdue)).length;
  show('待办', checks,
    h('p.muted.small', { id: 'todo-summary' }, `${todo.month ?? ''} 应走访 ${groups.length} 户（${items.length} 项任务），其中逾期 ${overdue} 户`),
    h('ul.list', { id: 'todo' }, groups.map((g) => {
      const i = g[0];
      const hh = names.get(i.householdId);
      return h('li', {}, h('a', { href: `#/household/${i.householdId}`, dataset: { householdId: i.householdId } },
        h('div.item-top', {}, h('b', {}, hh?.headName ?? i.headName ?? `户 ${i.householdId}`),
          h(`span.tag.${i.overdue ? 'overdue' : 'due'}`, {}, i.overdue ? `已逾期（${i.dueBy}）` : `${i.dueBy} 前`)),
        g.map((t) => h('div.small.muted', {}, [t.kind, t.reason, g.length > 1 ? `${t.dueBy} 前` : null].filter(Boolean).join(' · ')))));
    })));
}
