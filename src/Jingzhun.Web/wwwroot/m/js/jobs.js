// 务工情况 at the door: a household's members with their jobs (kept on the phone at each sync), "务工结束" for a job that
// stopped, and "登记务工" for a new one. Like a visit, an update goes to the phone's outbox first and syncs when there
// is signal; the server derives the member's 务工状况 and months from the records (as the county's own form does).
import { h, show } from './ui.js';
import { get, getMeta, HOUSEHOLDS } from './store.js';
import { outbox, queueJob } from './sync.js';
import { workStatuses, jobChannels, show as label } from './labels.js';
import { beijingDay, saveToOutbox } from './field.js';
import { newId } from './visit.js';

const places = Object.fromEntries(Object.entries(workStatuses).filter(([k]) => k !== 'None'));
const outside = (place) => place === 'InProvince' || place === 'OutOfProvince';
const options = (codes, selected, blank) => [
  blank === undefined ? null : h('option', { value: '' }, blank),
  ...Object.entries(codes).map(([v, l]) => h('option', { value: v, selected: v === selected }, l)),
];
const field = (text, input) => h('label.field', {}, h('span', {}, text), input);
/** Calendar months touched from start to end (the server's rule: 1 March to 10 April touches 2). */
const monthsBetween = (start, end) => (Number(end.slice(0, 4)) - Number(start.slice(0, 4))) * 12 + Number(end.slice(5, 7)) - Number(start.slice(5, 7)) + 1;

/** One line of a job as the phone shows it. */
const jobText = (j) => [places[j.place] ?? j.place, j.placeName, j.employer, j.sector, `${j.months} 个月`,
  `月工资 ${j.monthlyWage} 元`, jobChannels[j.channel] ?? j.channel].filter(Boolean).join(' · ');

