// People: everyone met, with the applications they were part of, the last time you were in touch, how often to
// keep in touch, and "we talked" for a conversation Rebound could not see.

import { h, show, nextId, closeOnEscape, fill, add } from '../dom.js';
import { t, tn, formatDate } from '../i18n.js';
import { todayYmd } from '../dates.js';
import * as ipc from '../ipc.js';
import { field, showError, clearErrors, errorSummary, valueOf, onSubmit } from '../forms.js';
import { keepInTouchMonths } from '../vocabulary.js';

const every = (n) => tn('people.every', n);

/**
 * The "Keep in touch" select for person `p` (`{ id, name, keepInTouchMonths }`), saved as soon as it changes;
 * `onSaved()` runs after a save, and a refusal shows beside the select.
 */
export function cadenceField(p, onSaved) {
  const id = nextId();
  const months = p.keepInTouchMonths ?? null;
  const offered = keepInTouchMonths().includes(months) || !months ? keepInTouchMonths() : [...keepInTouchMonths(), months];
  // Several of these sit side by side (one per person): each names its person for screen readers.
  const select = h('select', {
    id, dataset: { field: 'keepInTouch' }, 'aria-describedby': `${id}-err`,
    'aria-label': t('step.catch_up', { name: p.name }),
  },
    h('option', { value: '', selected: !months }, t('people.cadence_off')),
    offered.map((n) => h('option', { value: n, selected: n === months }, every(n))));
  const wrap = h('div', { class: 'field cadence' },
    h('label', { for: id }, t('people.cadence')),
    select,
    h('p', { id: `${id}-err`, class: 'field-error', role: 'alert', hidden: true }));
  let saved = select.value;
  select.addEventListener('change', async () => {
    clearErrors(wrap);
    try {
      await ipc.setKeepInTouch(p.id, select.value ? Number(select.value) : null);
      saved = select.value;
      onSaved();
    } catch (err) {
      select.value = saved; // the choice shown is the one saved
      showError(wrap, err);
    }
  });
  return wrap;
}

/** The inline "We talked" form for person `p`; `onDone(saved)` closes it. */
function talkedForm(p, onDone) {
  const form = h('form', { class: 'talked-form', novalidate: true, 'aria-label': t('people.log_title', { name: p.name }) });
  add(form,
    h('h4', {}, t('people.log_title', { name: p.name })),
    errorSummary(),
    field({ label: 'people.log_date', field: 'date', value: todayYmd(), date: true, required: true, autofocus: true }),
    field({ label: 'people.log_note', field: 'note', kind: 'textarea', wide: true }),
    h('div', { class: 'actions' },
      h('button', { type: 'submit', class: 'primary' }, t('people.log_save')),
      h('button', { type: 'button', onclick: () => onDone(false) }, t('form.cancel'))));
  onSubmit(form, async () => {
    await ipc.logContact(p.id, valueOf(form, 'date'), valueOf(form, 'note'));
    onDone(true);
  });
  closeOnEscape(form, () => onDone(false));
  return form;
}

/** One person's card. `redraw(focusSelector, status)` draws the view again after a change. */
function card(p, redraw) {
  const slot = h('div', { class: 'talked-slot' });
  const status = h('p', { class: 'saved', role: 'status' });
  const due = p.nextOn && p.nextOn <= todayYmd();
  const talked = h('button', {
    type: 'button',
    onclick: () => {
      if (!p.applications.length) { status.textContent = t('people.no_application'); return; }
      talked.hidden = true;
      const form = talkedForm(p, (saved) => {
        if (saved) { redraw(`[data-person-id="${p.id}"] .talked`, t('people.saved')); return; }
        slot.replaceChildren();
        talked.hidden = false;
        talked.focus();
      });
      fill(slot, form);
      form.querySelector('[autofocus]').focus();
    },
    class: 'talked',
  }, t('people.log'));
  return h('li', { class: 'card person', dataset: { personId: p.id } },
    h('h3', {}, p.name),
    h('p', { class: 'muted' }, [p.title, p.company].filter(Boolean).join(' · ')),
    h('p', { class: 'last-contact' }, p.lastContact ? t('people.last_contact', { date: formatDate(p.lastContact) }) : t('people.no_contact')),
    p.applications.length
      ? h('div', { class: 'history' }, h('h4', {}, t('people.history')),
        h('ul', {}, p.applications.map((a) => h('li', {},
          h('a', { href: `#/app/${a.id}` }, `${a.company} — ${a.role}`), ' ',
          h('span', { class: 'muted' }, formatDate(a.appliedOn))))))
      : null,
    h('div', { class: 'person-actions' },
      cadenceField(p, () => redraw(`[data-person-id="${p.id}"] select`, t('people.saved'))),
      p.nextOn ? h('p', { class: `next${due ? ' due' : ''}` },
        due ? t('people.due') : t('people.next', { date: formatDate(p.nextOn) }),
        due ? [' ', h('a', { class: 'button primary', href: `#/app/${p.stepApplicationId}/step/${p.stepId}` }, t('plan.write'))] : null)
        : null,
      talked),
    slot,
    status);
}

/** Renders the people view. */
export async function render() {
  const all = await ipc.listPeople();
  const redraw = async (focus, message) => {
    await render();
    const el = focus ? document.querySelector(`#view ${focus}`) : null;
    if (el) {
      el.focus();
      const status = el.closest('.person')?.querySelector('.saved');
      if (status && message) status.textContent = message;
    }
  };
  show(h('section', { class: 'people' },
    h('h2', { tabindex: '-1' }, t('people.title')),
    all.length
      ? h('ul', { class: 'people-cards' }, all.map((p) => card(p, redraw)))
      : h('p', { class: 'empty muted' }, t('people.empty'))));
}
