// 户主签字 on the web's 登记走访 form: the same pad as the field app; the drawing goes with the form as a PNG data URL
// in the hidden field the canvas names (data-signature-pad), cleared with the form's 清除重签 button.
import { signaturePad } from '/m/js/signature.js';

for (const canvas of document.querySelectorAll('canvas[data-signature-pad]')) {
  const form = canvas.closest('form');
  const input = form.querySelector(`input[name="${canvas.dataset.signaturePad}"]`);
  const status = form.querySelector('#signature-status');
  const pad = signaturePad(canvas, {
    onChange: (empty) => {
      input.value = empty ? '' : pad.toDataURL();
      if (status) status.textContent = empty ? '请户主在框内签字' : '户主已签字';
    },
  });
  form.querySelector('[data-signature-clear]')?.addEventListener('click', () => pad.clear());
}
