// The household head's signature pad: a canvas drawn on with a finger (or a mouse or pen), a clear button, and the
// drawing as a PNG. Used by the field app's visit form and by the web's 登记走访 form (js/signature-form.js).

/**
 * Makes a canvas a signature pad. The canvas keeps its own size in pixels (e.g. 600 × 200) and is shown scaled to the
 * screen's width by CSS; strokes are mapped from the screen to the canvas. onChange(empty) follows each stroke and clear().
 */
export function signaturePad(canvas, { onChange, initial } = {}) {
  const g = canvas.getContext('2d');
  let strokes = 0;
  let last = null;

  function paper() {
    g.setTransform(1, 0, 0, 1, 0, 0);
    g.fillStyle = '#fff';
    g.fillRect(0, 0, canvas.width, canvas.height);
    g.lineWidth = Math.max(3, canvas.width / 150);
    g.lineCap = 'round';
    g.lineJoin = 'round';
    g.strokeStyle = '#111';
  }
  const at = (e) => {
    const box = canvas.getBoundingClientRect();
    return { x: ((e.clientX - box.left) / box.width) * canvas.width, y: ((e.clientY - box.top) / box.height) * canvas.height };
  };

  canvas.style.touchAction = 'none';   // a finger draws instead of scrolling the page
  canvas.addEventListener('pointerdown', (e) => {
    e.preventDefault();
    canvas.setPointerCapture?.(e.pointerId);
    last = at(e);
    g.beginPath();
    g.arc(last.x, last.y, g.lineWidth / 2, 0, Math.PI * 2);
    g.fillStyle = '#111';
    g.fill();
  });
  canvas.addEventListener('pointermove', (e) => {
    if (!last) return;
    e.preventDefault();
    const p = at(e);
    g.beginPath();
    g.moveTo(last.x, last.y);
    g.lineTo(p.x, p.y);
    g.stroke();
    last = p;
  });
  const end = () => {
    if (!last) return;
    last = null;
    strokes++;
    onChange?.(false);
  };
  canvas.addEventListener('pointerup', end);
  canvas.addEventListener('pointercancel', end);
  canvas.addEventListener('pointerleave', end);

  paper();
  const pad = {
    isEmpty: () => strokes === 0,
    clear() {
      strokes = 0;
      paper();
      onChange?.(true);
    },
    /** The signature as a PNG Blob (null when nothing is drawn). */
    toBlob: () => (strokes === 0 ? Promise.resolve(null) : new Promise((resolve) => canvas.toBlob(resolve, 'image/png'))),
    toDataURL: () => (strokes === 0 ? '' : canvas.toDataURL('image/png')),
  };
  // A signature kept in a draft: drawn back onto the pad.
  if (initial) {
    createImageBitmap(initial).then((bitmap) => {
      g.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      bitmap.close?.();
      strokes = Math.max(strokes, 1);
      onChange?.(false);
    }).catch(() => { /* an unreadable draft signature: the head signs again */ });
  }
  return pad;
}
