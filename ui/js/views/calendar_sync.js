// Settings → Calendar: the plan published to the user's own calendar over CalDAV (Nextcloud, Fastmail, iCloud…).
// Off: the account form ("Test the connection" lists the calendars, or offers a new "Rebound" one). On: the
// status line (calendar, last sync, changes waiting, last error), "Sync now", "Change account" and "Turn off"
// behind a confirmation. The password goes to Rust, which keeps it in the system keyring.

import { h, nextId, fill } from '../dom.js';
import { t, tn, currentLang } from '../i18n.js';
import { field, errorSummary, valueOf, onSubmit, showError, clearErrors } from '../forms.js';
import * as ipc from '../ipc.js';

const NEW = '__new__';

/** The section on screen now, redrawn when the sync thread says it synced (one listener for the whole run). */
let current = null;
let listening = false;

function when(instant) {
  const locale = currentLang() === 'fr' ? 'fr-CA' : 'en-US';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(instant));
}

function hostOf(url) {
  try { return new URL(url).host; } catch { return url; }
}

/** The calendar card. */
export function calendarSection() {
  const titleId = nextId();
  const body = h('div');
  const section = h('section', { class: 'card', 'aria-labelledby': titleId, id: 'calendar-sync' },
    h('h2', { id: titleId }, t('caldav.title')),
    h('p', { class: 'hint' }, t('caldav.hint')),
    body);

  /** The status lines of the connected card, repainted in place after each sync (the buttons stay, with focus). */
  const state = h('div', { class: 'calendar-state', role: 'status' });
  const paint = (v) => {
    const lines = [
      h('p', { class: 'calendar-where', tabindex: '-1' }, t('caldav.connected', {
        calendar: v.settings.calendarName, user: v.settings.user, host: hostOf(v.settings.url),
      })),
      h('p', { class: 'calendar-last' }, v.status.lastSync
        ? t('caldav.last_sync', { when: when(v.status.lastSync) }) : t('caldav.never_synced')),
      h('p', { class: 'calendar-pending' }, v.status.pending
        ? tn('caldav.pending', v.status.pending) : t('caldav.in_step')),
    ];
    if (v.error) lines.push(h('p', { class: 'form-error calendar-error' }, t('caldav.last_error', { error: v.error })));
    // The same words are not announced again on every retry.
    const text = lines.map((l) => l.textContent).join('\n');
    if (state.dataset.text !== text) { state.dataset.text = text; fill(state, ...lines); }
  };

  const connectedView = (v) => {
    const status = h('p', { class: 'saved', role: 'status' });
    const questionId = nextId();
    const confirmBox = h('div', { class: 'confirm', role: 'alertdialog', 'aria-labelledby': questionId, hidden: true });
    delete state.dataset.text;
    paint(v);
    const syncNow = h('button', { type: 'button', class: 'primary' }, t('caldav.sync_now'));
    syncNow.addEventListener('click', async () => {
      status.textContent = '';
      try { await ipc.calendarSyncNow(); status.textContent = t('caldav.syncing'); } catch (err) { status.textContent = err.message; }
    });
    const change = h('button', { type: 'button' }, t('caldav.change'));
    change.addEventListener('click', () => formView(v, true));
    const off = h('button', { type: 'button' }, t('caldav.turn_off'));
    off.addEventListener('click', () => {
      const yes = h('button', { type: 'button', class: 'danger' }, t('caldav.turn_off_yes'));
      const no = h('button', { type: 'button' }, t('caldav.cancel'));
      const close = () => { confirmBox.hidden = true; confirmBox.replaceChildren(); off.focus(); };
      no.addEventListener('click', close);
      yes.addEventListener('click', async () => {
        yes.disabled = true;
        try {
          formView(await ipc.calendarDisconnect(), false);
          body.querySelector('input')?.focus();
        } catch (err) { close(); status.textContent = err.message; }
      });
      fill(confirmBox, h('p', { id: questionId }, t('caldav.turn_off_confirm')), h('div', { class: 'actions' }, yes, no));
      confirmBox.hidden = false;
      confirmBox.onkeydown = (e) => { if (e.key === 'Escape') { e.stopPropagation(); close(); } };
      no.focus();
    });
    fill(body, state, h('div', { class: 'actions' }, syncNow, change, off, status), confirmBox);
  };

  const formView = (v, changing) => {
    const form = h('form', { class: 'form', novalidate: true, 'aria-label': t('caldav.account') });
    const s = v.settings;
    const saved = !!(s.url && s.user && s.enabled);
    const choose = h('div', { class: 'calendar-choice', hidden: true });
    const status = h('p', { class: 'saved', role: 'status' });
    const test = h('button', { type: 'button' }, t('caldav.test'));
    const connect = h('button', { type: 'submit', class: 'primary', hidden: true }, t('caldav.connect'));
    const cancel = changing ? h('button', { type: 'button' }, t('caldav.cancel')) : null;
    cancel?.addEventListener('click', () => connectedView(v));
    fill(form,
      errorSummary(),
      h('div', { class: 'grid' },
        field({ label: 'caldav.url', field: 'url', value: s.url, hint: 'caldav.url_hint', wide: true }),
        field({ label: 'caldav.user', field: 'user', value: s.user }),
        field({ label: 'caldav.password', field: 'password', kind: 'password',
          hint: saved ? 'caldav.password_saved' : 'caldav.password_hint' })),
      choose,
      h('div', { class: 'actions' }, test, connect, cancel, status));
    const account = () => [valueOf(form, 'url'), valueOf(form, 'user'), valueOf(form, 'password')];
    // Any change to the account hides the calendars found for the previous one.
    form.addEventListener('input', (e) => {
      if (e.target.closest('.calendar-choice')) return;
      choose.hidden = true; connect.hidden = true; status.textContent = '';
    });
    test.addEventListener('click', async () => {
      clearErrors(form);
      status.textContent = t('caldav.testing');
      test.disabled = true;
      try {
        const found = await ipc.calendarDiscover(...account());
        const options = [...found.map((c) => [c.href, c.name]), [NEW, t('caldav.create')]];
        const keep = found.some((c) => c.href === s.calendar) ? s.calendar : (found[0]?.href ?? NEW);
        fill(choose, field({ label: 'caldav.which', field: 'calendar', kind: 'select', raw: true, value: keep, options }),
          h('p', { class: 'hint' }, tn('caldav.found', found.length)));
        choose.hidden = false;
        connect.hidden = false;
        status.textContent = t('caldav.test_ok');
        choose.querySelector('select').focus();
      } catch (err) {
        status.textContent = '';
        showError(form, err);
      } finally {
        test.disabled = false;
      }
    });
    onSubmit(form, async () => {
      if (connect.hidden) { test.click(); return; }
      const picked = valueOf(form, 'calendar');
      status.textContent = t('caldav.connecting');
      try {
        connectedView(await ipc.calendarConnect(...account(), picked === NEW ? '' : picked, picked === NEW));
        body.querySelector('.calendar-where')?.focus();
      } catch (err) {
        status.textContent = '';
        throw err;
      }
    });
    fill(body, form);
  };

  const load = async () => {
    const v = await ipc.calendarStatus();
    if (v.settings.enabled) connectedView(v); else formView(v, false);
  };
  // After a sync, only the status lines of the connected card change: a form being filled in, a confirmation
  // open or the button that has the focus are never replaced under the user's hands.
  const refresh = async () => {
    if (!state.isConnected) return;
    const v = await ipc.calendarStatus();
    if (!v.settings.enabled) return;
    paint(v);
    const said = section.querySelector('.actions .saved');
    if (said?.textContent === t('caldav.syncing')) said.textContent = '';
  };
  current = { section, refresh };
  if (!listening) {
    listening = true;
    ipc.onCalendarSynced(() => {
      if (current?.section.isConnected) current.refresh().catch(() => {});
    });
  }
  load().catch((err) => fill(body, h('p', { class: 'form-error', role: 'alert' }, err.message)));
  return section;
}
