// The visit form: kind, time, GPS, notes, photos from the camera, household facts seen at the door, findings, and
// the household head's signature where the county asks for it (走访需户主签字).
// Saving always goes to the phone's outbox first (with or without signal); sync sends it on.
import { h, show, toast, localInput, fmtTime } from './ui.js';
import { get, getMeta, HOUSEHOLDS } from './store.js';
import { distanceMetres, shrinkPhoto, photoStamp, loadDraft, saveDraft, dropDraft } from './field.js';
import { queueVisit, run as sync } from './sync.js';
import { signaturePad } from './signature.js';
import { visitKinds, dimensions, severities, leadReasons, factFields, incomeFields, workStatuses, healthStatuses } from './labels.js';

const MAX_PHOTOS = 9;
const MAX_PHOTO_BYTES = 10 * 1024 * 1024;   // the server's Files:MaxBytes

// Set while the visit form holds something not yet saved: the app asks before leaving it.
let dirty = false;
export const hasUnsavedVisit = () => dirty;
export const forgetUnsavedVisit = () => { dirty = false; };

/** A client-made id; crypto.randomUUID needs a secure context (https or localhost), the fallback does not. */
export const newId = () => crypto.randomUUID?.()
  ?? Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');

const options = (codes, selected, blank) => [
  blank === undefined ? null : h('option', { value: '' }, blank),
  ...Object.entries(codes).map(([v, l]) => h('option', { value: v, selected: v === selected }, l)),
];

/** The select/input of one household fact, prefilled with the cached value; data-original tells what changed. */
function factInput(field, kind, value) {
  const original = value === null || value === undefined ? '' : String(value);
  const el = kind === 'number'
    ? h('input', { type: 'number', inputmode: 'decimal', min: '0', step: 'any', value: original })
    : h('select', {}, kind === 'bool' ? options({ true: '是', false: '否' }, original, '未填') : options(kind, original, '未填'));
  el.name = field;
  el.dataset.original = original;
  el.dataset.kind = kind === 'bool' || kind === 'number' ? kind : 'code';
  return el;
}

const parse = (el) => {
  if (el.value === '') return null;
  if (el.dataset.kind === 'bool') return el.value === 'true';
  if (el.dataset.kind === 'number') return Number(el.value);
  return el.value;
};
const changed = (el) => !el.disabled && el.value !== el.dataset.original;
const locked = (el, yes) => { el.disabled = yes; return el; };

