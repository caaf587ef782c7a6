// What the phone does for a visit in the field: drafts kept on the phone, photos shrunk and stamped, the distance
// to the household's home point, and "this month" in Beijing time.
import { getMeta, setMeta, delMeta } from './store.js';
import { fmtTime, toast } from './ui.js';
import { run as sync } from './sync.js';

const PHOTO_EDGE = 1600;      // longest side of a photo sent from the phone (px)
const PHOTO_QUALITY = 0.85;   // JPEG quality

/** "2026-03" of a date in Beijing time (the month a visit counts for). */
export function beijingMonth(date) {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).formatToParts(date);
  return `${parts.find((p) => p.type === 'year').value}-${parts.find((p) => p.type === 'month').value}`;
}

/** "2026-03-05" of a date in Beijing time (the day a job starts or ends). */
export const beijingDay = (date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);

/** Metres between two points (haversine; enough for "at the door or not"). */
export function distanceMetres(lat1, lon1, lat2, lon2) {
  const rad = (d) => (d * Math.PI) / 180;
  const a = Math.sin(rad(lat2 - lat1) / 2) ** 2 + Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(rad(lon2 - lon1) / 2) ** 2;
  return 2 * 6371008.8 * Math.asin(Math.sqrt(a));
}

/**
 * The photo as sent: at most 1600 px on its longest side, JPEG, with the time and place written in its lower corner
 * (a photo says when and where it was taken even when it is printed). Falls back to the original if the phone cannot
 * decode it.
 */
export async function shrinkPhoto(file, stamp) {
  let bitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    return { blob: file, type: file.type, name: file.name, shrunk: false };
  }
  const scale = Math.min(1, PHOTO_EDGE / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(bitmap.width * scale);
  canvas.height = Math.round(bitmap.height * scale);
  const g = canvas.getContext('2d');
  g.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close?.();
  const size = Math.max(14, Math.round(canvas.width / 40));
  g.font = `${size}px sans-serif`;
  const lines = stamp.filter(Boolean);
  const width = Math.max(...lines.map((l) => g.measureText(l).width)) + size;
  const height = lines.length * size * 1.3 + size * 0.5;
  g.fillStyle = 'rgba(0,0,0,0.55)';
  g.fillRect(canvas.width - width, canvas.height - height, width, height);
  g.fillStyle = '#fff';
  g.textBaseline = 'top';
  lines.forEach((l, i) => g.fillText(l, canvas.width - width + size / 2, canvas.height - height + size * 0.25 + i * size * 1.3));
  const blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', PHOTO_QUALITY));
  if (!blob) return { blob: file, type: file.type, name: file.name, shrunk: false };
  return { blob, type: 'image/jpeg', name: file.name.replace(/\.[^.]*$/, '') + '.jpg', shrunk: true, width: canvas.width, height: canvas.height };
}

/** The stamp of a photo taken now: time, and the place (village, GPS) when known. */
export const photoStamp = (village, position) => [
  fmtTime(new Date().toISOString()),
  [village, position.latitude == null ? '未定位' : `${position.latitude.toFixed(5)}, ${position.longitude.toFixed(5)}`].filter(Boolean).join(' · '),
];

// Drafts: the visit form of a household as typed so far, photos included, kept on the phone until saved or dropped.
const draftKey = (householdId) => `draft:${householdId}`;
export const loadDraft = (householdId) => getMeta(draftKey(householdId));
export const saveDraft = (householdId, draft) => setMeta(draftKey(householdId), { ...draft, savedAt: new Date().toISOString() });
export const dropDraft = (householdId) => delMeta(draftKey(householdId));

/** Shows a form's problems in its alert box (hidden when there are none); true when there are any. */
export function refused(box, problems) {
  box.hidden = problems.length === 0;
  box.textContent = problems.join('；');
  return problems.length > 0;
}

/**
 * Runs queue (a save to the phone's outbox) with the form's button held; on failure the form says why and stays. Says
 * where the record went (what: its name) and syncs at once when there is signal. True when it was saved.
 */
export async function saveToOutbox(queue, button, errors, what) {
  button.disabled = true;
  try {
    await queue();
  } catch (e) {
    button.disabled = false;
    refused(errors, [`保存失败：${e.message}`]);
    return false;
  }
  toast(navigator.onLine ? `${what}已保存，正在同步` : `${what}已保存在本机，联网后自动同步`);
  if (navigator.onLine) sync({ quiet: true });
  return true;
}
