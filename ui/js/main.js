// Start-up and routing: fetch language and strings from Rust, then draw the view the hash names.

import * as ipc from './ipc.js';
import { setLanguage, translateStatic, t } from './i18n.js';
import { h, show } from './dom.js';
import { route, resolve, go } from './router.js';
import { setVocabulary } from './vocabulary.js';
import * as list from './views/list.js';
import { dropFile } from './proposal.js';

let boot = null;
performance.mark('rebound:modules');

async function loadLanguage() {
  boot = await ipc.getBootstrap();
  setLanguage(boot.lang, boot.strings);
  setVocabulary(boot);
  translateStatic();
}

// The first screen needs only the list: every other view's module (and what it imports) is fetched the first
// time it is shown, which keeps 17 of the 24 modules off the start-up path.
const view = (name) => import(`./views/${name}.js`);
// The detail view's keyboard shortcuts, once it has been loaded.
let detail = null;
const showDetail = async (...args) => { detail = await view('detail'); return detail.render(...args); };

const listRoute = () => list.render();
route('/', listRoute);
route('/new', async () => (await view('form')).render(null));
route('/app/:id', (id) => showDetail(id));
route('/app/:id/edit', async (id) => (await view('form')).render(id));
route('/app/:id/email', async (id) => (await view('email')).render(id));
route('/email', async () => (await view('email')).render());
route('/app/:id/step/:step', (id, step) => showDetail(id, step));
route('/todo', async () => (await view('todo')).render());
route('/todo/older', async () => (await view('todo')).render(true));
route('/insights', async () => (await view('insights')).render());
route('/people', async () => (await view('people')).render());
route('/templates', async () => (await view('templates')).render());
route('/company/:id', async (id) => (await view('company')).render(id));
route('/settings', async () => (await view('settings')).render(boot.dataDir,
  async () => { await loadLanguage(); await draw(); }, boot.probation));

async function draw() {
  const { view, args } = resolve();
  const current = location.hash.replace(/^#/, '') || '/';
  for (const a of document.querySelectorAll('#nav a')) {
    if (a.getAttribute('href') === `#${current}`) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  try {
    await view(...args);
  } catch (err) {
    show(h('section', { class: 'card' }, h('p', { class: 'form-error', role: 'alert' }, err.message),
      h('p', {}, h('a', { href: '#/' }, t('nav.back_to_list')))));
  }
}

function onKey(e) {
  const ctrl = e.ctrlKey || e.metaKey;
  if (ctrl && e.key === 'w') { e.preventDefault(); ipc.closeWindow(); return; }
  if (ctrl && e.key === 'n') { e.preventDefault(); go('#/new'); return; }
  if (ctrl && e.key === ',') { e.preventDefault(); go('#/settings'); return; }
  if (ctrl && e.key === 's') {
    const f = document.activeElement?.closest('#view form') || document.querySelector('#view form');
    if (f) { e.preventDefault(); f.requestSubmit(); }
    return;
  }
  if (ctrl && e.key === 'f') {
    const s = document.getElementById('search');
    e.preventDefault();
    if (s) s.focus(); else go('#/');
    return;
  }
  if (detail?.onKey(e)) { e.preventDefault(); return; }
  if (e.key === 'Escape' && location.hash !== '' && location.hash !== '#/') {
    const back = document.querySelector('#view .crumbs a, #view form .actions a.button');
    go(back ? back.getAttribute('href') : '#/');
  }
}

async function start() {
  // The list's rows are asked for alongside the strings, not after them.
  if (resolve().view === listRoute) list.prefetch();
  await loadLanguage();
  performance.mark('rebound:bootstrap');
  if (boot.notice) {
    const n = document.getElementById('notice');
    n.textContent = boot.notice;
    n.hidden = false;
  }
  window.addEventListener('hashchange', draw);
  // A change made from the tray or a notification: redraw what is shown, unless the user is typing.
  ipc.onChanged(() => {
    const typing = document.activeElement?.closest('#view') && document.activeElement.matches('input, textarea, select');
    const editing = /^#\/(new|app\/\d+\/edit|settings|templates)$/.test(location.hash);
    if (!typing && !editing) draw();
  });
  ipc.onShowApplication((id) => go(`#/app/${id}`));
  document.addEventListener('keydown', onKey);
  // A file dropped anywhere on the window is an employer's e-mail to read (on an application's page, about it).
  // Without this the webview would open the file in place of Rebound.
  document.addEventListener('dragover', (e) => {
    if (e.dataTransfer?.types?.includes('Files')) { e.preventDefault(); e.dataTransfer.dropEffect = 'copy'; }
  });
  document.addEventListener('drop', (e) => {
    const file = e.dataTransfer?.files?.[0];
    if (!file) return;
    e.preventDefault();
    dropFile(file);
    const app = location.hash.match(/^#\/app\/(\d+)/);
    go(app ? `#/app/${app[1]}/email` : '#/email');
  });
  await draw();
  list.dropPrefetch();
  performance.mark('rebound:drawn');
  // Marked on the next frame, once the first view is painted: tests wait for it, and the start-up benchmark
  // reads the wall-clock time it was painted at.
  requestAnimationFrame(() => {
    document.body.dataset.readyAt = String(Math.round(performance.timeOrigin + performance.now()));
    document.body.dataset.ready = 'true';
  });
}

start().catch((err) => {
  document.getElementById('view').textContent = err.message;
});
