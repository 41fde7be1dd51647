// "From an e-mail…": the user pastes an employer's e-mail, drops an .eml file on the window or opens one; Rust reads
// what happened (offline) and this view shows the reading as a proposal — what kind of news, the fields, the
// words that decided, highlighted in the e-mail — with one button that opens the usual form already filled.
// Nothing is written before the user saves that form.

import { h, show, fill, add } from '../dom.js';
import { t, formatDate } from '../i18n.js';
import { field, errorSummary, valueOf, checkedOf, onSubmit, showError } from '../forms.js';
import * as ipc from '../ipc.js';
import { go } from '../router.js';
import { propose, takeDropped } from '../proposal.js';
import { choices, mailKinds, mailMaxBytes } from '../vocabulary.js';

/** The e-mail as Rust read it, with the deciding phrases marked (overlapping ones as one). Offsets are JavaScript
 * string indices. */
function markedText(text, evidence) {
  const spans = [];
  for (const { start, end } of [...evidence].sort((a, b) => a.start - b.start)) {
    if (end <= start) continue;
    const last = spans[spans.length - 1];
    if (last && start <= last.end) last.end = Math.max(last.end, end);
    else spans.push({ start, end });
  }
  const parts = [];
  let at = 0;
  for (const { start, end } of spans) {
    parts.push(text.slice(at, start), h('mark', {}, text.slice(start, end)));
    at = end;
  }
  parts.push(text.slice(at));
  return h('div', { class: 'mail-text', tabindex: '0', role: 'region', 'aria-label': t('mail.text_label') }, parts);
}

/** The deciding phrases, each once, leaving out one that is part of another. */
function phrases(evidence) {
  const all = evidence.map((e) => e.phrase);
  return [...new Set(all)].filter((p, i, list) => !list.some((q, j) => j !== i && q.length > p.length
    && q.toLocaleLowerCase().includes(p.toLocaleLowerCase())));
}

/** What the main button says for `kind`, when it leads anywhere. */
function actionLabel(kind, target) {
  const isNew = target === 'new';
  switch (kind) {
    case 'rejection':
    case 'offer':
      return t(isNew ? 'mail.action.new_then_outcome' : 'mail.action.outcome');
    case 'interview_invite':
      return t('mail.action.interview');
    case 'acknowledgement':
      return t(isNew ? 'mail.action.new_application' : 'mail.action.open');
    case 'no_decision_yet':
      return t(isNew ? 'mail.action.new_application' : 'mail.action.open');
    default:
      return null;
  }
}

