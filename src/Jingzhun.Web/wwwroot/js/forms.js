// Small helpers of the edit forms; the server validates everything again.
(function () {
  'use strict';
  var W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2], C = '10X98765432';

  // GB 11643-1999: show the gender and birth date the number encodes (they are never typed).
  function describeId(v) {
    v = (v || '').trim().toUpperCase();
    if (!v) return null;
    var birth, seq;
    if (/^\d{17}[\dX]$/.test(v)) {
      var s = 0;
      for (var i = 0; i < 17; i++) s += (+v[i]) * W[i];
      if (C[s % 11] !== v[17]) return { bad: true, text: '校验位不正确' };
      birth = v.substr(6, 8); seq = +v[16];
    } else if (/^\d{15}$/.test(v)) {
      birth = '19' + v.substr(6, 6); seq = +v[14];
    } else {
      return v.length >= 15 ? { bad: true, text: '应为18位（或15位旧号码）' } : null;
    }
    var y = +birth.substr(0, 4), m = +birth.substr(4, 2), d = +birth.substr(6, 2), dt = new Date(y, m - 1, d);
    if (dt.getFullYear() !== y || dt.getMonth() !== m - 1 || dt.getDate() !== d || dt > new Date())
      return { bad: true, text: '出生日期无效' };
    return { bad: false, text: (seq % 2 ? '男' : '女') + ' · 出生 ' + birth.substr(0, 4) + '-' + birth.substr(4, 2) + '-' + birth.substr(6, 2) };
  }

  document.querySelectorAll('[data-id-input]').forEach(function (input) {
    var out = document.getElementById(input.getAttribute('data-id-input'));
    // The server's message for the number (the form shown again) is the only one until the user types: one message, not two.
    var server = input.parentNode.querySelector('.field-error');
    function show(typed) {
      var r = describeId(input.value);
      if (typed && server) server.textContent = '';
      if (!typed && r && r.bad && server && server.textContent.trim()) r = null;
      out.textContent = r ? r.text : '';
      out.className = 'derived' + (r && r.bad ? ' bad' : '');
    }
    input.addEventListener('input', function () { show(true); });
    show(false);
  });

  // "原户主改为" appears only when a member becomes the head.
  document.querySelectorAll('[data-show-when]').forEach(function (box) {
    var spec = box.getAttribute('data-show-when').split('='), sel = document.getElementById(spec[0]);
    if (!sel) return;
    function toggle() { box.hidden = sel.value !== spec[1]; }
    sel.addEventListener('change', toggle);
    toggle();
  });
  document.querySelectorAll('[data-show-checked]').forEach(function (box) {
    var cb = document.getElementById(box.getAttribute('data-show-checked'));
    if (!cb) return;
    function toggle() { box.hidden = !cb.checked; }
    cb.addEventListener('change', toggle);
    toggle();
  });

  // 预计人均纯收入: the national formula; the saved figure always comes from the server.
  var preview = document.getElementById('income-preview');
  if (preview) {
    var form = preview.closest('form') || document;
    var num = function (name) { var e = form.querySelector('[name="Lines.' + name + '"]'); var v = e ? parseFloat(e.value) : 0; return isNaN(v) ? 0 : v; };
    var update = function () {
      var size = num('HouseholdSize') || +preview.getAttribute('data-default-size') || 0;
      var net = num('WageIncome') + num('ProductionIncome') + num('PropertyIncome') + num('TransferIncome') - num('ProductionExpense');
      preview.textContent = size > 0 ? (Math.round(net / size * 100) / 100).toFixed(2) + ' 元（' + size + '人）' : '—';
    };
    form.addEventListener('input', update);
    update();
  }
})();
