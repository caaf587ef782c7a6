// 回头看 抽样核查 at the door: the sampled households of the user's villages (downloaded at each sync) as visit tasks, and
// the questionnaire (收入、两不愁三保障、帮扶、满意度、是否应纳入) or 无法联系/拒访 (the stratum's next reserve takes the place).
// Like a visit, the answers go to the phone's outbox first and sync through the sampling survey API when there is signal.
import { h, show, facts, yesNo } from './ui.js';
import { getMeta } from './store.js';
import { outbox, queueCheck } from './sync.js';
import { sampleStatuses, householdStatuses, secured, guaranteeItems } from './labels.js';
import { beijingDay, refused, saveToOutbox } from './field.js';
import { newId } from './visit.js';

const field = (text, input) => h('label.field', {}, h('span', {}, text), input);

/** A group of radio buttons the screen reader names by its label: [[value, text], ...]. */
export const choices = (name, label, options) => h('fieldset.choices', { role: 'radiogroup', 'aria-label': label },
  h('legend.field-label', {}, label),
  options.map(([value, text]) => h('label.check', {}, h('input', { type: 'radio', name, value }), text)));

/** The radio group's value ('' when none is chosen). */
export const chosen = (form, name) => form.querySelector(`input[name="${name}"]:checked`)?.value ?? '';

/** Sampled households on the phone with what waits in the outbox for each (by the sampled household's id). */
async function loaded() {
  const data = await getMeta('samples');
  const queued = new Map((await outbox()).filter((i) => i.check && i.check.kind !== 'doubt').map((i) => [i.check.targetId, i]));
  return { data, items: data?.items ?? [], queued };
}

const order = { Pending: 0, Visited: 2, Unreachable: 3, Refused: 3 };

export async function samplesScreen() {
  const { data, items, queued } = await loaded();
  if (!data) {
    show('回头看核查', h('div.empty', {}, '本机没有抽样核查任务：联网同步后下载；您的账号不承担入户核查时没有此项。'));
    return;
  }
  const rank = (s) => (queued.has(s.id) ? 1 : order[s.status] ?? 4);
  const sorted = [...items].sort((a, b) => rank(a) - rank(b) || a.regionPath.localeCompare(b.regionPath, 'zh') || a.drawOrder - b.drawOrder);
  const todo = items.filter((s) => s.status === 'Pending' && !queued.has(s.id)).length;
  show('回头看核查',
    h('p.muted.small', { id: 'samples-summary' }, `抽中 ${items.length} 户，待入户 ${todo} 户`),
    items.length === 0 ? h('div.empty', {}, '您管辖的村暂无抽中的农户。') : null,
    h('ul.list', { id: 'samples' }, sorted.map((s) => h('li', {}, h('a', { href: `#/sample/${s.id}`, dataset: { sampleId: s.id } },
      h('div.item-top', {}, h('b', {}, s.headName), statusTag(s, queued.get(s.id))),
      h('div.small.muted', {}, `${s.regionPath} · 户编号 ${s.householdNumber} · ${householdStatuses[s.householdStatus] ?? s.householdStatus}`),
      h('div.small', {}, s.campaignName))))));
}

function statusTag(s, queued) {
  if (queued) return h(`span.tag.${queued.state === 'error' ? 'error' : 'due'}`, { dataset: { status: 'queued' } }, queued.state === 'error' ? '同步失败' : '待同步');
  const cls = s.status === 'Visited' ? 'done' : s.status === 'Pending' ? 'due' : 'overdue';
  return h(`span.tag.${cls}`, { dataset: { status: s.status } }, sampleStatuses[s.status] ?? s.status);
}

export async function sampleScreen(id) {
  const { items, queued } = await loaded();
  const s = items.find((x) => x.id === Number(id));
  if (!s) {
    show('回头看核查', h('div.alert.warn', {}, '本机没有该抽样户（可能已不在您的管辖范围）。'), h('a.btn.block.secondary', { href: '#/samples' }, '返回核查任务'));
    return;
  }
  const about = h('div.card', {}, h('h2', {}, '抽样户'), facts([
    ['户编号', s.householdNumber], ['所在地区', s.regionPath], ['户类型', householdStatuses[s.householdStatus] ?? s.householdStatus],
    ['抽样核查', s.campaignName], ['状态', queued.has(s.id) ? '已录入，待同步' : sampleStatuses[s.status] ?? s.status],
  ]));
  if (queued.has(s.id)) {
    show(s.headName, about, h('div.alert.warn', {}, '本机已录入该户的核查结果，联网后自动同步。', h('a', { href: '#/outbox' }, ' 查看')));
    return;
  }
  if (s.status !== 'Pending') {
    show(s.headName, about, s.status === 'Visited' ? answersCard(s) : h('div.card', {}, facts([['原因', s.nonResponseReason]])));
    return;
  }
  const label = `${s.headName}（${s.householdNumber}）`;
  const session = await getMeta('session');
  show(s.headName, about, surveyForm(s, label, session), nonResponseForm(s, label));
}

/** The questionnaire as the server has it. */
const answersCard = (s) => h('div.card', { id: 'answers' }, h('h2', {}, '问卷'), facts([
  ['人均纯收入', s.incomePerCapita == null ? '' : `${s.incomePerCapita} 元`],
  ...guaranteeItems.map(([f, l]) => [l, secured[s[f]] ?? '']),
  ['得到帮扶', yesNo(s.assistanceReceived)], ['帮扶情况', s.assistanceNote], ['满意度', s.satisfaction == null ? '' : `${s.satisfaction} 分`],
  ['应纳入（继续纳入）', yesNo(s.shouldBeRegistered)], ['核查日期', s.visitedOn], ['核查人', s.visitedBy], ['备注', s.note],
  ['风险线索', s.leadId ? '已登记' : '无'],
]));

