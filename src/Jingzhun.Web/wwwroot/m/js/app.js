// 精准帮扶 field app: start-up, the screens' router (#/route/arg; nothing personal goes in a URL), sign-in and "我的".
import { h, $, show, toast, fmtTime } from './ui.js';
import * as api from './api.js';
import * as store from './store.js';
import * as sync from './sync.js';
import { householdsScreen, householdScreen, todoScreen } from './households.js';
import { visitScreen, hasUnsavedVisit, forgetUnsavedVisit } from './visit.js';
import { outboxScreen } from './outbox.js';
import { workScreen } from './jobs.js';
import { samplesScreen, sampleScreen } from './sampling.js';
import { doubtsScreen, doubtScreen } from './doubts.js';

const routes = {
  households: householdsScreen,
  household: householdScreen,
  todo: todoScreen,
  visit: visitScreen,
  work: workScreen,
  samples: samplesScreen,
  sample: sampleScreen,
  doubts: doubtsScreen,
  doubt: doubtScreen,
  outbox: outboxScreen,
  me: meScreen,
};

async function route() {
  const [name = 'households', arg] = location.hash.replace(/^#\/?/, '').split('/');
  const s = await api.session();
  const tabs = $('#tabs');
  if (!s) {
    tabs.hidden = true;
    $('#back').hidden = true;
    return loginScreen();
  }
  tabs.hidden = false;
  // The check lists and forms are reached from 待办.
  const tab = ['samples', 'sample', 'doubts', 'doubt'].includes(name) ? 'todo' : name;
  for (const a of tabs.querySelectorAll('a')) a.classList.toggle('active', a.dataset.tab === tab);
  const back = $('#back');
  const up = { visit: `#/household/${arg}`, work: `#/household/${arg}`, household: '#/households', samples: '#/todo', doubts: '#/todo',
    sample: '#/samples', doubt: '#/doubts' };
  back.hidden = !(name in up);
  back.href = up[name] ?? '#/households';
  if (name !== 'visit') forgetUnsavedVisit();
  const screen = routes[name] ?? householdsScreen;
  try {
    await screen(arg);
  } catch (e) {
    if (e instanceof api.AuthError) return loginScreen(e.message);
    show('出错了', h('div.alert.error', {}, e.message));
  }
}

function loginScreen(message) {
  const error = h('p.error', { role: 'alert' }, message ?? '');
  const form = h('form.card', {
    onsubmit: async (ev) => {
      ev.preventDefault();
      const button = form.querySelector('button');
      button.disabled = true;
      error.textContent = '';
      try {
        const s = await api.login(form.username.value.trim(), form.password.value);
        // A different account on this phone: drop the previous cadre's cached households (never their queued visits).
        if ((await store.getMeta('owner')) !== s.userName) {
          await store.clearCache();
          await store.setMeta('session', s);
          await store.setMeta('owner', s.userName);
        }
        // Ask the browser not to evict this site's storage: queued visits and photos live there until they sync.
        navigator.storage?.persist?.().catch(() => false);
        location.hash = '#/households';
        await route();
        sync.run({ quiet: true });
      } catch (e) {
        error.textContent = e instanceof api.OfflineError ? '无网络连接：首次登录需要联网' : e.message;
      } finally {
        button.disabled = false;
      }
    },
  },
  h('label.field', {}, h('span', {}, '用户名'), h('input', { name: 'username', type: 'text', autocomplete: 'username', required: true, autocapitalize: 'off' })),
  h('label.field', {}, h('span', {}, '密码'), h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true })),
  error,
  h('button.btn.block', { type: 'submit' }, '登录'));
  show('精准帮扶 · 登录', h('p.muted', {}, '结对帮扶干部使用本单位发放的账号登录。登录后结对户信息保存在本机，无信号时也可记录走访。'), form);
}

async function meScreen() {
  const s = await api.session();
  const last = await store.getMeta('lastSync');
  const pending = await sync.pendingCount();
  show('我的',
    h('div.card', {}, h('h2', {}, s.displayName || s.userName),
      h('dl.facts', {}, h('dt', {}, '账号'), h('dd', {}, s.userName), h('dt', {}, '角色'), h('dd', {}, s.role || '—'),
        h('dt', {}, '上次同步'), h('dd', {}, last ? fmtTime(last) : '尚未同步'))),
    h('button.btn.block.secondary', { onclick: () => sync.run() }, '立即同步'),
    h('p'),
    h('button.btn.block.danger', {
      onclick: async () => {
        if (pending > 0 && !confirm(`还有 ${pending} 条记录未同步。退出登录后这些记录仍保留在本机，下次登录同一账号后同步。确定退出？`)) return;
        await api.logout();
        route();
      },
    }, '退出登录'),
    h('p.muted.small', {}, '安装到手机桌面：在浏览器菜单中选择“添加到主屏幕”。'));
}

function showNetwork() {
  const net = $('#net');
  net.textContent = navigator.onLine ? '在线' : '离线';
  net.classList.toggle('off', !navigator.onLine);
}

/** The outbox tab shows how much is waiting: "待同步 N 条". */
async function showPending() {
  const n = await sync.pendingCount();
  const tab = $('#outbox-tab');
  tab.textContent = n > 0 ? `待同步 ${n} 条` : '同步';
  tab.parentElement.classList.toggle('pending', n > 0);
}

addEventListener('hashchange', (e) => {
  // A tab tapped by mistake must not throw away notes and photos typed at the door.
  if (hasUnsavedVisit() && !confirm('这次走访还没有保存（草稿留在本机，下次打开可继续），确定离开？')) {
    history.replaceState(null, '', e.oldURL);
    return;
  }
  route();
});
addEventListener('online', () => { showNetwork(); sync.run({ quiet: true }); });
addEventListener('offline', showNetwork);
sync.onChange(async (event) => {
  await showPending();
  if (event?.message) toast(event.message, event.error ? 'error' : 'info');
  // Screens that show synced data redraw themselves, unless the user is in the middle of a form.
  const name = location.hash.replace(/^#\/?/, '').split('/')[0] || 'households';
  if (event?.refresh && ['households', 'household', 'todo', 'outbox', 'samples', 'doubts'].includes(name)) route();
});

if ('serviceWorker' in navigator) navigator.serviceWorker.register('sw.js').catch(() => { /* the app still works online */ });
showNetwork();
await showPending();
await route();
sync.run({ quiet: true });
