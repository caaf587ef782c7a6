// Small page actions as data attributes (the Content-Security-Policy allows no inline event handlers):
// data-print prints, data-back goes back, data-autosubmit submits its form on change,
// data-check-all="name" ticks every checkbox of that name.
(function () {
    'use strict';
    document.addEventListener('click', function (e) {
        var t = e.target instanceof Element ? e.target : null;
        if (!t) return;
        if (t.closest('[data-print]')) { e.preventDefault(); window.print(); return; }
        if (t.closest('[data-back]')) { e.preventDefault(); history.back(); return; }
        var all = t.closest('input[data-check-all]');
        if (all) {
            document.querySelectorAll('input[name="' + all.getAttribute('data-check-all') + '"]').forEach(function (x) { x.checked = all.checked; });
        }
    });
    document.addEventListener('change', function (e) {
        var t = e.target instanceof Element ? e.target.closest('[data-autosubmit]') : null;
        if (t && t.form) t.form.submit();
    });
})();
