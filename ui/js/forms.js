// Labelled form controls and the errors shown beside them.

import { h, nextId } from './dom.js';
import { t, formatDateFull } from './i18n.js';
import * as ipc from './ipc.js';
import { calendarButton } from './calendar.js';

/**
 * A labelled control. kind: 'text' (default), 'password', 'textarea', 'checkbox' or 'select' (options: [[value, labelKey], …];
 * with `raw`, the labels are shown as they are, not looked up in the catalogue).
 * `field` is the path Rust uses in its errors (e.g. "people.0.email"); the error paragraph sits right below.
 */
export function field({ label, field, value = '', kind = 'text', options = [], raw, hint, required, autofocus, wide, date }) {
  const id = nextId();
  const errId = `${id}-err`;
  const hintId = hint ? `${id}-hint` : null;
  const common = {
    id, name: field, dataset: { field }, 'aria-describedby': [hintId, errId].filter(Boolean).join(' '),
    required: !!required, autofocus: !!autofocus,
  };
  let control;
  if (kind === 'textarea') {
    control = h('textarea', { ...common, rows: 4 });
    control.value = value ?? '';
  } else if (kind === 'checkbox') {
    control = h('input', { ...common, type: 'checkbox', checked: !!value });
    return h('div', { class: 'field check-field' },
      h('span', { class: 'check' }, control, h('label', { for: id }, t(label))),
      hint ? h('small', { id: hintId, class: 'hint' }, t(hint)) : null,
      h('p', { id: errId, class: 'field-error', role: 'alert', hidden: true }));
  } else if (kind === 'select') {
    control = h('select', common,
      options.map(([v, key]) => h('option', { value: v, selected: v === value }, raw ? key : t(key))));
  } else if (kind === 'password') {
    control = h('input', { ...common, type: 'password', value: value ?? '', autocomplete: 'off', spellcheck: 'false' });
  } else {
    control = h('input', { ...common, type: 'text', value: value ?? '', autocomplete: 'off', spellcheck: 'false' });
  }
  const understood = date ? h('output', { for: id, class: 'understood' }) : null;
  let calendar = null;
  if (date) {
    readsDates(control, understood);
    calendar = calendarButton(control);
  }
  return h('div', { class: `field${wide ? ' wide' : ''}` },
    h('label', { for: id }, t(label), required ? h('span', { class: 'req', 'aria-hidden': 'true' }, ' *') : null),
    calendar ? h('div', { class: 'date-row' }, control, calendar.button) : control,
    calendar?.slot,
    understood,
    hint ? h('small', { id: hintId, class: 'hint' }, t(hint)) : null,
    h('p', { id: errId, class: 'field-error', role: 'alert', hidden: true }));
}

/** How long typing must pause before a date field asks Rust what it understood. */
const READ_PAUSE_MS = 150;

/**
 * Makes the text input `control` take dates as people type them ("yesterday", «il y a 3 jours», "Nov 12"…):
 * Rust reads the text in the interface language, `out` shows the date understood, and [`valueOf`] sends that
 * date as `YYYY-MM-DD`. With `ahead`, the field is about the future ("friday" is the next one). Text Rust cannot
 * read is sent as typed: the save refuses it beside the field, or reads it the same way if it can.
 */
export function readsDates(control, out, { ahead = false } = {}) {
  let seq = 0;
  let timer = null;
  const read = async () => {
    const mine = ++seq;
    const text = control.value;
    if (!text.trim()) { out.textContent = ''; return; }
    try {
      const ymd = await ipc.readDate(text, ahead);
      if (mine !== seq) return;
      control.dataset.ymd = ymd;
      control.dataset.readFrom = text;
      out.textContent = t('date.understood', { date: formatDateFull(ymd) });
      out.classList.remove('unread');
    } catch {
      if (mine !== seq) return;
      out.textContent = t('date.unread');
      out.classList.add('unread');
    }
  };
  // Asked once typing pauses (not at every keystroke); until then the field holds no understood day, so a save
  // sends the text as typed and Rust reads it the same way.
  control.addEventListener('input', () => {
    delete control.dataset.ymd;
    clearTimeout(timer);
    timer = setTimeout(read, READ_PAUSE_MS);
  });
  read();
}

/**
 * Makes `form` submit through `action(form)`: no page reload, the errors shown before cleared, a refusal shown
 * beside its fields (and in the summary). A second submit while one is under way is ignored, so a double press
 * saves once.
 */
export function onSubmit(form, action) {
  let busy = false;
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (busy) return;
    busy = true;
    clearErrors(form);
    try {
      await action(form);
    } catch (err) {
      showError(form, err);
    } finally {
      busy = false;
    }
  });
}

/** Clears every error shown in `root`. */
export function clearErrors(root) {
  for (const el of root.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
  for (const p of root.querySelectorAll('.field-error')) { p.textContent = ''; p.hidden = true; }
  const summary = root.querySelector('.form-error');
  if (summary) { summary.textContent = ''; summary.hidden = true; }
}

/**
 * Shows an IpcError in `root`: each field message beside its control, the overall sentence in the form's
 * summary, and focus on the first refused control.
 */
export function showError(root, err) {
  clearErrors(root);
  const summary = root.querySelector('.form-error');
  if (summary) { summary.textContent = err.message; summary.hidden = false; }
  let first = null;
  for (const f of err.fields || []) {
    const control = root.querySelector(`[data-field="${CSS.escape(f.field)}"]`);
    if (!control) {
      if (summary) summary.textContent += ` ${f.message}`;
      continue;
    }
    control.setAttribute('aria-invalid', 'true');
    const p = document.getElementById(`${control.id}-err`);
    if (p) { p.textContent = f.message; p.hidden = false; }
    first = first || control;
  }
  (first || summary)?.focus?.();
  if (!summary && !first) alertFallback(err);
}

function alertFallback(err) {
  const notice = document.getElementById('notice');
  notice.textContent = err.message;
  notice.hidden = false;
}

/** The summary paragraph a form shows its overall error in. */
export const errorSummary = () => h('p', { class: 'form-error', role: 'alert', tabindex: '-1', hidden: true });

/** Whether the checkbox for `path` in `root` is ticked. */
export const checkedOf = (root, path) => !!root.querySelector(`[data-field="${CSS.escape(path)}"]`)?.checked;

/** The value of the control for `path` in `root`; for a date field, the date understood from what is typed. */
export const valueOf = (root, path) => {
  const control = root.querySelector(`[data-field="${CSS.escape(path)}"]`);
  if (!control) return '';
  if (control.dataset.ymd && control.dataset.readFrom === control.value) return control.dataset.ymd;
  return control.value ?? '';
};
