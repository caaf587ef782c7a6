// 数据比对 疑点核实 at the door: the 疑点 of the user's villages waiting for verification (downloaded at each sync), and the
// answer 属实/不属实 with a note and an optional photo. The answer goes to the phone's outbox first and syncs through the
// matching API when there is signal; what the server answered is kept on the phone and listed under 已核实.
import { h, show, toast, facts, fmtTime } from './ui.js';
import { getMeta } from './store.js';
import { outbox, queueCheck } from './sync.js';
import { shrinkPhoto, photoStamp, refused, saveToOutbox } from './field.js';
import { newId } from './visit.js';
import { choices, chosen } from './sampling.js';

const MAX_PHOTOS = 3;
const MAX_PHOTO_BYTES = 10 * 1024 * 1024;   // the server's Files:MaxBytes

async function loaded() {
  const data = await getMeta('doubts');
  const done = (await getMeta('doubtsDone')) ?? [];
  const queued = new Map((await outbox()).filter((i) => i.check?.kind === 'doubt').map((i) => [i.check.targetId, i]));
  return { data, items: data?.items ?? [], done, queued };
}

const who = (d) => (d.memberName && d.memberName !== d.headName ? `${d.headName}（${d.memberName}）` : d.headName);
const due = (d) => h(`span.tag.${d.overdue ? 'overdue' : 'due'}`, {}, d.overdue ? `已逾期（${d.deadline}）` : `${d.deadline} 前核实`);

export async function doubtsScreen() {
  const { data, items, done, queued } = await loaded();
  if (!data && done.length === 0) {
    show('疑点核实', h('div.empty', {}, '本机没有疑点核实任务：联网同步后下载；您的账号不承担疑点核实时没有此项。'));
    return;
  }
  const waiting = items.filter((d) => !queued.has(d.id));
  const mine = [...queued.values()];
  const urgent = (a, b) => Number(b.overdue) - Number(a.overdue) || String(a.deadline).localeCompare(String(b.deadline));
  show('疑点核实',
    h('p.muted.small', { id: 'doubts-summary' }, `待核实 ${waiting.length} 条` + (mine.length ? `，待同步 ${mine.length} 条` : '')),
    waiting.length === 0 && mine.length === 0 ? h('div.empty', {}, '暂无待核实的疑点。') : null,
    h('ul.list', { id: 'doubts' }, waiting.sort(urgent).map((d) => h('li', {}, h('a', { href: `#/doubt/${d.id}`, dataset: { doubtId: d.id, outcome: d.outcome } },
      h('div.item-top', {}, h('b', {}, who(d)), due(d)),
      h('div.small', {}, [d.kindLabel, d.ruleLabel].filter(Boolean).join(' · ')),
      h('div.small.muted', {}, `${d.regionPath} · 户编号 ${d.householdNumber}`)))),
      mine.map((i) => h('li', {}, h('a', { href: '#/outbox', dataset: { doubtId: i.check.targetId, status: 'queued' } },
        h('div.item-top', {}, h('b', {}, i.householdLabel), h(`span.tag.${i.state === 'error' ? 'error' : 'due'}`, {}, i.state === 'error' ? '同步失败' : '待同步')),
        h('div.small.muted', {}, i.check.summary))))),
    done.length ? h('div.card', {}, h('h2', {}, '已核实（本机同步）'), h('ul.list', { id: 'doubts-done' }, done.map((d) => h('li', {},
      h('div.item', { dataset: { doubtId: d.id, status: d.status } },
        h('div.item-top', {}, h('b', {}, who(d)), h(`span.tag.${d.status === 'Confirmed' ? 'overdue' : 'done'}`, {}, d.statusLabel ?? d.status)),
        h('div.small', {}, [d.kindLabel, d.ruleLabel].filter(Boolean).join(' · ')),
        h('div.small.muted', {}, `同步于 ${fmtTime(d.syncedAt)}` + (d.outcomeLabel ? ` · ${d.outcomeLabel}` : ''))))))) : null);
}

