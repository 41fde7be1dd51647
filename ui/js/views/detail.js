// One application: its facts, the "log outcome" form, and the timeline with a reflection per outcome.

import { h, show, closeOnEscape, fill, add } from '../dom.js';
import { t, tn, formatDate } from '../i18n.js';
import { todayYmd } from '../dates.js';
import { field, errorSummary, valueOf, onSubmit } from '../forms.js';
import * as ipc from '../ipc.js';
import { go } from '../router.js';
import { statusBadge } from './list.js';
import { planSection } from './plan.js';
import { composer } from './composer.js';
import { cadenceField } from './people.js';
import { confirmDelete, offerUndo } from '../undo.js';
import { keepEmail, take } from '../proposal.js';
import { choices, feedbackAsks, heardBy, outcomes } from '../vocabulary.js';

/**
 * The "log outcome" form; `proposed` holds what an e-mail reading filled in (outcome, date, reason, and the e-mail
 * to keep on the timeline once the outcome is saved).
 */
function outcomeForm(app, onDone, proposed = null) {
  const form = h('form', { class: 'card form outcome-form', novalidate: true, 'aria-labelledby': 'outcome-title' });
  const only = (outcome, el) => { el.dataset.only = outcome; return el; };
  add(form,
    h('h3', { id: 'outcome-title' }, t('outcome.title')),
    proposed ? h('p', { class: 'proposed', role: 'status' }, t('mail.filled')) : null,
    errorSummary(),
    h('div', { class: 'grid' },
      field({ label: 'outcome.kind', field: 'outcome', value: proposed?.outcome ?? 'rejected', kind: 'select', autofocus: true,
        options: choices(outcomes(), 'outcome.') }),
      field({ label: 'outcome.date', field: 'date', value: proposed?.date ?? todayYmd(), hint: 'hint.date', required: true, date: true }),
      only('rejected', field({ label: 'outcome.channel', field: 'channel', value: 'email', kind: 'select',
        options: choices(heardBy(), 'channel.') })),
      only('rejected', field({ label: 'outcome.feedback', field: 'feedback', value: 'inside', kind: 'select',
        options: choices(feedbackAsks(), 'feedback.') })),
      only('ghosted', field({ label: 'outcome.promised_on', field: 'promisedOn', hint: 'hint.date_optional', date: true }))),
    only('rejected', field({ label: 'outcome.reason', field: 'reason', value: proposed?.reason ?? '', kind: 'textarea', wide: true })),
    field({ label: 'outcome.note', field: 'note', kind: 'textarea', wide: true }),
    h('div', { class: 'actions' },
      h('button', { type: 'submit', class: 'primary' }, t('outcome.save')),
      h('button', { type: 'button', onclick: () => onDone(false) }, t('form.cancel'))));

  const sync = () => {
    const kind = valueOf(form, 'outcome');
    for (const el of form.querySelectorAll('[data-only]')) el.hidden = el.dataset.only !== kind;
    // Relabel the date (its first text node, so the required "*" stays).
    const date = form.querySelector('[data-field="date"]');
    form.querySelector(`label[for="${date.id}"]`).firstChild.textContent = t(kind === 'ghosted' ? 'outcome.since' : 'outcome.date');
  };
  form.querySelector('[data-field="outcome"]').addEventListener('change', sync);
  onSubmit(form, async () => {
    const kind = valueOf(form, 'outcome');
    await ipc.logOutcome({
      applicationId: app.id, outcome: kind, date: valueOf(form, 'date'),
      channel: kind === 'rejected' ? valueOf(form, 'channel') : '',
      reason: kind === 'rejected' ? valueOf(form, 'reason') : '',
      feedback: kind === 'rejected' ? valueOf(form, 'feedback') : '',
      promisedOn: kind === 'ghosted' ? valueOf(form, 'promisedOn') : '',
      note: valueOf(form, 'note'),
    });
    if (proposed?.keep) await keepEmail(app.id, proposed.keep);
    onDone(true);
  });
  closeOnEscape(form, () => onDone(false));
  sync();
  return form;
}

