// The template editor: the user's own version of any message, per language, with a live preview rendered by
// Rust from sample values, and "reset" back to Rebound's version.

import { h, show } from '../dom.js';
import { t, currentLang } from '../i18n.js';
import { field, showError, clearErrors, errorSummary, valueOf } from '../forms.js';
import * as ipc from '../ipc.js';

const KINDS = ['thank_you', 'feedback', 'keep_in_touch', 'check_in', 'linkedin', 'interview_thanks', 'nudge'];

/** Renders the editor for `kind` in `lang`. */
export async function render(kind = 'thank_you', lang = currentLang()) {
  const tpl = await ipc.getTemplate(kind, lang);
  const form = h('form', { class: 'card form templates', novalidate: true, 'aria-labelledby': 'templates-title' });
  const badge = h('span', { class: 'badge' }, t(tpl.custom ? 'templates.yours' : 'templates.ours'));
  const status = h('p', { class: 'saved', role: 'status' });
  const preview = h('div', { class: 'preview', 'aria-live': 'polite' });

  const drawPreview = (r) => {
    if (r.error) {
      preview.replaceChildren(h('p', { class: 'form-error template-error' },
        t('composer.template_error', { line: r.error.line, detail: r.error.detail })));
    } else if (r.missing.length) {
      preview.replaceChildren(h('p', { class: 'form-error' }, t('composer.missing'), ' ',
        r.missing.map((m) => t(`missing.${m.variable}`)).join(', ')));
    } else {
      preview.replaceChildren(
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
    const r = await ipc.renderMessage({
      applicationId: null, kind, lang, subject: valueOf(form, 'subject'), body: valueOf(form, 'body'),
    });
    if (mine === seq) drawPreview(r);
  };

  form.append(
    h('div', { class: 'composer-head' }, h('h2', { id: 'templates-title' }, t('templates.title')), badge),
    errorSummary(),
    h('div', { class: 'grid' },
      field({ label: 'templates.kind', field: 'kind', value: kind, kind: 'select', options: KINDS.map((k) => [k, `message.${k}`]) }),
      field({ label: 'templates.lang', field: 'lang', value: lang, kind: 'select', options: [['fr', 'lang.fr'], ['en', 'lang.en']] })),
    kind === 'linkedin' ? null : field({ label: 'templates.subject', field: 'subject', value: tpl.subject, wide: true }),
    field({ label: 'templates.body', field: 'body', value: tpl.body, kind: 'textarea', wide: true, hint: 'templates.help' }),
    h('h3', {}, t('templates.preview')),
    preview,
    h('div', { class: 'actions' },
      h('button', { type: 'submit', class: 'primary' }, t('templates.save')),
      h('button', {
        type: 'button',
        onclick: async () => {
          const back = await ipc.resetTemplate(kind, lang);
          form.querySelector('[data-field="body"]').value = back.body;
          const subject = form.querySelector('[data-field="subject"]');
          if (subject) subject.value = back.subject;
          badge.textContent = t('templates.ours');
          await refresh();
          status.textContent = t('templates.reset_done');
        },
      }, t('templates.reset')),
      status));
  form.querySelector('[data-field="body"]').rows = 16;
  form.querySelector('[data-field="kind"]').addEventListener('change', (e) => render(e.target.value, lang));
  form.querySelector('[data-field="lang"]').addEventListener('change', (e) => render(kind, e.target.value));
  form.addEventListener('input', (e) => { if (e.target.matches('[data-field="subject"], [data-field="body"]')) refresh(); });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form);
    try {
      await ipc.saveTemplate({ kind, lang, subject: valueOf(form, 'subject'), body: valueOf(form, 'body'), custom: true });
      badge.textContent = t('templates.yours');
      status.textContent = t('templates.saved');
    } catch (err) {
      showError(form, err);
    }
  });
  show(form);
  await refresh();
}
