// Settings: language, my name, my signature. Saved through Rust; the UI never opens the settings file.

import { h, show } from '../dom.js';
import { t } from '../i18n.js';
import { field, showError, clearErrors, errorSummary, valueOf } from '../forms.js';
import * as ipc from '../ipc.js';

/** Renders the settings form. `onLanguage` reloads the strings when the language changed. */
export async function render(dataDir, onLanguage) {
  const s = await ipc.getSettings();
  const form = h('form', { class: 'card form', novalidate: true, 'aria-labelledby': 'settings-title' });
  const status = h('p', { class: 'saved', role: 'status' });
  form.append(
    h('h2', { id: 'settings-title' }, t('settings.title')),
    errorSummary(),
    h('div', { class: 'grid' },
      field({ label: 'settings.language', field: 'language', value: s.language ?? '', kind: 'select', autofocus: true,
        options: [['', 'settings.language_system'], ['fr', 'lang.fr'], ['en', 'lang.en']] }),
      field({ label: 'settings.my_name', field: 'myName', value: s.myName, hint: 'settings.my_name_hint' })),
    field({ label: 'settings.signature', field: 'signature', value: s.signature, kind: 'textarea', wide: true,
      hint: 'settings.signature_hint' }),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, t('settings.save')), status),
    h('p', {}, h('a', { href: '#/templates' }, t('settings.templates'))),
    h('p', { class: 'muted data-dir' }, t('settings.data_dir'), ' ', h('code', {}, dataDir)));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form);
    status.textContent = '';
    try {
      const saved = await ipc.saveSettings({
        language: valueOf(form, 'language') || null, myName: valueOf(form, 'myName'), signature: valueOf(form, 'signature'),
      });
      if ((saved.language ?? '') !== (s.language ?? '')) await onLanguage();
      else status.textContent = t('settings.saved');
    } catch (err) {
      showError(form, err);
    }
  });
  show(form);
}
