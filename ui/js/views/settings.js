// Settings: language, my name, my signature. Saved through Rust; the UI never opens the settings file.

import { h, show, add } from '../dom.js';
import { t } from '../i18n.js';
import { field, errorSummary, valueOf, checkedOf, onSubmit } from '../forms.js';
import * as ipc from '../ipc.js';
import { choices, langs } from '../vocabulary.js';
import { backupsSection } from './backups.js';
import { transferSection } from './transfer.js';
import { calendarSection } from './calendar_sync.js';

const DELAYS = ['30', '60', '90', '180'];

/** The delay select's value for saved settings: the probation preset they came from, a fixed delay, or custom. */
function delayChoice(s, presets) {
  const p = presets.find((x) => x.id === s.probation && x.days === s.checkInDays);
  if (p) return `probation:${p.id}`;
  return DELAYS.includes(String(s.checkInDays)) ? String(s.checkInDays) : 'custom';
}

/**
 * Renders the settings form. `onLanguage` reloads the strings when the language changed; `presets` are the
 * probation presets (id, days, source) the check-in delay offers.
 */
export async function render(dataDir, onLanguage, presets = []) {
  const s = await ipc.getSettings();
  const form = h('form', { class: 'card form', novalidate: true, 'aria-labelledby': 'settings-title' });
  const status = h('p', { class: 'saved', role: 'status' });
  add(form,
    h('h2', { id: 'settings-title' }, t('settings.title')),
    errorSummary(),
    h('div', { class: 'grid' },
      field({ label: 'settings.language', field: 'language', value: s.language ?? '', kind: 'select', autofocus: true,
        options: [['', 'settings.language_system'], ...choices(langs(), 'lang.')] }),
      field({ label: 'settings.my_name', field: 'myName', value: s.myName, hint: 'settings.my_name_hint' })),
    field({ label: 'settings.signature', field: 'signature', value: s.signature, kind: 'textarea', wide: true,
      hint: 'settings.signature_hint' }),
    h('h3', {}, t('settings.reminders')),
    h('div', { class: 'grid' },
      field({ label: 'settings.check_in', field: 'checkInChoice', kind: 'select', hint: 'settings.check_in_hint',
        value: delayChoice(s, presets),
        options: [...DELAYS.map((d) => [d, `settings.days_${d}`]), ['custom', 'settings.days_custom']] }),
      field({ label: 'settings.check_in_custom', field: 'checkInDays', value: String(s.checkInDays) }),
      field({ label: 'settings.reminder_time', field: 'reminderTime', value: s.reminderTime, hint: 'settings.reminder_time_hint' })),
    field({ label: 'settings.notifications', field: 'notifications', kind: 'checkbox', value: s.notifications }),
    field({ label: 'settings.keep_in_tray', field: 'keepInTray', kind: 'checkbox', value: s.keepInTray, hint: 'settings.keep_in_tray_hint' }),
    field({ label: 'settings.start_at_login', field: 'startAtLogin', kind: 'checkbox', value: s.startAtLogin, hint: 'settings.start_at_login_hint' }),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, t('settings.save')), status),
    h('p', {}, h('a', { href: '#/templates' }, t('settings.templates'))),
    h('p', { class: 'muted data-dir' }, t('settings.data_dir'), ' ', h('code', {}, dataDir)));
  // The custom number is shown only for "custom"; a preset fills it in. Probation presets by jurisdiction
  // come in their own group, with the law they come from shown under the choice.
  const choice = form.querySelector('[data-field="checkInChoice"]');
  const custom = form.querySelector('[data-field="checkInDays"]');
  const source = h('small', { class: 'hint probation-source', id: `${choice.id}-source`, 'aria-live': 'polite' });
  choice.setAttribute('aria-describedby', `${choice.getAttribute('aria-describedby')} ${source.id}`);
  choice.insertBefore(h('optgroup', { label: t('settings.probation_group') },
    presets.map((p) => h('option', { value: `probation:${p.id}`, selected: delayChoice(s, presets) === `probation:${p.id}` },
      t(`probation.${p.id}`)))), choice.lastElementChild);
  choice.after(source);
  const presetOf = () => presets.find((p) => `probation:${p.id}` === choice.value);
  const syncDelay = () => {
    custom.closest('.field').hidden = choice.value !== 'custom';
    const p = presetOf();
    source.textContent = p ? t('settings.probation_source', { source: p.source }) : '';
    if (p) custom.value = String(p.days);
    else if (choice.value !== 'custom') custom.value = choice.value;
  };
  choice.addEventListener('change', syncDelay);
  syncDelay();
  onSubmit(form, async () => {
    status.textContent = '';
    const saved = await ipc.saveSettings({
      language: valueOf(form, 'language') || null, myName: valueOf(form, 'myName'), signature: valueOf(form, 'signature'),
      checkInDays: /^\d{1,4}$/.test(custom.value.trim()) ? Number(custom.value.trim()) : 0,
      probation: presetOf()?.id ?? '',
      reminderTime: valueOf(form, 'reminderTime'),
      notifications: checkedOf(form, 'notifications'),
      keepInTray: checkedOf(form, 'keepInTray'),
      startAtLogin: checkedOf(form, 'startAtLogin'),
    });
    if ((saved.language ?? '') !== (s.language ?? '')) await onLanguage();
    else status.textContent = t('settings.saved');
  });
  // After a restore or an import the journal, and perhaps the language, changed: reload the strings and redraw, then say so.
  const restored = async (message) => {
    await onLanguage();
    const note = document.getElementById('notice');
    note.textContent = message;
    note.hidden = false;
  };
  show(h('div', {}, form, calendarSection(), backupsSection(restored), transferSection(restored)));
}