function reflectionForm(event) {
  const r = event.reflection || {};
  const form = h('form', { class: 'form reflection-form', novalidate: true });
  const status = h('p', { class: 'saved', role: 'status' });
  add(form,
    errorSummary(),
    field({ label: 'reflection.went_well', field: 'wentWell', value: r.wentWell, kind: 'textarea', wide: true }),
    field({ label: 'reflection.do_differently', field: 'doDifferently', value: r.doDifferently, kind: 'textarea', wide: true }),
    field({ label: 'reflection.feelings', field: 'feelings', value: r.feelings, kind: 'textarea', wide: true }),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, t('reflection.save')), status));
  onSubmit(form, async () => {
    status.textContent = '';
    await ipc.saveReflection({
      outcomeEventId: event.id, wentWell: valueOf(form, 'wentWell'),
      doDifferently: valueOf(form, 'doDifferently'), feelings: valueOf(form, 'feelings'),
    });
    status.textContent = t('reflection.saved');
  });
  const open = !!(r.wentWell || r.doDifferently || r.feelings);
  return h('details', { class: 'reflection', open },
    h('summary', {}, t(open ? 'reflection.title_written' : 'reflection.title')), form);
}

function describe(e, app) {
  const d = e.details || {};
  const names = e.people.map((id) => app.people.find((p) => p.id === id)?.name).filter(Boolean);
  switch (e.kind) {
    case 'interview':
      return [t(`interview.format.${d.format}`), names.length ? t('timeline.met', { names: names.join(', ') }) : null];
    case 'rejected':
      return [d.channel ? t(`heard.${d.channel}`) : null,
        d.reason ? t('timeline.reason', { reason: d.reason }) : null, d.note];
    case 'ghosted':
      return [d.promised_on ? t('timeline.promised', { date: formatDate(d.promised_on) }) : null, d.note];
    case 'plan_created': {
      const checkIn = (d.steps || []).find((s) => s.step === 'check_in');
      return [checkIn ? tn('timeline.steps', d.steps.length, { date: formatDate(checkIn.due_on) })
        : (d.steps || []).map((s) => t(`message.${s.step}`)).join(', ')];
    }
    case 'message_sent': {
      const to = app.people.find((p) => p.id === d.person_id)?.name;
      return [t(`message.${d.step || d.message}`), to ? t('timeline.to', { name: to }) : null,
        d.channel ? t('timeline.by', { channel: t(`sent.${d.channel}`) }) : null];
    }
    case 'contact':
      return [names.length ? t('timeline.with', { names: names.join(', ') }) : null, d.note];
    case 'step_done':
    case 'step_skipped':
      return [t(`message.${d.step}`)];
    case 'step_snoozed':
      return [t(`message.${d.step}`), t('timeline.until', { date: formatDate(d.until) })];
    case 'step_rescheduled':
      return [t(`message.${d.step}`), t('timeline.moved', { from: formatDate(d.from), to: formatDate(d.to) })];
    default:
      return [d.note];
  }
}

/** "Delete interview": asks in place, deletes, offers "Undo", and redraws either way. */
function deleteInterviewButton(app, e, confirmSlot) {
  return h('button', {
    type: 'button', class: 'link danger',
    onclick: async () => {
      if (!(await confirmDelete(confirmSlot, t('delete.interview_confirm')))) return;
      try {
        const deleted = await ipc.deleteInterview(e.id);
        await render(app.id);
        offerUndo(t('undo.interview'), deleted, () => render(app.id));
      } catch (err) { fill(confirmSlot, h('p', { class: 'form-error', role: 'alert' }, err.message)); }
    },
  }, t('delete.interview'));
}

