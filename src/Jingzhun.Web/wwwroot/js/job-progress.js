// Progress of a background job shown in <section id="g-job" data-id data-active="1"> (重新研判, 监测预警, 更新本月统计):
// polls /api/v1/jobs/{id} every second while it runs and shows its status, count (data-unit: 户 or 个区县), message and
// error; #g-bar and the progressbar follow the percent where the page has them. When the job stops: #g-cancel hides,
// #g-problems (the link to what it found) shows, the page's start button is enabled again, and with data-reload="1" a
// successful job reloads the page (its figures changed). #g-cancel asks its data-confirm question and cancels the job.
(function () {
    var box = document.getElementById('g-job');
    if (!box || box.getAttribute('data-active') !== '1') return;
    var id = box.getAttribute('data-id');
    var unit = box.getAttribute('data-unit') || '户';
    var $ = function (x) { return document.getElementById(x); };
    var timer = null, failures = 0;
    function show(j) {
        if ($('g-bar')) {
            $('g-bar').style.width = j.percent + '%';
            box.querySelector('[role=progressbar]').setAttribute('aria-valuenow', j.percent);
        }
        $('g-status').textContent = j.statusLabel;
        $('g-count').textContent = j.done + ' / ' + j.total + ' ' + unit + '（' + j.percent + '%）';
        $('g-message').textContent = j.message || '';
        $('g-error').textContent = j.error || '';
        if (j.status === 'Queued' || j.status === 'Running') return;
        clearInterval(timer);
        if ($('g-cancel')) $('g-cancel').style.display = 'none';
        if ($('g-problems')) $('g-problems').style.display = '';
        var start = document.querySelector('main form[method=post] button[type=submit]');
        if (start) start.disabled = false;
        if (j.status === 'Succeeded' && box.getAttribute('data-reload') === '1') location.reload();
    }
    function poll() {
        fetch('/api/v1/jobs/' + id, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
            .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
            .then(function (j) { failures = 0; show(j); })
            .catch(function () { if (++failures >= 10) { clearInterval(timer); $('g-message').textContent = '无法获取进度，请刷新页面'; } });
    }
    timer = setInterval(poll, 1000);
    poll();
    var cancel = $('g-cancel');
    if (cancel) cancel.addEventListener('click', function () {
        if (!confirm(cancel.getAttribute('data-confirm') || '确定取消该任务？')) return;
        cancel.disabled = true;
        fetch('/api/v1/jobs/' + id + '/cancel', { method: 'POST', credentials: 'same-origin' })
            .then(function (r) { $('g-message').textContent = r.ok ? '已请求取消，正在停止…' : '任务已结束，无法取消'; })
            .catch(function () { cancel.disabled = false; $('g-message').textContent = '取消失败，请重试'; });
    });
})();
