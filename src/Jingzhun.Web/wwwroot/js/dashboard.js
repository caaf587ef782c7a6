// The command dashboard (Modules/Home/Index.cshtml): charts from the page's JSON, a click on a chart opens the list
// behind it, and the sub-region ranking table sorts by any column without a round trip.
(function () {
    'use strict';

    // ---- sortable table: numbers by data-v, empty values last either way ----
    function initSort(table) {
        var heads = table.tHead.rows[0].cells;
        Array.prototype.forEach.call(heads, function (th, col) {
            th.tabIndex = 0;
            th.classList.add('d-sortable');
            th.title = '点击排序';
            function sort() {
                var desc = th.getAttribute('aria-sort') !== 'descending';
                if (th.dataset.type === 'text' && !th.hasAttribute('aria-sort')) desc = false;
                Array.prototype.forEach.call(heads, function (h) { h.removeAttribute('aria-sort'); });
                th.setAttribute('aria-sort', desc ? 'descending' : 'ascending');
                var body = table.tBodies[0];
                var rows = Array.prototype.slice.call(body.rows);
                var text = th.dataset.type === 'text';
                rows.sort(function (a, b) {
                    var x = a.cells[col].dataset.v, y = b.cells[col].dataset.v;
                    if (x === '' && y === '') return 0;
                    if (x === '') return 1;
                    if (y === '') return -1;
                    var c = text ? x.localeCompare(y, 'zh-CN') : parseFloat(x) - parseFloat(y);
                    return desc ? -c : c;
                });
                rows.forEach(function (r) { body.appendChild(r); });
            }
            th.addEventListener('click', sort);
            th.addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); sort(); } });
        });
    }
    document.querySelectorAll('table[data-sortable]').forEach(initSort);

    // ---- charts: the library is fetched once the page has loaded (its figures and tables show without it) ----
    var data = document.getElementById('d-data');
    var holder = document.querySelector('[data-echarts]');
    if (!data || !holder) return;
    function fetchCharts() {
        if (window.echarts) return draw();
        var s = document.createElement('script');
        s.src = holder.getAttribute('data-echarts');
        s.onload = draw;
        document.head.appendChild(s);
    }
    if (document.readyState === 'complete') fetchCharts(); else window.addEventListener('load', fetchCharts);

    function draw() {
        var d = JSON.parse(data.textContent);
        var charts = [];
        var blue = '#1f5fae', red = '#c0392b', amber = '#b26a00', green = '#2e7d32', purple = '#6b21a8';

        function chart(id, option, items) {
            var el = document.getElementById(id);
            if (!el) return;
            var c = echarts.init(el);
            c.setOption(option);
            if (items) c.on('click', function (p) { var it = items[p.dataIndex]; if (it && it.link) window.location.href = it.link; });
            charts.push(c);
        }
        function title(text, sub) { return { text: text, subtext: sub || '', left: 'center', textStyle: { fontSize: 14 }, subtextStyle: { fontSize: 12 } }; }
        function empty(items) { return !items || items.length === 0 || items.every(function (i) { return !i.value; }); }
        function none(id, text) { var el = document.getElementById(id); if (el) { el.classList.add('d-chart-empty'); el.textContent = text + '：暂无数据'; } }

        function pie(id, text, items, colors) {
            if (empty(items)) return none(id, text);
            chart(id, {
                title: title(text), tooltip: { trigger: 'item', formatter: '{b}：{c}户（{d}%）' }, legend: { bottom: 0, type: 'scroll' },
                color: colors, series: [{ type: 'pie', radius: ['32%', '58%'], center: ['50%', '52%'], data: items, label: { formatter: '{b}\n{c}户' }, cursor: 'pointer' }]
            }, items);
        }
        function bar(id, text, items, color, horizontal, sub) {
            if (empty(items)) return none(id, text);
            var names = items.map(function (i) { return i.name; });
            var cat = { type: 'category', data: names, axisLabel: { interval: 0 } };
            var val = { type: 'value', minInterval: 1, name: '户' };
            if (horizontal) cat.inverse = true; else if (names.length > 4) cat.axisLabel.rotate = 30;
            else cat.axisLabel.formatter = function (v) { return v.replace('（', '\n（'); };
            chart(id, {
                title: title(text, sub), tooltip: { trigger: 'axis' },
                grid: horizontal ? { left: 100, right: 40, top: sub ? 56 : 40, bottom: 20 } : { left: 45, right: 20, top: sub ? 60 : 40, bottom: 70 },
                xAxis: horizontal ? val : cat, yAxis: horizontal ? cat : val,
                series: [{ name: '户数', type: 'bar', data: items.map(function (i) { return i.value; }), itemStyle: { color: color },
                    label: { show: true, position: horizontal ? 'right' : 'top' }, cursor: 'pointer' }]
            }, items);
        }

        pie('d-status', '建档户按户类型', d.status, [green, red, amber, '#98a2b3']);
        bar('d-attribute', '建档户按属性', d.attribute, blue, true);
        bar('d-cause', '主要致贫原因', d.cause, red, true);
        bar('d-321', '“321”分类', d.c321, purple, false);
        pie('d-kind', '监测对象按类型（监测中）', d.kind, [red, amber, blue]);

        if (d.income.length === 0) none('d-income', '人均纯收入');
        else {
            var sub = [];
            if (d.growth !== null) sub.push(d.baseYear + '→' + d.endYear + ' 年均增长 ' + d.growth + '%');
            if (d.growthSince2020 !== null) sub.push('2020 年以来年均 ' + d.growthSince2020 + '%');
            var years = d.income.map(function (y) { return y.year; });
            var marks = [];
            if (d.growth !== null) marks = [{ coord: [String(d.baseYear), d.income[years.indexOf(String(d.baseYear))].value], value: '基年' },
                { coord: [String(d.endYear), d.income[years.indexOf(String(d.endYear))].value], value: '+' + d.growth + '%/年' }];
            chart('d-income', {
                title: title('建档户人均纯收入（元）', sub.join(' · ')), tooltip: { trigger: 'axis' },
                grid: { left: 60, right: 30, top: 64, bottom: 30 },
                xAxis: { type: 'category', data: years, boundaryGap: false }, yAxis: { type: 'value', name: '元' },
                series: [{ name: '人均纯收入', type: 'line', data: d.income.map(function (y) { return y.value; }), smooth: false,
                    itemStyle: { color: blue }, areaStyle: { opacity: 0.08 }, label: { show: d.income.length <= 8, position: 'top' },
                    markPoint: { symbolSize: 44, data: marks, itemStyle: { color: green }, label: { fontSize: 10 } } }]
            });
        }
        bar('d-bands', d.year + '年收入分布', d.bands, blue, false, '监测范围：人均纯收入 ≤ ' + d.threshold + ' 元');
        var bandChart = charts[charts.length - 1];
        if (bandChart && !empty(d.bands)) bandChart.setOption({ series: [{ data: d.bands.map(function (b, i) {
            return { value: b.value, itemStyle: { color: i === 0 ? red : i === 1 ? amber : blue } };
        }) }] });

        window.addEventListener('resize', function () { charts.forEach(function (c) { c.resize(); }); });
        window.addEventListener('beforeprint', function () { charts.forEach(function (c) { c.resize(); }); });
    }
})();