function timeline(app, onThanks) {
  return h('ol', { class: 'timeline', 'aria-label': t('timeline.title') },
    [...app.timeline].reverse().map((e) => {
      const confirmSlot = h('div');
      return h('li', { class: `event event-${e.kind}`, dataset: { kind: e.kind } },
        h('time', { datetime: e.date }, formatDate(e.date)),
        h('div', { class: 'what' },
          h('strong', {}, t(`event.${e.kind}`)),
          describe(e, app).filter(Boolean).map((line) => h('p', { class: 'detail' }, line)),
          e.kind === 'interview'
            ? h('div', { class: 'actions' },
              h('button', { type: 'button', class: 'link', onclick: onThanks }, t('timeline.write_thanks')),
              deleteInterviewButton(app, e, confirmSlot)) : null,
          confirmSlot,
          e.kind === 'email' ? h('details', { class: 'kept-mail' },
            h('summary', {}, t('timeline.show_email')), h('div', { class: 'mail-text' }, e.details?.text ?? '')) : null,
          outcomes().includes(e.kind) ? reflectionForm(e) : null));
    }));
}

function replyForm(app, onDone) {
  const form = h('form', { class: 'card form reply-form', novalidate: true, 'aria-labelledby': 'reply-title' });
  add(form,
    h('h3', { id: 'reply-title' }, t('reply.title')),
    errorSummary(),
    field({ label: 'reply.note', field: 'note', kind: 'textarea', wide: true, autofocus: true }),
    h('div', { class: 'actions' },
      h('button', { type: 'submit', class: 'primary' }, t('reply.save')),
      h('button', { type: 'button', onclick: () => onDone(false) }, t('form.cancel'))));
  onSubmit(form, async () => {
    await ipc.logReply(app.id, valueOf(form, 'note'));
    onDone(true);
  });
  closeOnEscape(form, () => onDone(false));
  return form;
}

/**
 * After the LinkedIn step of a plan is done: offers to keep in touch with the people of the application who have
 * no cadence yet (the article's advice: stay connected with the people, not only the application). `null` when
 * there is no one to ask about.
 */
function keepInTouchSuggestion(app, redraw) {
  const asked = app.people.filter((p) => !p.keepInTouchMonths);
  if (!asked.length) return null;
  const card = h('section', { class: 'card suggest', 'aria-labelledby': 'suggest-title' },
    h('h3', { id: 'suggest-title' }, t('suggest.title')),
    h('p', { class: 'hint' }, t('suggest.text')),
    asked.map((p) => h('div', { class: 'suggest-person', dataset: { personId: p.id } },
      h('strong', {}, p.name), cadenceField(p, redraw))),
    h('div', { class: 'actions' },
      h('button', {
        type: 'button',
        onclick: () => {
          // Focus goes on to the plan before the card leaves, so the keyboard does not lose its place.
          card.parentElement?.querySelector('.plan button')?.focus();
          card.remove();
        },
      }, t('suggest.not_now'))));
  return card;
}

/**
 * Renders the detail view of application `id`; with `stepId`, opens that step's message at once; with `suggest`,
 * offers to keep in touch with its people.
 */