export async function doubtScreen(id) {
  const { items, queued } = await loaded();
  const d = items.find((x) => x.id === Number(id));
  if (!d || queued.has(d.id)) {
    show('疑点核实', h('div.alert.warn', {}, d ? '本机已录入该疑点的核实结果，联网后自动同步。' : '本机没有该疑点（可能已核实或不在您的范围）。'),
      h('a.btn.block.secondary', { href: '#/doubts' }, '返回疑点列表'));
    return;
  }
  const photos = [];   // { clientId, blob, name, type, url }
  const thumbs = h('div.thumbs', { id: 'thumbs' });
  const drawThumbs = () => thumbs.replaceChildren(...photos.map((p, i) => h('div.thumb', {}, h('img', { src: p.url, alt: `照片 ${i + 1}` }),
    h('button', { type: 'button', 'aria-label': `删除照片 ${i + 1}`, onclick: () => { URL.revokeObjectURL(p.url); photos.splice(i, 1); drawThumbs(); } }, '×'))));
  const camera = h('input', {
    type: 'file', accept: 'image/*', capture: 'environment', name: 'photo', 'aria-label': '拍照或选择照片',
    onchange: async (e) => {
      const files = [...e.target.files];
      e.target.value = '';
      for (const file of files) {
        if (photos.length >= MAX_PHOTOS) { toast(`每条疑点最多 ${MAX_PHOTOS} 张照片`, 'error'); break; }
        const photo = await shrinkPhoto(file, photoStamp(d.regionPath, {}));
        if (photo.blob.size > MAX_PHOTO_BYTES) { toast(`照片“${file.name}”超过 10 MB，未添加`, 'error'); continue; }
        photos.push({ clientId: newId(), blob: photo.blob, name: photo.name, type: photo.type, url: URL.createObjectURL(photo.blob) });
      }
      drawThumbs();
    },
  });
  const errors = h('div.alert.error', { role: 'alert', hidden: true });
  const form = h('form', {
    novalidate: true, id: 'verify',
    onsubmit: async (e) => {
      e.preventDefault();
      const answer = chosen(form, 'confirmed');
      const note = form.note.value.trim();
      const problems = [];
      if (!answer) problems.push('请选择核实结果：属实或不属实');
      if (note.length < 4) problems.push('请填写核实情况（至少4个字）');
      if (refused(errors, problems)) return;
      const confirmed = answer === 'true';
      const queue = () => queueCheck({
        clientId: newId(), kind: 'doubt', targetId: d.id, version: d.version, confirmed, note,
        summary: `疑点核实 · ${confirmed ? '属实' : '不属实'} · ${[d.kindLabel, d.ruleLabel].filter(Boolean).join(' · ')}`,
      }, d.householdId, who(d), photos.map(({ url, ...p }) => p));
      if (!(await saveToOutbox(queue, form.querySelector('button[type=submit]'), errors, '核实结果'))) return;
      photos.forEach((p) => URL.revokeObjectURL(p.url));
      location.hash = '#/doubts';
    },
  },
  choices('confirmed', '核实结果', [['true', '属实'], ['false', '不属实']]),
  h('label.field', {}, h('span', {}, '核实情况说明'), h('textarea', { name: 'note', maxlength: 500, placeholder: '见到了谁、核实了什么' })),
  h('div.card', {}, h('div.field-label', {}, `现场照片（选填，最多 ${MAX_PHOTOS} 张）`), thumbs,
    h('label.btn.secondary.block.camera', {}, '拍照 / 选择照片', camera)),
  errors,
  h('button.btn.block', { type: 'submit', id: 'save-doubt' }, '保存核实结果'));
  show('疑点核实',
    h('div.card', {}, h('h2', {}, who(d)), facts([
      ['户编号', d.householdNumber], ['所在地区', d.regionPath], ['比对类型', d.kindLabel], ['比对规则', d.ruleLabel], ['比对情况', d.detail],
      ['属实后处理', d.outcomeLabel], ['核实期限', d.deadline],
    ]), due(d)),
    form);
}