export async function visitScreen(id) {
  const hh = await get(HOUSEHOLDS, Number(id));
  if (!hh) {
    location.hash = '#/households';
    return;
  }
  const photos = [];   // { clientId, blob, name, type, url }
  const position = { latitude: null, longitude: null, accuracy: null };
  const errors = h('div.alert.error', { role: 'alert', hidden: true });
  const cadre = await getMeta('cadre');
  const hasHome = hh.latitude != null && hh.longitude != null;
  const gpsWarning = h('div.alert.warn', { id: 'gps-warning', role: 'status', hidden: true });
  // At the door: far from the household's home point, the form says so (the county's GPS limit, as the server's check).
  const checkDistance = () => {
    if (position.latitude == null) return;
    if (!hasHome) {
      gpsWarning.hidden = false;
      gpsWarning.textContent = '该户尚未登记位置：本次走访的定位将作为该户的位置。';
      return;
    }
    const limit = cadre?.gpsThresholdMetres;
    const d = distanceMetres(position.latitude, position.longitude, hh.latitude, hh.longitude);
    gpsWarning.hidden = !(limit != null && d > limit);
    gpsWarning.textContent = `当前位置距该户登记位置约 ${Math.round(d)} 米，超过 ${limit} 米：请确认是在该户走访，或稍后重新定位。`;
  };

  // GPS: asked for on opening; the cadre can retry. Denied or unavailable is allowed (the visit says so).
  const gpsText = h('span', {}, '正在定位…');
  // 重新定位 asks for a fresh fix (a cached one would repeat the position it is meant to correct).
  const locate = (fresh) => {
    if (!navigator.geolocation) { gpsText.textContent = '此设备不支持定位'; return; }
    gpsText.textContent = '正在定位…';
    navigator.geolocation.getCurrentPosition((p) => {
      Object.assign(position, { latitude: p.coords.latitude, longitude: p.coords.longitude, accuracy: p.coords.accuracy });
      gpsText.textContent = `已定位：${p.coords.latitude.toFixed(5)}, ${p.coords.longitude.toFixed(5)}（精度约 ${Math.round(p.coords.accuracy)} 米）`;
      checkDistance();
    }, (e) => {
      gpsText.textContent = e.code === e.PERMISSION_DENIED ? '未获得定位权限（可在浏览器设置中允许）' : '暂时无法定位，可稍后重试';
    }, { enableHighAccuracy: true, timeout: 20000, maximumAge: fresh === true ? 0 : 60000 });
  };

  const thumbs = h('div.thumbs', { id: 'thumbs' });
  const drawThumbs = () => thumbs.replaceChildren(...photos.map((p, i) => h('div.thumb', {},
    h('img', { src: p.url, alt: `照片 ${i + 1}` }),
    h('button', { type: 'button', 'aria-label': `删除照片 ${i + 1}`, onclick: () => { URL.revokeObjectURL(p.url); photos.splice(i, 1); drawThumbs(); keepDraft(); } }, '×'))));
  const camera = h('input', {
    type: 'file', accept: 'image/*', capture: 'environment', multiple: true, name: 'photo', 'aria-label': '拍照或选择照片',
    onchange: async (e) => {
      const files = [...e.target.files];
      e.target.value = '';
      for (const file of files) {
        if (photos.length >= MAX_PHOTOS) { toast(`每次走访最多 ${MAX_PHOTOS} 张照片`, 'error'); break; }
        // Shrunk and stamped on the phone: a fraction of the bytes to send over a weak signal.
        const photo = await shrinkPhoto(file, photoStamp(hh.villageName, position));
        if (photo.blob.size > MAX_PHOTO_BYTES) { toast(`照片“${file.name}”超过 10 MB，未添加`, 'error'); continue; }
        photos.push({ clientId: newId(), blob: photo.blob, name: photo.name, type: photo.type, url: URL.createObjectURL(photo.blob) });
      }
      drawThumbs();
      keepDraft();
    },
  });

  // 户主签字: drawn with a finger on the pad, kept in the draft as a PNG and sent with the visit.
  const needsSignature = hh.signatureRequired === true;
  let signature = null;   // the PNG Blob while the pad holds a signature
  let pad = null;
  const signatureStatus = h('span.small.muted', { id: 'signature-status' }, '请户主在框内签字');
  const signatureCanvas = h('canvas.signature', { id: 'signature-pad', width: 600, height: 200, 'aria-label': '户主签字框（用手指签名）' });
  const signatureCard = needsSignature
    ? h('div.card', { id: 'signature' }, h('div.field-label', {}, '户主签字（本县要求走访须有户主签字）'), signatureCanvas,
      h('div.sign-row', {}, signatureStatus,
        h('button.btn.secondary', { type: 'button', id: 'signature-clear', onclick: () => pad?.clear() }, '清除重签')))
    : null;

  const findings = h('div');
  const addFinding = () => {
    const box = h('div.finding', {},
      h('label.field', {}, h('span', {}, '类型'), h('select', { name: 'type', onchange: (e) => { dim.hidden = e.target.value !== 'problem'; why.hidden = e.target.value !== 'lead'; } },
        h('option', { value: 'problem' }, '两不愁三保障问题'), h('option', { value: 'lead' }, '返贫致贫风险线索'))),
      h('div', {}, h('label.field', {}, h('span', {}, '问题类别'), h('select', { name: 'dimension' }, options(dimensions, 'Water'))),
        h('label.field', {}, h('span', {}, '紧急程度'), h('select', { name: 'severity' }, options(severities, 'Normal')))),
      // A lead's reason where the cadre knows it (一户一个待核查的同类线索): 因务工就业不稳 for a member who lost work.
      h('div', { hidden: true }, h('label.field', {}, h('span', {}, '风险类型'), h('select', { name: 'reason' }, options(leadReasons, '', '（不指定）')))),
      h('label.field', {}, h('span', {}, '情况说明'), h('textarea', { name: 'text', maxlength: 500, required: true })),
      h('button.btn.secondary', { type: 'button', onclick: () => box.remove() }, '删除此项'));
    const dim = box.children[1];
    const why = box.children[2];
    findings.append(box);
  };

  const factsBox = h('div', {}, factFields.map(([f, l, kind]) => h('label.field', {}, h('span', {}, l), factInput(f, kind, hh.facts?.[f]))));
  // 残疾 needs a disability grade, which is entered on the registry's own form: the phone offers it only to keep it.
  const healthCodes = (m) => Object.fromEntries(Object.entries(healthStatuses).filter(([k]) => k !== 'Disabled' || m.healthStatus === 'Disabled'));
  // A member with job records has the 务工状况 those records give: changed on the 务工情况 screen, not typed over here.
  const withJobs = new Set(((await getMeta('jobs'))?.jobs ?? []).map((j) => j.memberId));
  const membersBox = h('div', {}, hh.members.map((m) => h('div.finding', { dataset: { memberId: m.id, workStatus: m.workStatus } },
    h('b', {}, `${m.name}（${m.relation}）`),
    withJobs.has(m.id)
      ? h('p.small.muted', { dataset: { derived: 'work' } }, `务工状况：${m.workStatusLabel ?? workStatuses[m.workStatus] ?? '—'}（由务工记录推算，请在“务工情况”中登记或结束务工）`)
      : null,
    // Kept (hidden, disabled) where the records decide, so a draft's fields stay in the same places.
    [h('label.field', { hidden: withJobs.has(m.id) }, h('span', {}, '务工状况'), locked(factInput('workStatus', workStatuses, m.workStatus), withJobs.has(m.id))),
      h('label.field', { hidden: withJobs.has(m.id) }, h('span', {}, '务工月数（1–12）'), locked(factInput('workMonths', 'number', m.workMonths ?? null), withJobs.has(m.id)))],
    h('label.field', {}, h('span', {}, '健康状况'), factInput('healthStatus', healthCodes(m), m.healthStatus)))));
  const incomeBox = hh.income
    ? h('div', {}, h('p.muted.small', {}, `${hh.income.year} 年收入（元）`),
      incomeFields.map(([f, l]) => h('label.field', {}, h('span', {}, l), factInput(f, 'number', hh.income.lines[f]))))
    : h('p.muted.small', {}, '该户尚无收入记录，请在电脑端录入。');

  dirty = false;
  const form = h('form', { novalidate: true, oninput: () => { dirty = true; keepDraft(); }, onchange: () => { dirty = true; keepDraft(); }, onsubmit: (e) => { e.preventDefault(); save(); } },
    h('label.field', {}, h('span', {}, '走访类型'), h('select', { name: 'kind' }, options(visitKinds, 'Monthly'))),
    h('label.field', {}, h('span', {}, '走访时间'), h('input', { type: 'datetime-local', name: 'visitedAt', value: localInput(new Date()), max: localInput(new Date(Date.now() + 600000)) })),
    h('div.card', {}, h('div.field-label', {}, '位置'), gpsText, gpsWarning, h('p'), h('button.btn.secondary.block', { type: 'button', onclick: () => locate(true) }, '重新定位')),
    h('label.field', {}, h('span', {}, '走访情况'), h('textarea', { name: 'notes', maxlength: 2000, placeholder: '见到了谁、看到了什么、群众反映的困难…' })),
    h('div.card', {}, h('div.field-label', {}, `现场照片（最多 ${MAX_PHOTOS} 张）`), thumbs,
      h('label.btn.secondary.block.camera', {}, '拍照 / 选择照片', camera)),
    signatureCard,
    h('details.more', {}, h('summary', {}, '更新生产生活条件'), h('div.body', {}, factsBox)),
    h('details.more', {}, h('summary', {}, '更新成员务工与健康'), h('div.body', {}, membersBox)),
    h('details.more', {}, h('summary', {}, '更新收入'), h('div.body', {}, incomeBox)),
    h('details.more', {}, h('summary', {}, '发现问题（生成问题或风险线索）'), h('div.body', {}, findings,
      h('button.btn.secondary.block', { type: 'button', onclick: addFinding }, '＋ 添加一项'))),
    errors,
    h('button.btn.block', { type: 'submit', id: 'save-visit' }, '保存走访'));

  function householdUpdate() {
    const factEls = [...factsBox.querySelectorAll('[name]')].filter(changed);
    const members = [...membersBox.querySelectorAll('[data-member-id]')].map((box) => {
      const els = [...box.querySelectorAll('[name]')].filter(changed);
      return els.length ? { id: Number(box.dataset.memberId), ...Object.fromEntries(els.map((el) => [el.name, parse(el)])) } : null;
    }).filter(Boolean);
    const incomeEls = [...incomeBox.querySelectorAll('[name]')];
    const income = incomeEls.some(changed)
      ? { year: hh.income.year, lines: { ...hh.income.lines, ...Object.fromEntries(incomeEls.map((el) => [el.name, parse(el) ?? 0])) } }
      : null;
    if (!factEls.length && !members.length && !income) return null;
    return {
      baseVersion: hh.version,
      facts: factEls.length ? Object.fromEntries(factEls.map((el) => [el.name, parse(el)])) : null,
      members: members.length ? members : null,
      income,
    };
  }

  async function save() {
    const problems = [];
    const visitedAt = new Date(form.visitedAt.value);
    if (Number.isNaN(visitedAt.getTime())) problems.push('请填写走访时间');
    else if (visitedAt.getTime() > Date.now() + 600000) problems.push('走访时间不能晚于现在');
    for (const box of membersBox.querySelectorAll('[data-member-id]')) {
      if (box.querySelector('[name=workStatus]').disabled) continue;
      const status = box.querySelector('[name=workStatus]').value;
      const months = box.querySelector('[name=workMonths]').value;
      const name = box.querySelector('b').textContent;
      if (months !== '' && !(Number.isInteger(Number(months)) && Number(months) >= 1 && Number(months) <= 12)) problems.push(`${name}：务工月数应为 1–12`);
      else if (status && status !== 'None' && box.dataset.workStatus === 'None' && months === '') problems.push(`${name}：开始务工，请填写务工月数`);
    }
    if (needsSignature && (!pad || pad.isEmpty())) problems.push('本县要求走访须有户主签字：请户主在签字框内签字');
    const found = [...findings.children].map((box) => {
      const type = box.querySelector('[name=type]').value;
      const text = box.querySelector('[name=text]').value.trim();
      if (!text) problems.push('请填写发现问题的情况说明');
      return type === 'problem'
        ? { type, text, dimension: box.querySelector('[name=dimension]').value, severity: box.querySelector('[name=severity]').value }
        : { type, text, reason: box.querySelector('[name=reason]').value || null };
    });
    errors.hidden = problems.length === 0;
    errors.textContent = problems.join('；');
    if (problems.length) return;
    const button = form.querySelector('#save-visit');
    button.disabled = true;
    const visit = {
      clientId: newId(), householdId: hh.id, visitedAt: visitedAt.toISOString(), kind: form.kind.value,
      ...position, notes: form.notes.value.trim() || null, householdUpdate: householdUpdate(), findings: found,
    };
    try {
      const signed = needsSignature ? await pad.toBlob() : null;
      await queueVisit(visit, photos.map(({ url, ...p }) => p), `${hh.headName}（${hh.number}）`,
        signed ? { clientId: newId(), blob: signed, name: 'signature.png', type: 'image/png' } : null);
    } catch (e) {
      button.disabled = false;
      errors.hidden = false;
      errors.textContent = `保存失败：${e.message}`;
      return;
    }
    dirty = false;
    clearTimeout(draftTimer);
    saved = true;
    await dropDraft(hh.id);
    photos.forEach((p) => URL.revokeObjectURL(p.url));
    toast(navigator.onLine ? '走访已保存，正在同步' : '走访已保存在本机，联网后自动同步');
    location.hash = `#/household/${hh.id}`;
    if (navigator.onLine) sync({ quiet: true });
  }

  // The draft: what is typed so far, kept on the phone (the app may be killed at the door); restored on reopening.
  let draftTimer;
  let saved = false;
  const fields = () => [...form.elements].filter((el) => el.name && el.type !== 'file');
  const draft = () => ({
    values: fields().map((el) => el.value), findings: findings.children.length,
    photos: photos.map(({ url, ...p }) => p),
    signature,
  });
  function keepDraft(now) {
    clearTimeout(draftTimer);
    if (saved) return;
    const write = () => saveDraft(hh.id, draft()).catch(() => { /* storage full: the form still works */ });
    if (now) write(); else draftTimer = setTimeout(write, 400);
  }
  const restored = await loadDraft(hh.id);
  let notice = null;
  if (restored) {
    for (let i = 0; i < restored.findings; i++) addFinding();
    fields().forEach((el, i) => { if (restored.values[i] !== undefined) el.value = restored.values[i]; });
    for (const box of findings.children) {
      box.children[1].hidden = box.querySelector('[name=type]').value !== 'problem';
      box.children[2].hidden = box.querySelector('[name=type]').value !== 'lead';
    }
    for (const p of restored.photos ?? []) photos.push({ ...p, url: URL.createObjectURL(p.blob) });
    drawThumbs();
    dirty = true;
    notice = h('div.alert.warn', { id: 'draft-notice', role: 'status' }, `已恢复 ${fmtTime(restored.savedAt)} 未保存的走访草稿。`,
      h('button.btn.secondary', {
        type: 'button',
        onclick: async () => { await dropDraft(hh.id); dirty = false; saved = true; visitScreen(id); },
      }, '放弃草稿'));
  }
  if (needsSignature) {
    signature = restored?.signature ?? null;
    pad = signaturePad(signatureCanvas, {
      initial: restored?.signature ?? null,
      onChange: async (empty) => {
        signature = empty ? null : await pad.toBlob();
        signatureStatus.textContent = empty ? '请户主在框内签字' : '户主已签字';
        dirty = true;
        keepDraft();
      },
    });
  }
  // Leaving the app (home button, screen off) writes the draft at once: the system may kill the app next.
  const onHide = () => { if (document.visibilityState === 'hidden' && form.isConnected) keepDraft(true); };
  document.addEventListener('visibilitychange', onHide);
  addEventListener('hashchange', () => document.removeEventListener('visibilitychange', onHide), { once: true });

  show(`走访 ${hh.headName}`, notice, form);
  locate();
}