/** The proposal for one reading, inside `slot`; `preset` is the application the view was opened from. */
function proposalForm(reading, preset) {
  const form = h('form', { class: 'card form mail-proposal', novalidate: true, 'aria-labelledby': 'mail-read-title' });
  const candidates = [...reading.candidates];
  if (preset && !candidates.some((c) => c.id === preset.id)) {
    candidates.unshift({ id: preset.id, company: preset.company, role: preset.role, appliedOn: preset.appliedOn });
  }
  const chosen = preset ? preset.id : (reading.applicationId ?? 'new');
  const appOptions = [
    ...candidates.map((c) => [String(c.id), t('mail.candidate', { company: c.company, role: c.role, date: formatDate(c.appliedOn) })]),
    ['new', t('mail.new_application')],
  ];
  const reasonText = reading.reason ? t(`mail.reason.${reading.reason}`) : '';
  const why = reading.evidence.length
    ? h('p', { class: 'why' }, t('mail.why'), ' ',
      phrases(reading.evidence).map((p, i) => [i ? ', ' : '', h('q', {}, p)]))
    : h('p', { class: 'why' }, t('mail.no_evidence'));
  const note = h('p', { class: 'mail-note', role: 'status' });
  const action = h('button', { type: 'submit', class: 'primary' });
  add(form,
    h('h3', { id: 'mail-read-title', tabindex: '-1' }, t('mail.read_title')),
    reading.file ? h('p', { class: 'hint' }, t('mail.from_file', { file: reading.file })) : null,
    errorSummary(),
    h('div', { class: 'grid' },
      field({ label: 'mail.kind', field: 'kind', value: reading.kind, kind: 'select', options: choices(mailKinds(), 'mail.kind.') }),
      field({ label: 'mail.application', field: 'application', value: String(chosen), kind: 'select', options: appOptions, raw: true }),
      field({ label: 'app.company', field: 'company', value: reading.company ?? '' }),
      field({ label: 'app.role', field: 'role', value: reading.role ?? '' }),
      field({ label: 'mail.person', field: 'person', value: reading.person ?? '' }),
      field({ label: 'person.email', field: 'personEmail', value: reading.personEmail ?? '' }),
      field({ label: 'mail.date', field: 'date', value: reading.date, hint: 'hint.date', date: true })),
    field({ label: 'outcome.reason', field: 'reason', value: reasonText, kind: 'textarea', wide: true }),
    field({ label: 'mail.keep', field: 'keep', kind: 'checkbox', hint: 'mail.keep_hint' }),
    why,
    note,
    h('div', { class: 'actions' }, action),
    h('h4', {}, t('mail.text_title')),
    markedText(reading.text, reading.evidence));

  const reasonField = form.querySelector('[data-field="reason"]').closest('.field');
  const sync = () => {
    const kind = valueOf(form, 'kind');
    const target = valueOf(form, 'application');
    reasonField.hidden = kind !== 'rejection';
    const label = actionLabel(kind, target);
    action.hidden = !label;
    action.textContent = label ?? '';
    const notes = {
      unrelated: 'mail.note.unrelated',
      no_decision_yet: 'mail.note.no_decision_yet',
      interview_invite: 'mail.note.interview_invite',
      acknowledgement: target === 'new' ? null : 'mail.note.acknowledged',
    };
    note.textContent = notes[kind] ? t(notes[kind]) : '';
  };
  form.querySelector('[data-field="kind"]').addEventListener('change', sync);
  form.querySelector('[data-field="application"]').addEventListener('change', sync);
  sync();

  onSubmit(form, async () => {
    const kind = valueOf(form, 'kind');
    const target = valueOf(form, 'application');
    const date = valueOf(form, 'date');
    const values = {
      company: valueOf(form, 'company'), role: valueOf(form, 'role'), person: valueOf(form, 'person'),
      personEmail: valueOf(form, 'personEmail'), date, reason: kind === 'rejection' ? valueOf(form, 'reason') : '',
      lang: reading.lang, keep: checkedOf(form, 'keep') ? { date, text: reading.text } : null,
    };
    const id = target === 'new' ? null : Number(target);
    if (kind === 'rejection' || kind === 'offer') {
      const outcome = kind === 'rejection' ? 'rejected' : 'offer';
      if (id) { propose(id, 'outcome', { ...values, outcome }); go(`#/app/${id}`); } else {
        propose('new', 'application', { ...values, then: outcome }); go('#/new');
      }
    } else if (kind === 'interview_invite') {
      propose(id ?? 'new', 'application', { ...values, interview: true });
      go(id ? `#/app/${id}/edit` : '#/new');
    } else if (!id) {
      propose('new', 'application', values);
      go('#/new');
    } else {
      // Nothing changes on the application: the e-mail is kept if asked, and its page is shown.
      if (values.keep) await ipc.keepEmail(id, values.keep.date, values.keep.text);
      go(`#/app/${id}`);
    }
  });
  return form;
}

/**
 * Renders the view; `appId` when opened from an application's page (that application is proposed first). A file
 * dropped on the window before the view was shown is read at once.
 */
export async function render(appId = null) {
  const preset = appId ? await ipc.getApplication(appId) : null;
  const result = h('div', { class: 'mail-result', 'aria-live': 'polite' });
  const form = h('form', { class: 'card form mail-input', novalidate: true, 'aria-labelledby': 'mail-title' });
  const status = h('p', { class: 'hint', role: 'status' });

  const showReading = (reading) => {
    if (!reading) return;
    status.textContent = '';
    const proposal = proposalForm(reading, preset);
    fill(result, proposal);
    proposal.querySelector('h3').focus();
  };
  const readFile = async (file) => {
    fill(result);
    status.textContent = t('mail.reading', { file: file.name });
    try {
      showReading(await ipc.readEmailFile(file, mailMaxBytes()));
    } catch (err) {
      status.textContent = '';
      showFileError(err);
    }
  };
  // A file's refusal is about the file, not the text box: its sentence goes in the form's summary.
  const showFileError = (err) => showError(form,
    { message: err.fields?.length ? err.fields.map((f) => f.message).join(' ') : err.message, fields: [] });

  const openButton = h('button', {
    type: 'button',
    onclick: async () => {
      try {
        showReading(await ipc.openEmailFile());
      } catch (err) { showFileError(err); }
    },
  }, t('mail.open'));
  add(form,
    h('h2', { id: 'mail-title' }, t('mail.title')),
    h('p', { class: 'hint' }, t('mail.intro')),
    errorSummary(),
    field({ label: 'mail.paste', field: 'text', kind: 'textarea', wide: true, autofocus: true }),
    h('div', { class: 'actions' },
      h('button', { type: 'submit', class: 'primary' }, t('mail.read')),
      openButton,
      h('a', { class: 'button', href: preset ? `#/app/${preset.id}` : '#/' }, t('form.cancel'))),
    status);
  form.querySelector('textarea').rows = 10;
  onSubmit(form, async () => {
    fill(result);
    showReading(await ipc.readEmail(valueOf(form, 'text')));
  });

  show(h('div', { class: 'mail-view' },
    preset ? h('p', { class: 'crumbs' }, h('a', { href: `#/app/${preset.id}` }, `${preset.company} — ${preset.role}`)) : null,
    form, result));
  const dropped = takeDropped();
  if (dropped) await readFile(dropped);
}