/** Saves a check to the outbox and goes back to the list. */
async function save(check, s, label, button, errors) {
  const queue = () => queueCheck({ ...check, clientId: newId(), targetId: s.id, version: s.version }, s.householdId, label);
  if (await saveToOutbox(queue, button, errors, '核查结果')) location.hash = '#/samples';
}

function surveyForm(s, label, session) {
  const today = beijingDay(new Date());
  const errors = h('div.alert.error', { role: 'alert', hidden: true });
  const yesNoOptions = [['true', '是'], ['false', '否']];
  const form = h('form.card', {
    novalidate: true, id: 'survey',
    onsubmit: (e) => {
      e.preventDefault();
      const v = (name) => form[name].value.trim();
      const problems = [];
      for (const [f, l] of guaranteeItems) if (!chosen(form, f)) problems.push(`请选择${l}：有保障或无保障`);
      const income = v('incomePerCapita') === '' ? null : Number(v('incomePerCapita'));
      if (income !== null && !(income >= 0 && income <= 1000000)) problems.push('人均纯收入应在0至100万元之间');
      if (!chosen(form, 'assistanceReceived')) problems.push('请选择是否得到帮扶');
      if (!chosen(form, 'satisfaction')) problems.push('满意度应为1至5分');
      if (!chosen(form, 'shouldBeRegistered')) problems.push('请选择该户是否应当纳入（继续纳入）建档或监测');
      if (!v('visitedOn')) problems.push('请填写核查日期');
      else if (v('visitedOn') > today) problems.push('核查日期不能晚于今天');
      if (!v('visitedBy')) problems.push('请填写核查人');
      if (refused(errors, problems)) return;
      const answers = {
        incomePerCapita: income, ...Object.fromEntries(guaranteeItems.map(([f]) => [f, chosen(form, f)])),
        assistanceReceived: chosen(form, 'assistanceReceived') === 'true', assistanceNote: v('assistanceNote') || null,
        satisfaction: Number(chosen(form, 'satisfaction')), shouldBeRegistered: chosen(form, 'shouldBeRegistered') === 'true',
        visitedOn: v('visitedOn'), visitedBy: v('visitedBy'), note: v('note') || null,
      };
      const unsecured = guaranteeItems.filter(([f]) => answers[f] === 'No').map(([, l]) => l);
      const summary = `入户问卷 · 满意度 ${answers.satisfaction} 分` + (unsecured.length ? ` · ${unsecured.join('、')}无保障` : '');
      save({ kind: 'survey', answers, summary }, s, label, form.querySelector('button[type=submit]'), errors);
    },
  },
  h('h2', {}, '入户核查问卷'),
  field('人均纯收入（元，核实值）', h('input', { type: 'number', name: 'incomePerCapita', inputmode: 'decimal', min: 0, step: 'any' })),
  guaranteeItems.map(([f, l]) => choices(f, l, Object.entries(secured))),
  choices('assistanceReceived', '得到帮扶', yesNoOptions),
  field('帮扶情况说明', h('input', { type: 'text', name: 'assistanceNote', maxlength: 200, placeholder: '如：产业帮扶、技能培训' })),
  choices('satisfaction', '满意度', [1, 2, 3, 4, 5].map((n) => [String(n), String(n)])),
  choices('shouldBeRegistered', '应纳入（继续纳入）建档或监测', yesNoOptions),
  field('核查日期', h('input', { type: 'date', name: 'visitedOn', value: today, max: today })),
  field('核查人', h('input', { type: 'text', name: 'visitedBy', maxlength: 64, value: session?.displayName || session?.userName || '' })),
  field('备注', h('textarea', { name: 'note', maxlength: 500 })),
  errors,
  h('button.btn.block', { type: 'submit', id: 'save-survey' }, '保存问卷'));
  return form;
}

/** 无法联系 / 拒访 with its reason: the stratum's next reserve household takes this one's place. */
function nonResponseForm(s, label) {
  const errors = h('div.alert.error', { role: 'alert', hidden: true });
  const form = h('form', {
    novalidate: true, id: 'non-response',
    onsubmit: (e) => {
      e.preventDefault();
      const status = chosen(form, 'status');
      const reason = form.reason.value.trim();
      const problems = [];
      if (!status) problems.push('请选择无法联系或拒访');
      if (reason.length < 2) problems.push('请说明原因');
      if (refused(errors, problems)) return;
      save({ kind: 'nonResponse', status, reason, summary: `${sampleStatuses[status]}：${reason}` }, s, label, form.querySelector('button[type=submit]'), errors);
    },
  },
  choices('status', '未能入户', [['Unreachable', '无法联系'], ['Refused', '拒访']]),
  field('原因', h('input', { type: 'text', name: 'reason', maxlength: 200 })),
  errors,
  h('button.btn.block.secondary', { type: 'submit' }, '登记无法入户'),
  h('p.muted.small', {}, '登记后由本层下一备选户替补。'));
  return h('details.more', {}, h('summary', {}, '无法入户（无法联系、拒访）'), h('div.body', {}, form));
}