export async function workScreen(id) {
  const hh = await get(HOUSEHOLDS, Number(id));
  if (!hh) {
    location.hash = '#/households';
    return;
  }
  const cached = await getMeta('jobs');
  const jobs = (cached?.jobs ?? []).filter((j) => j.householdId === hh.id);
  const queued = (await outbox()).filter((i) => i.job && i.householdId === hh.id);
  const ending = new Set(queued.filter((i) => i.job.action === 'end').map((i) => i.job.jobId));
  const today = beijingDay(new Date());
  const householdLabel = `${hh.headName}（${hh.number}）`;

  async function queue(job, button, errors) {
    if (await saveToOutbox(() => queueJob({ ...job, clientId: newId() }, hh.id, householdLabel), button, errors, '务工信息')) workScreen(id);
  }

  /** 务工结束: the end date and the months worked; the job's version as the phone saw it. */
  function endForm(j, m) {
    const errors = h('div.alert.error', { role: 'alert', hidden: true });
    const form = h('form.finding', {
      novalidate: true, dataset: { endJob: j.id },
      onsubmit: (e) => {
        e.preventDefault();
        const endedOn = form.endedOn.value;
        const months = Number(form.months.value);
        const problems = [];
        if (!endedOn) problems.push('请填写结束日期');
        else if (endedOn < j.startedOn) problems.push('结束日期不能早于开始日期');
        else if (endedOn > today) problems.push('结束日期不能晚于今天');
        else if (endedOn.slice(0, 4) !== j.startedOn.slice(0, 4)) problems.push('务工记录按年度登记：跨年的请在电脑端分年登记');
        if (!(Number.isInteger(months) && months >= 1 && months <= 12)) problems.push('务工月数应在1至12个月之间');
        else if (endedOn && endedOn >= j.startedOn && months > monthsBetween(j.startedOn, endedOn)) problems.push(`务工月数不能超过开始至结束的月数（${monthsBetween(j.startedOn, endedOn)}个月）`);
        errors.hidden = problems.length === 0;
        errors.textContent = problems.join('；');
        if (problems.length) return;
        queue({ action: 'end', jobId: j.id, version: j.version, endedOn, months, memberId: m.id, memberName: m.name, summary: jobText(j) },
          form.querySelector('button[type=submit]'), errors);
      },
    },
    field('结束日期（离职、返乡）', h('input', { type: 'date', name: 'endedOn', value: today, max: today, min: j.startedOn, required: true })),
    field('务工月数（1–12）', h('input', { type: 'number', name: 'months', inputmode: 'numeric', min: 1, max: 12, value: j.months })),
    errors,
    h('div.row', {}, h('button.btn', { type: 'submit' }, '保存务工结束'),
      h('button.btn.secondary', { type: 'button', onclick: () => form.replaceWith(endButton(j, m)) }, '取消')));
    return form;
  }
  const endButton = (j, m) => h('button.btn.secondary.block', { type: 'button', dataset: { end: j.id }, onclick: (e) => e.target.replaceWith(endForm(j, m)) }, '务工结束');

  const memberCards = hh.members.map((m) => {
    const mine = jobs.filter((j) => j.memberId === m.id);
    const pending = queued.filter((i) => i.job.memberId === m.id);
    return h('div.card', { dataset: { memberId: m.id } },
      h('div.item-top', {}, h('b', {}, m.name), h('span.muted.small', {}, `${m.relation} · ${m.age} 岁`)),
      h('div.small', {}, `务工状况：${m.workStatusLabel ?? label(m.workStatus, workStatuses)}`, m.workMonths ? `　务工月数：${m.workMonths}` : ''),
      mine.length === 0 && pending.length === 0 ? h('p.muted.small', {}, '本年度无务工记录') : null,
      mine.map((j) => h('div.finding', { dataset: { jobId: j.id } },
        h('div.small', {}, jobText(j)),
        h('div.small.muted', {}, j.endedOn ? `${j.startedOn} 至 ${j.endedOn}` : `${j.startedOn} 起，在岗`),
        j.endedOn ? null : ending.has(j.id) ? h('span.tag.due', {}, '务工结束待同步') : endButton(j, m))),
      pending.filter((i) => i.job.action === 'start').map((i) => h('div.finding', {},
        h('div.small', {}, jobText(i.job)), h('span.tag.due', {}, '新务工待同步'))));
  });

  const errors = h('div.alert.error', { role: 'alert', hidden: true });
  const province = field('务工所在省（市）', h('input', { type: 'text', name: 'placeName', maxlength: 30, placeholder: '如：浙江省' }));
  province.hidden = true;
  const form = h('form', {
    novalidate: true, id: 'new-job',
    onsubmit: (e) => {
      e.preventDefault();
      const v = (name) => form[name].value.trim();
      const problems = [];
      const memberId = Number(v('memberId'));
      if (!memberId) problems.push('请选择成员');
      if (!v('place')) problems.push('请选择务工地点');
      if (outside(v('place')) && !v('placeName')) problems.push('县外务工的，请填写务工所在省（市）');
      if (!v('employer')) problems.push('请填写就业单位（或从事行业）');
      const wage = Number(v('monthlyWage'));
      if (v('monthlyWage') === '' || !(wage >= 0 && wage <= 100000)) problems.push('月工资应在0至100000元之间');
      const months = Number(v('months'));
      const startedOn = v('startedOn');
      const endedOn = v('endedOn') || null;
      if (!startedOn) problems.push('请填写开始务工日期');
      else if (startedOn > today) problems.push('开始务工日期不能晚于今天');
      if (endedOn && startedOn && endedOn < startedOn) problems.push('结束日期不能早于开始日期');
      if (endedOn && endedOn > today) problems.push('结束日期不能晚于今天');
      if (endedOn && startedOn && endedOn.slice(0, 4) !== startedOn.slice(0, 4)) problems.push('务工记录按年度登记：跨年的请分年登记');
      if (!(Number.isInteger(months) && months >= 1 && months <= 12)) problems.push('务工月数应在1至12个月之间');
      errors.hidden = problems.length === 0;
      errors.textContent = problems.join('；');
      if (problems.length) return;
      const member = hh.members.find((m) => m.id === memberId);
      const job = {
        memberId, place: v('place'), placeName: outside(v('place')) ? v('placeName') : null, employer: v('employer'), sector: v('sector') || null,
        months, monthlyWage: wage, channel: v('channel'), startedOn, endedOn,
      };
      queue({ action: 'start', memberName: member?.name, ...job, summary: jobText(job) }, form.querySelector('button[type=submit]'), errors);
    },
  },
  field('成员', h('select', { name: 'memberId' }, options(Object.fromEntries(hh.members.map((m) => [m.id, `${m.name}（${m.relation}）`])), undefined, '请选择'))),
  field('务工地点', h('select', { name: 'place', onchange: (e) => { province.hidden = !outside(e.target.value); } }, options(places, undefined, '请选择'))),
  province,
  field('就业单位', h('input', { type: 'text', name: 'employer', maxlength: 100 })),
  field('从事行业', h('input', { type: 'text', name: 'sector', maxlength: 50, placeholder: '如：制造业、建筑业' })),
  field('月工资（元）', h('input', { type: 'number', name: 'monthlyWage', inputmode: 'decimal', min: 0, step: 'any' })),
  field('就业渠道', h('select', { name: 'channel' }, options(jobChannels, 'Own'))),
  field('开始务工日期', h('input', { type: 'date', name: 'startedOn', max: today, value: today })),
  field('结束日期（仍在岗的不填）', h('input', { type: 'date', name: 'endedOn', max: today })),
  field('本年务工月数（1–12）', h('input', { type: 'number', name: 'months', inputmode: 'numeric', min: 1, max: 12, value: 1 })),
  errors,
  h('button.btn.block', { type: 'submit', id: 'save-job' }, '保存务工信息'));

  show(`务工 ${hh.headName}`,
    cached?.capped ? h('div.alert.warn', {}, '务工记录较多，本机只保存了最近的一部分。') : null,
    cached ? null : h('div.alert.warn', {}, '本机尚未下载务工记录：联网同步后可办理“务工结束”。'),
    memberCards,
    h('details.more', { open: jobs.length === 0 }, h('summary', {}, '＋ 登记务工'), h('div.body', {}, form)),
    h('p.muted.small', {}, '务工状况和务工月数由务工记录推算；保存后可在“同步”中查看上传情况。'));
}