export async function render(id, stepId, { suggest = false } = {}) {
  const [app, steps] = await Promise.all([ipc.getApplication(id), ipc.listSteps(id)]);
  const slot = h('div', { class: 'outcome-slot' });
  const composerSlot = h('div', { class: 'composer-slot' });
  const openComposer = (kind, step = null) => {
    const closeIt = () => composerSlot.replaceChildren();
    // Sent: the plan moves on; after the LinkedIn note, Rebound offers to keep in touch with the people met.
    const onSent = () => render(id, null, { suggest: step?.kind === 'linkedin' });
    fill(composerSlot, composer(app, { kind, step, onSent, onClose: closeIt }));
    composerSlot.scrollIntoView({ block: 'start' });
  };
  const openOutcome = (proposed = null) => {
    logButton.hidden = true;
    const form = outcomeForm(app, (saved) => {
      if (saved) { render(id); return; }
      slot.replaceChildren();
      logButton.hidden = false;
      logButton.focus();
    }, proposed);
    fill(slot, form);
    form.querySelector('[autofocus]').focus();
  };
  const logButton = h('button', {
    type: 'button', class: 'primary', 'aria-keyshortcuts': 'Control+L', onclick: () => openOutcome(),
  }, t('detail.log_outcome'));
  const replyButton = h('button', {
    type: 'button',
    onclick: () => {
      const form = replyForm(app, (saved) => {
        if (saved) { render(id); return; }
        slot.replaceChildren();
        replyButton.focus();
      });
      fill(slot, form);
      form.querySelector('[autofocus]').focus();
    },
  }, t('detail.log_reply'));
  const facts = [
    ['app.applied_on', formatDate(app.appliedOn)], ['app.location', app.location], ['app.source', app.source],
    ['app.posting_url', app.postingUrl], ['app.lang', t(`lang.${app.lang}`)],
  ].filter(([, v]) => v);
  const people = app.people.map((p) => h('li', {},
    h('strong', {}, p.name), p.title ? ` — ${p.title}` : '', p.email ? h('span', { class: 'muted' }, ` · ${p.email}`) : null));

  show(h('article', { class: 'detail' },
    h('p', { class: 'crumbs' }, h('a', { href: '#/' }, t('nav.back_to_list'))),
    h('header', { class: 'detail-head' },
      h('div', {},
        h('h2', {}, h('span', { class: 'company' }, app.company), ' — ', h('span', { class: 'role' }, app.role)),
        statusBadge(app.status)),
      h('div', { class: 'actions' },
        logButton,
        app.status === 'ghosted' ? replyButton : null,
        h('a', { class: 'button', href: `#/app/${app.id}/edit`, 'aria-keyshortcuts': 'Control+E' }, t('detail.edit')),
        h('a', { class: 'button', href: `#/app/${app.id}/email` }, t('mail.from_email')),
        h('a', { class: 'button', href: `#/company/${app.companyId}` }, t('detail.company_history')),
        h('button', {
          type: 'button', class: 'link danger',
          onclick: async () => {
            if (!(await confirmDelete(slot, t('delete.application_confirm')))) return;
            try {
              const deleted = await ipc.deleteApplication(app.id);
              go('#/');
              offerUndo(t('undo.application', { name: `${app.company} — ${app.role}` }), deleted, () => go(`#/app/${app.id}`));
            } catch (err) { fill(slot, h('p', { class: 'form-error', role: 'alert' }, err.message)); }
          },
        }, t('delete.application')))),
    slot,
    composerSlot,
    suggest ? keepInTouchSuggestion(app, async () => {
      await render(id, null, { suggest: true });
      document.querySelector('#view .suggest select, #view .plan button')?.focus();
    }) : null,
    planSection(steps, {
      onWrite: (s) => openComposer(s.kind, s),
      onChange: ({ action, step }) => render(id, null, { suggest: action === 'done' && step?.kind === 'linkedin' }),
    }),
    h('dl', { class: 'facts' }, facts.map(([k, v]) => [h('dt', {}, t(k)), h('dd', {}, v)])),
    people.length ? h('section', {}, h('h3', {}, t('form.people')), h('ul', { class: 'people-list' }, people)) : null,
    h('section', {}, h('h3', {}, t('timeline.title')), timeline(app, () => openComposer('interview_thanks')))), logButton);
  const step = stepId ? steps.find((s) => s.id === stepId) : null;
  if (step) openComposer(step.kind, step);
  // Opened from an e-mail's reading: the outcome form, filled, for the user to check and save.
  const proposed = take(id, 'outcome');
  if (proposed) openOutcome(proposed);
}

/** Keyboard shortcuts of the detail view. */
export function onKey(e) {
  const view = document.querySelector('article.detail');
  if (!view || !(e.ctrlKey || e.metaKey)) return false;
  if (e.key === 'l') { view.querySelector('[aria-keyshortcuts="Control+L"]:not([hidden])')?.click(); return true; }
  if (e.key === 'e') { const a = view.querySelector('[aria-keyshortcuts="Control+E"]'); if (a) go(a.getAttribute('href')); return true; }
  return false;
}
