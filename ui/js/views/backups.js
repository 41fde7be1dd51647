// Backups, in the settings view: the list (date, why, size, applications), "Back up now", and "Restore this
// backup" behind a confirmation that says what will happen.

import { h, nextId, fill } from '../dom.js';
import { t, currentLang } from '../i18n.js';
import * as ipc from '../ipc.js';

const locale = () => (currentLang() === 'fr' ? 'fr-CA' : 'en-US');

function when(instant) {
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'long', timeStyle: 'short' }).format(new Date(instant));
}

function size(bytes) {
  const [n, unit] = bytes >= 1048576 ? [bytes / 1048576, 'megabyte'] : [bytes / 1024, 'kilobyte'];
  return new Intl.NumberFormat(locale(), { style: 'unit', unit, maximumFractionDigits: 1 }).format(n);
}

/** The backups card. `onRestored` runs after a restore (the journal and maybe the language changed). */
export function backupsSection(onRestored) {
  const titleId = nextId();
  const status = h('p', { class: 'saved', role: 'status' });
  const table = h('div', { class: 'backups' });
  const questionId = nextId();
  const confirmBox = h('div', { class: 'confirm', role: 'alertdialog', 'aria-labelledby': questionId, hidden: true });

  const fail = (err) => { status.textContent = err.message; };

  const askRestore = (b) => {
    const yes = h('button', { type: 'button', class: 'primary' }, t('backup.confirm_yes'));
    const no = h('button', { type: 'button' }, t('backup.cancel'));
    const close = () => { confirmBox.hidden = true; confirmBox.replaceChildren(); };
    no.addEventListener('click', close);
    yes.addEventListener('click', async () => {
      yes.disabled = true;
      try {
        await ipc.restoreBackup(b.file);
        close();
        await onRestored(t('backup.restored'));
      } catch (err) { close(); fail(err); }
    });
    fill(confirmBox, h('p', { id: questionId }, t('backup.confirm', { date: when(b.takenAt) })), h('div', { class: 'actions' }, yes, no));
    confirmBox.hidden = false;
    confirmBox.onkeydown = (e) => { if (e.key === 'Escape') { e.stopPropagation(); close(); } };
    no.focus();
  };

  const load = async () => {
    const list = await ipc.listBackups();
    if (!list.length) { fill(table, h('p', { class: 'muted' }, t('backup.none'))); return; }
    fill(table, h('table', {},
      h('caption', { class: 'visually-hidden' }, t('backup.caption')),
      h('thead', {}, h('tr', {}, ['backup.when', 'backup.why', 'backup.size', 'backup.count'].map((k) => h('th', { scope: 'col' }, t(k))), h('td'))),
      h('tbody', {}, list.map((b) => h('tr', { dataset: { file: b.file } },
        h('td', {}, when(b.takenAt)), h('td', {}, t(`backup.reason.${b.reason}`)), h('td', {}, size(b.size)),
        h('td', {}, String(b.applications)),
        h('td', {}, h('button', { type: 'button', class: 'link', onclick: () => askRestore(b) }, t('backup.restore'))))))));
  };

  const now = h('button', {
    type: 'button',
    onclick: async () => {
      status.textContent = '';
      try {
        await ipc.backUpNow();
        status.textContent = t('backup.done');
        await load();
      } catch (err) { fail(err); }
    },
  }, t('backup.now'));

  const section = h('section', { class: 'card', 'aria-labelledby': titleId },
    h('h2', { id: titleId }, t('backup.title')),
    h('p', { class: 'hint' }, t('backup.hint')),
    h('div', { class: 'actions' }, now, status),
    confirmBox,
    table);
  load().catch(fail);
  return section;
}
