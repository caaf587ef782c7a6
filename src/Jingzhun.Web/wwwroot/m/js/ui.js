// A few DOM helpers. Text always goes in as text (never as HTML), so nothing from the server or the user can inject markup.

/** h('a.btn', { href: '#/x', onclick }, 'text', child, [children]) */
export function h(tag, attrs, ...children) {
  const [name, ...classes] = tag.split('.');
  const el = document.createElement(name || 'div');
  if (classes.length) el.className = classes.join(' ');
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k in el && typeof v !== 'string') el[k] = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  el.append(...children.flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false)
    .map((c) => (c instanceof Node ? c : document.createTextNode(String(c)))));
  return el;
}

export const $ = (sel, root = document) => root.querySelector(sel);

/** Replaces the screen's content and title. */
export function show(title, ...content) {
  document.title = `${title} · 精准帮扶`;
  $('#title').textContent = title;
  const view = $('#view');
  view.replaceChildren(...content.flat().filter((c) => c !== null && c !== undefined && c !== false));
  window.scrollTo(0, 0);
  return view;
}

let toastTimer;
export function toast(message, kind = 'info') {
  const el = $('#toast');
  el.textContent = message;
  el.className = `toast ${kind}`;
  el.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { el.hidden = true; }, 4000);
}

const pad = (n) => String(n).padStart(2, '0');
/** 2026-03-05 14:20 in the phone's own time zone (the cadre's, i.e. China time). */
export function fmtTime(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
export const fmtDate = (iso) => fmtTime(iso).slice(0, 10);
/** The value for <input type=datetime-local> from a Date. */
export const localInput = (d) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;

export const yesNo = (v) => (v === true ? '是' : v === false ? '否' : '—');

/** A label/value list: [['户主', '张三'], ...]; empty values show as —. */
export const facts = (rows) => h('dl.facts', {}, rows.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v === '' || v == null ? '—' : v)]));
