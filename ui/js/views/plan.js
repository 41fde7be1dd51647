// The follow-up plan of one application: each step with its due date and what can be done with it.

import { h, nextId, add } from '../dom.js';
import { t, formatDate, stepName } from '../i18n.js';
import { inDays } from '../dates.js';
import * as ipc from '../ipc.js';
import { showError, clearErrors, errorSummary, readsDates, valueOf } from '../forms.js';
import { calendarButton } from '../calendar.js';


/** What to say under a step. */
function when(step) {
  if (step.status === 'done') return t('plan.done_on', { date: formatDate(step.doneOn) });
  if (step.status === 'missed') return `${t('plan.due_on', { date: formatDate(step.dueOn) })} — ${t('plan.missed_hint')}`;
  if (step.snoozedUntil && step.snoozedUntil > step.dueOn && step.status === 'pending') {
    return t('plan.snoozed', { date: formatDate(step.snoozedUntil) });
  }
  return t('plan.due_on', { date: formatDate(step.dueOn) });
}

/**
 * The plan section. `onWrite(step)` opens the composer for a step; `onChange({ action, step })` redraws after an
 * action on `step`.
 */
export function planSection(steps, { onWrite, onChange }) {
  if (!steps.length) return h('section', { class: 'plan' }, h('h3', {}, t('plan.title')), h('p', { class: 'muted' }, t('plan.empty')));
  const act = async (row, input) => {
    clearErrors(row);
    try {
      await ipc.actOnStep(input);
      onChange({ action: input.action, step: steps.find((s) => s.id === input.stepId) });
    } catch (err) {
      showError(row, err);
    }
  };
  return h('section', { class: 'plan', 'aria-labelledby': 'plan-title' },
    h('h3', { id: 'plan-title' }, t('plan.title')),
    h('ol', { class: 'steps' }, steps.map((s) => {
      const open = s.status === 'pending' || s.status === 'missed';
      const row = h('li', { class: `step step-${s.state}`, dataset: { stepId: s.id, kind: s.kind, state: s.state } });
      const dateId = nextId();
      const dateInput = h('input', { id: dateId, type: 'text', value: s.dueOn, dataset: { field: 'date' }, autocomplete: 'off' });
      const understood = h('output', { for: dateId, class: 'understood' });
      const calendar = calendarButton(dateInput);
      const reschedule = h('form', { class: 'reschedule', hidden: true, novalidate: true },
        h('label', { for: dateId }, t('plan.new_date')),
        h('div', { class: 'date-row' }, dateInput, calendar.button),
        calendar.slot,
        understood,
        h('p', { id: `${dateId}-err`, class: 'field-error', hidden: true }),
        h('button', { type: 'submit' }, t('plan.move')));
      readsDates(dateInput, understood, { ahead: true });
      reschedule.addEventListener('submit', (e) => {
        e.preventDefault();
        act(row, { stepId: s.id, action: 'reschedule', date: valueOf(reschedule, 'date') });
      });
      add(row,
        h('div', { class: 'step-head' },
          h('strong', {}, stepName(s)),
          h('span', { class: `badge badge-step-${s.state}` }, t(`state.${s.state}`)),
          h('span', { class: 'muted when' }, when(s))),
        errorSummary(),
        open ? h('div', { class: 'actions step-actions' },
          h('button', { type: 'button', class: 'primary', onclick: () => onWrite(s) }, t('plan.write')),
          h('button', { type: 'button', onclick: () => act(row, { stepId: s.id, action: 'done' }) }, t('plan.done')),
          h('button', { type: 'button', onclick: () => act(row, { stepId: s.id, action: 'snooze', date: inDays(1) }) }, t('plan.snooze_day')),
          h('button', { type: 'button', onclick: () => act(row, { stepId: s.id, action: 'snooze', date: inDays(7) }) }, t('plan.snooze_week')),
          h('button', { type: 'button', onclick: () => act(row, { stepId: s.id, action: 'skip' }) }, t('plan.skip')),
          h('button', {
            type: 'button',
            onclick: () => { reschedule.hidden = !reschedule.hidden; if (!reschedule.hidden) reschedule.querySelector('input').focus(); },
          }, t('plan.reschedule'))) : null,
        open ? reschedule : null);
      return row;
    })));
}
