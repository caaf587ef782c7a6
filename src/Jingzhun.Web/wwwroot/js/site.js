// Shared behaviour of the pages: region picker, htmx query clean-up, ID number reveal.
(function () {
    'use strict';

    var LEVEL_NAMES = { 1: '省', 2: '市', 3: '区县', 4: '乡镇/街道', 5: '村/社区' };
    var LEVEL_LENGTHS = [2, 4, 6, 9, 12];

    function getJson(url) {
        return fetch(url, { credentials: 'same-origin', headers: { 'Accept': 'application/json' } }).then(function (r) {
            if (!r.ok) throw new Error('HTTP ' + r.status);
            return r.json();
        });
    }

    function levelOf(code) { return LEVEL_LENGTHS.indexOf(code.length) + 1; }

    // ---- Region picker (Modules/Regions/BrowseRegions/_RegionPicker.cshtml) ----
    function initPicker(el) {
        // A JS property, not an attribute: htmx history snapshots copy attributes but not listeners.
        if (el._rpReady) return;
        el._rpReady = true;
        var root = el.dataset.root || '';
        var villageOnly = el.dataset.villageOnly === 'true';
        var hidden = el.querySelector('[data-rp-value]');
        var box = el.querySelector('.rp-selects');
        var search = el.querySelector('[data-rp-search]');
        var results = el.querySelector('[data-rp-results]');
        var placeholder = villageOnly ? '请选择' : '全部';

        function selects() { return Array.prototype.slice.call(box.querySelectorAll('select[data-rp-level]')); }

        function setValue() {
            var code = '';
            selects().forEach(function (s) { if (s.value) code = s.value; });
            if (villageOnly && code && levelOf(code) !== 5) code = '';
            if (villageOnly && !code && root.length === 12) code = root;
            if (hidden.value === code) return;
            hidden.value = code;
            // One change event from the field itself, so a form listening to changes (htmx) sees the final value.
            hidden.dispatchEvent(new Event('change', { bubbles: true }));
        }

        function removeAfter(select) {
            var all = selects();
            all.slice(all.indexOf(select) + 1).forEach(function (s) { s.remove(); });
        }

        function addLevel(parent, children, selected) {
            if (!children.length) return null;
            var s = document.createElement('select');
            s.setAttribute('data-rp-level', '');
            s.dataset.parent = parent;
            s.setAttribute('aria-label', children[0].levelLabel || LEVEL_NAMES[levelOf(children[0].code)] || '下级');
            var o = document.createElement('option');
            o.value = ''; o.textContent = placeholder;
            s.appendChild(o);
            children.forEach(function (c) {
                var opt = document.createElement('option');
                opt.value = c.code; opt.textContent = c.name;
                opt.dataset.hasChildren = c.hasChildren ? '1' : '0';
                if (c.code === selected) opt.selected = true;
                s.appendChild(opt);
            });
            box.appendChild(s);
            return s;
        }

        function loadChildren(code) {
            return getJson('/api/v1/regions/' + encodeURIComponent(code || 'root') + '/children');
        }

        function onSelect(e) {
            var s = e.target;
            if (!s.matches || !s.matches('select[data-rp-level]')) return;
            e.stopPropagation();
            removeAfter(s);
            var code = s.value;
            var opt = s.options[s.selectedIndex];
            if (code && levelOf(code) < 5 && (!opt || opt.dataset.hasChildren !== '0')) {
                setValue();
                loadChildren(code).then(function (children) { addLevel(code, children, null); }).catch(function () { });
            } else {
                setValue();
            }
        }

        // Rebuild the selects along the path root → code (used by the search box).
        function jumpTo(code) {
            var chain = LEVEL_LENGTHS.filter(function (n) { return n > root.length && n <= code.length; })
                .map(function (n) { return code.substring(0, n); });
            box.querySelectorAll('select[data-rp-level]').forEach(function (s) { s.remove(); });
            var parent = root;
            var step = function (i) {
                return loadChildren(parent).then(function (children) {
                    var sel = i < chain.length ? chain[i] : null;
                    addLevel(parent, children, sel);
                    if (sel === null) return;
                    parent = sel;
                    return step(i + 1);
                });
            };
            return step(0).catch(function () { }).then(setValue);
        }

        box.addEventListener('change', onSelect);
        // A choice made before this script ran (a slow phone) counts: the field takes what the selects show.
        setValue();

        var timer = null;
        function hideResults() { results.hidden = true; results.innerHTML = ''; }
        function runSearch() {
            var text = search.value.trim();
            if (!text) { hideResults(); return; }
            getJson('/api/v1/regions/search?q=' + encodeURIComponent(text)).then(function (list) {
                results.innerHTML = '';
                if (!list.length) {
                    var li = document.createElement('li');
                    li.className = 'muted'; li.textContent = '没有找到“' + text + '”';
                    results.appendChild(li);
                }
                list.forEach(function (r) {
                    var li = document.createElement('li');
                    var b = document.createElement('button');
                    b.type = 'button';
                    b.dataset.code = r.code;
                    b.textContent = r.name + '（' + (r.levelLabel || LEVEL_NAMES[levelOf(r.code)]) + '，' + r.code + '）';
                    li.appendChild(b);
                    results.appendChild(li);
                });
                results.hidden = false;
            }).catch(hideResults);
        }
        search.addEventListener('input', function (e) {
            e.stopPropagation();
            clearTimeout(timer);
            timer = setTimeout(runSearch, 300);
        });
        ['change', 'keyup'].forEach(function (t) { search.addEventListener(t, function (e) { e.stopPropagation(); }); });
        search.addEventListener('keydown', function (e) {
            if (e.key === 'Enter') {
                // Enter picks the first match instead of submitting the surrounding form.
                e.preventDefault();
                var first = results.querySelector('button[data-code]');
                if (first) first.click(); else runSearch();
            } else if (e.key === 'Escape') {
                hideResults();
            }
        });
        results.addEventListener('click', function (e) {
            var b = e.target.closest('button[data-code]');
            if (!b) return;
            hideResults();
            search.value = '';
            jumpTo(b.dataset.code);
        });
    }

    function initAll(scope) {
        (scope || document).querySelectorAll('[data-region-picker]').forEach(initPicker);
    }

    // ---- Full ID number reveal (permission registry.reveal-id; every reveal is audited server-side) ----
    document.addEventListener('click', function (e) {
        var b = e.target.closest && e.target.closest('[data-reveal-id]');
        if (!b) return;
        e.preventDefault();
        if (!window.confirm('查看完整身份证号码将记录在操作日志中，确定查看？')) return;
        b.disabled = true;
        fetch('/api/v1/members/' + encodeURIComponent(b.dataset.revealId) + '/reveal-id', {
            method: 'POST', credentials: 'same-origin', headers: { 'Accept': 'application/json' }
        }).then(function (r) {
            if (!r.ok) throw new Error(r.status === 403 ? '无权查看完整证件号' : '查看失败（' + r.status + '）');
            return r.json();
        }).then(function (data) {
            var target = document.getElementById(b.dataset.target);
            if (target) { target.textContent = data.idNumber; target.classList.add('revealed'); }
            b.remove();
        }).catch(function (err) {
            b.disabled = false;
            window.alert(err.message);
        });
    });

    // ---- htmx: GET forms marked data-clean-params drop empty fields, so URLs stay short and shareable ----
    document.addEventListener('htmx:configRequest', function (e) {
        var elt = e.detail.elt;
        var form = elt && elt.closest && elt.closest('[data-clean-params]');
        if (!form || e.detail.verb !== 'get') return;
        var p = e.detail.parameters;
        var keys = [];
        if (p && typeof p.forEach === 'function' && typeof p.delete === 'function') {
            p.forEach(function (v, k) { if (v === '' || v === null) keys.push(k); });
            keys.forEach(function (k) { p.delete(k); });
        } else if (p) {
            Object.keys(p).forEach(function (k) { if (p[k] === '' || p[k] === null) delete p[k]; });
        }
    });

    // ---- Pickers (Platform/Forms/PickerTagHelper.cs): search by name, choose, remove; the choice is a hidden field ----
    document.addEventListener('htmx:configRequest', function (e) {
        var elt = e.detail.elt;
        if (!elt || !elt.matches || !elt.matches('[data-picker-search]')) return;
        var p = e.detail.parameters;
        if (p && typeof p.set === 'function') p.set('q', elt.value.trim()); else if (p) p.q = elt.value.trim();
    });

    function pickerChip(name, value, label) {
        var chip = document.createElement('span');
        chip.className = 'picker-chip';
        var hidden = document.createElement('input');
        hidden.type = 'hidden'; hidden.name = name; hidden.value = value;
        var text = document.createElement('span');
        text.textContent = label;
        var remove = document.createElement('button');
        remove.type = 'button'; remove.setAttribute('data-picker-remove', ''); remove.setAttribute('aria-label', '移除 ' + label);
        remove.textContent = '×';
        chip.appendChild(hidden); chip.appendChild(text); chip.appendChild(remove);
        return chip;
    }

    function pick(picker, button) {
        var chosen = picker.querySelector('[data-picker-chosen]');
        var value = button.getAttribute('data-pick');
        var exists = Array.prototype.some.call(chosen.querySelectorAll('input[type=hidden]'), function (i) { return i.value === value; });
        if (picker.getAttribute('data-picker') !== 'multiple') chosen.innerHTML = '';
        if (!exists || picker.getAttribute('data-picker') !== 'multiple')
            chosen.appendChild(pickerChip(picker.getAttribute('data-name'), value, button.getAttribute('data-pick-text')));
        var search = picker.querySelector('[data-picker-search]');
        var results = picker.querySelector('[data-picker-results]');
        if (picker.getAttribute('data-picker') !== 'multiple') { results.innerHTML = ''; search.value = ''; }
        chosen.dispatchEvent(new Event('change', { bubbles: true }));
        search.focus();
    }

    document.addEventListener('click', function (e) {
        var picker = e.target.closest && e.target.closest('[data-picker]');
        if (!picker) return;
        var option = e.target.closest('[data-pick]');
        if (option) { e.preventDefault(); pick(picker, option); return; }
        var remove = e.target.closest('[data-picker-remove]');
        if (remove) {
            e.preventDefault();
            remove.closest('.picker-chip').remove();
            picker.querySelector('[data-picker-search]').focus();
        }
    });

    document.addEventListener('keydown', function (e) {
        var search = e.target.closest && e.target.closest('[data-picker-search]');
        if (!search) return;
        var picker = search.closest('[data-picker]');
        if (e.key === 'Enter') {
            // Enter picks the first match instead of submitting the surrounding form.
            e.preventDefault();
            var first = picker.querySelector('[data-pick]');
            if (first) pick(picker, first);
        } else if (e.key === 'Escape') {
            picker.querySelector('[data-picker-results]').innerHTML = '';
        } else if (e.key === 'ArrowDown') {
            var option = picker.querySelector('[data-pick]');
            if (option) { e.preventDefault(); option.focus(); }
        }
    });

    document.addEventListener('DOMContentLoaded', function () { initAll(document); });
    document.addEventListener('htmx:load', function (e) { initAll(e.detail && e.detail.elt && e.detail.elt.parentNode || document); });
    if (document.readyState !== 'loading') initAll(document);
})();

// Navigation menus: opening one closes the others; a click elsewhere closes them all.
document.addEventListener('click', function (e) {
    document.querySelectorAll('nav details.menu[open]').forEach(function (d) {
        if (!d.contains(e.target)) d.removeAttribute('open');
    });
});
