// The template editor: Rebound's version of each message and the user's own named versions, per language, with a
// live preview rendered by Rust from sample values. One version per kind and language is the default: the one
// the composer opens with; the others are picked there.

import { h, show, fill, add } from '../dom.js';
import { t, currentLang } from '../i18n.js';
import { field, showError, clearErrors, errorSummary, valueOf, checkedOf } from '../forms.js';
import { confirmDelete } from '../undo.js';
import * as ipc from '../ipc.js';
import { choices, langs, messageKinds } from '../vocabulary.js';


/** How a version is named in lists: its name, "My version" when it has none, or "Rebound's version". */
export const versionLabel = (v) => (v.id == null ? t('templates.ours') : (v.name || t('templates.unnamed')));

/** Renders the editor for `kind` in `lang`, on version `id` (`null`: Rebound's; `undefined`: the default). */
export async function render(kind = 'thank_you', lang = currentLang(), id = undefined) {
  const all = await ipc.templateVersions(kind, lang);
  const tpl = (id === undefined ? all.find((v) => v.default) : all.find((v) => (v.id ?? null) === id)) ?? all[0];
  const ours = tpl.id == null;
  const form = h('form', { class: 'card form templates', novalidate: true, 'aria-labelledby': 'templates-title' });
  const badge = h('span', { class: 'badge' }, t(ours ? 'templates.ours' : 'templates.yours'));
  const status = h('p', { class: 'saved', role: 'status' });
  const preview = h('div', { class: 'preview', 'aria-live': 'polite' });
  const confirmSlot = h('div', { class: 'confirm-slot' });

  const drawPreview = (r) => {
    if (r.error) {
      fill(preview, h('p', { class: 'form-error template-error' },
        t('composer.template_error', { line: r.error.line })));
    } else if (r.missing.length) {
      fill(preview, h('p', { class: 'form-error' }, t('composer.missing'), ' ',
        r.missing.map((m) => t(`missing.${m.variable}`)).join(', ')));
    } else {
      fill(preview,
        r.subject ? h('p', { class: 'preview-subject' }, h('strong', {}, r.subject)) : null,
        h('pre', { class: 'preview-body' }, r.body),
        r.limit ? h('p', { class: 'counter' }, t('composer.counter', { n: r.body.length, max: r.limit })) : null);
    }
  };
  // Each keystroke asks Rust for a fresh preview; only the newest answer is drawn.
  let seq = 0;
  const refresh = async () => {
    const mine = ++seq;
    status.textContent = '';
    try {
      const r = await ipc.renderMessage({
        applicationId: null, kind, lang, subject: valueOf(form, 'subject'), body: valueOf(form, 'body'),
      });
      if (mine === seq) drawPreview(r);
    } catch (err) {
      if (mine === seq) fill(preview, h('p', { class: 'form-error' }, err.message));
    }
  };

  // What is typed, as the version to save: this one (`asNew` false) or a new one.
  const typed = (asNew) => ({
    kind, lang, id: asNew || ours ? null : tpl.id, name: valueOf(form, 'name'),
    subject: valueOf(form, 'subject'), body: valueOf(form, 'body'), default: checkedOf(form, 'default'), custom: true,
  });
  const save = async (asNew) => {
    clearErrors(form);
    try {
      const saved = await ipc.saveTemplate(typed(asNew));
      await render(kind, lang, saved.id);
      document.querySelector('.templates [role="status"]').textContent = t('templates.saved');
    } catch (err) {
      showError(form, err);
    }
  };

  const versionOptions = all.map((v) => [v.id == null ? 'ours' : String(v.id), versionLabel(v) + (v.default ? ` (${t('templates.default_mark')})` : '')]);
  const defaultOurs = all[0].default;
  add(form,
    h('div', { class: 'composer-head' }, h('h2', { id: 'templates-title' }, t('templates.title')), badge),
    errorSummary(),
    h('div', { class: 'grid' },
      field({ label: 'templates.kind', field: 'kind', value: kind, kind: 'select', options: choices(messageKinds(), 'message.') }),
      field({ label: 'templates.lang', field: 'lang', value: lang, kind: 'select', options: choices(langs(), 'lang.') }),
      field({ label: 'templates.version', field: 'version', value: ours ? 'ours' : String(tpl.id), kind: 'select', options: versionOptions, raw: true }),
      field({ label: ours ? 'templates.new_name' : 'templates.name', field: 'name', value: ours ? '' : tpl.name, hint: ours ? 'templates.new_name_hint' : null })),
    kind === 'linkedin' ? null : field({ label: 'templates.subject', field: 'subject', value: tpl.subject, wide: true }),
    field({ label: 'templates.body', field: 'body', value: tpl.body, kind: 'textarea', wide: true, hint: 'templates.help' }),
    field({ label: 'templates.use_by_default', field: 'default', value: ours ? defaultOurs : tpl.default, kind: 'checkbox' }),
    h('h3', {}, t('templates.preview')),
    preview,
    h('div', { class: 'actions' },
      h('button', { type: 'submit', class: 'primary' }, t(ours ? 'templates.save_new' : 'templates.save')),
      ours ? null : h('button', { type: 'button', onclick: () => save(true) }, t('templates.save_as_new')),
      ours || !tpl.default ? null : h('button', {
        type: 'button',
        onclick: async () => {
          try {
            await ipc.saveTemplate({ ...typed(false), default: false });
            await render(kind, lang, tpl.id);
            document.querySelector('.templates [role="status"]').textContent = t('templates.ours_default_done');
          } catch (err) { showError(form, err); }
        },
      }, t('templates.use_ours')),
      ours ? null : h('button', {
        type: 'button',
        class: 'danger',
        onclick: async () => {
          if (!(await confirmDelete(confirmSlot, t('templates.delete_question', { name: versionLabel(tpl) })))) return;
          try {
            await ipc.deleteTemplate(tpl.id);
            await render(kind, lang);
            document.querySelector('.templates [role="status"]').textContent = t('templates.deleted');
          } catch (err) { showError(form, err); }
        },
      }, t('templates.delete')),
      status),
    confirmSlot);
  form.querySelector('[data-field="body"]').rows = 16;
  const withError = (p) => p.catch((err) => showError(form, err));
  form.querySelector('[data-field="kind"]').addEventListener('change', (e) => withError(render(e.target.value, lang)));
  form.querySelector('[data-field="lang"]').addEventListener('change', (e) => withError(render(kind, e.target.value)));
  form.querySelector('[data-field="version"]').addEventListener('change', (e) => {
    withError(render(kind, lang, e.target.value === 'ours' ? null : Number(e.target.value)));
  });
  form.addEventListener('input', (e) => { if (e.target.matches('[data-field="subject"], [data-field="body"]')) refresh(); });
  form.addEventListener('submit', (e) => { e.preventDefault(); save(false); });
  show(form);
  await refresh();
}
