// Add or edit an application, with the people met and the interviews.

import { h, show, fill, add } from '../dom.js';
import { t, currentLang } from '../i18n.js';
import { todayYmd } from '../dates.js';
import { field, showError, clearErrors, errorSummary, valueOf } from '../forms.js';
import * as ipc from '../ipc.js';
import { go } from '../router.js';
import { addressForms, choices, interviewFormats, langs } from '../vocabulary.js';
import { keepEmail, propose, take } from '../proposal.js';


// Unsaved forms, by application id ('new' for a new one): leaving a half-filled form and coming back finds it
// as it was. A save or an explicit Cancel forgets the draft.
const drafts = new Map();

/** The form's values for an existing application. */
function fromDetail(app) {
  return {
    company: app.company, role: app.role, postingUrl: app.postingUrl, location: app.location,
    appliedOn: app.appliedOn, source: app.source, lang: app.lang,
    checkInDays: app.checkInDays == null ? '' : String(app.checkInDays),
    people: app.people.map((p) => ({ ...p })),
    interviews: app.timeline.filter((e) => e.kind === 'interview').map((e) => ({
      id: e.id, date: e.date, format: e.details.format,
      met: e.people.map((pid) => app.people.findIndex((p) => p.id === pid)).filter((i) => i >= 0),
    })),
  };
}

const sameName = (a, b) => a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();

/**
 * The form's values with what an e-mail reading proposed: on a new application its company, role, language and
 * day; the person who signed (unless already there); for an invitation, an interview on the e-mail's day with
 * that person.
 */
function withProposal(values, p) {
  const v = { ...values, people: [...values.people], interviews: [...values.interviews] };
  if (!values.id) {
    Object.assign(v, { company: p.company || v.company, role: p.role || v.role, lang: p.lang || v.lang });
    if (p.date) v.appliedOn = p.date;
  }
  let who = -1;
  if (p.person) {
    who = v.people.findIndex((x) => sameName(x.name || '', p.person)
      || (p.personEmail && sameName(x.email || '', p.personEmail)));
    if (who < 0) {
      v.people.push({ id: null, name: p.person, title: '', email: p.personEmail || '', linkedinUrl: '', phone: '' });
      who = v.people.length - 1;
    }
  }
  if (p.interview) v.interviews.push({ id: null, date: p.date || todayYmd(), format: 'video', met: who >= 0 ? [who] : [] });
  return v;
}

/** Renders the form: empty for a new application, filled from `id` to edit one. */
export async function render(id) {
  const app = id ? await ipc.getApplication(id) : null;
  const key = id ?? 'new';
  // Opened from an e-mail's reading: that proposal fills the form (over a draft left earlier).
  const proposed = take(key, 'application');
  const base = (proposed ? null : drafts.get(key)) ?? (app ? { id: app.id, ...fromDetail(app) } : {
    company: '', role: '', postingUrl: '', location: '', appliedOn: todayYmd(), source: '', lang: currentLang(),
    checkInDays: '',
    people: [], interviews: [],
  });
  const values = proposed ? withProposal(base, proposed) : base;
  const state = { people: values.people, interviews: values.interviews };

  const peopleBox = h('div', { class: 'people' });
  const interviewBox = h('div', { class: 'interviews' });
  const form = h('form', { class: 'card form', novalidate: true, 'aria-labelledby': 'form-title' });

  // Reads what is typed in the people and interview rows back into `state`, before any re-render.
  const collect = () => {
    state.people = state.people.map((p, i) => ({
      id: p.id, name: valueOf(form, `people.${i}.name`), title: valueOf(form, `people.${i}.title`),
      email: valueOf(form, `people.${i}.email`), linkedinUrl: valueOf(form, `people.${i}.linkedinUrl`),
      phone: valueOf(form, `people.${i}.phone`), addressAs: valueOf(form, `people.${i}.addressAs`),
    }));
    state.interviews = state.interviews.map((iv, i) => ({
      id: iv.id, date: valueOf(form, `interviews.${i}.date`), format: valueOf(form, `interviews.${i}.format`),
      met: [...form.querySelectorAll(`[data-met-of="${i}"]:checked`)].map((c) => Number(c.value)),
    }));
  };

  const drawPeople = () => fill(peopleBox,
    ...state.people.map((p, i) => h('fieldset', { class: 'person' },
      h('legend', {}, t('person.legend', { n: i + 1 })),
      h('div', { class: 'grid' },
        field({ label: 'person.name', field: `people.${i}.name`, value: p.name, required: true }),
        field({ label: 'person.title', field: `people.${i}.title`, value: p.title }),
        field({ label: 'person.email', field: `people.${i}.email`, value: p.email }),
        field({ label: 'person.linkedin', field: `people.${i}.linkedinUrl`, value: p.linkedinUrl }),
        field({ label: 'person.phone', field: `people.${i}.phone`, value: p.phone }),
        field({ label: 'person.address_as', field: `people.${i}.addressAs`, value: p.addressAs || 'full', kind: 'select', options: choices(addressForms(), 'person.address.') })),
      h('button', {
        type: 'button', class: 'link danger',
        onclick: () => {
          collect();
          state.people.splice(i, 1);
          for (const iv of state.interviews) iv.met = iv.met.filter((m) => m !== i).map((m) => (m > i ? m - 1 : m));
          redraw();
        },
      }, t('person.remove', { n: i + 1 })))));

  const drawInterviews = () => fill(interviewBox,
    ...state.interviews.map((iv, i) => h('fieldset', { class: 'interview' },
      h('legend', {}, t('interview.legend', { n: i + 1 })),
      h('div', { class: 'grid' },
        field({ label: 'interview.date', field: `interviews.${i}.date`, value: iv.date, hint: 'hint.date', required: true, date: true }),
        field({ label: 'interview.format', field: `interviews.${i}.format`, value: iv.format || 'video', kind: 'select', options: choices(interviewFormats(), 'interview.format.') })),
      state.people.length
        ? h('fieldset', { class: 'met', dataset: { field: `interviews.${i}.met` } },
          h('legend', {}, t('interview.met')),
          state.people.map((p, pi) => {
            const cid = `met-${i}-${pi}`;
            return h('span', { class: 'check' },
              h('input', { type: 'checkbox', id: cid, value: pi, checked: iv.met.includes(pi), dataset: { metOf: i } }),
              h('label', { for: cid }, p.name || t('person.legend', { n: pi + 1 })));
          }))
        : h('p', { class: 'hint' }, t('interview.no_people')),
      h('button', {
        type: 'button', class: 'link danger',
        onclick: () => { collect(); state.interviews.splice(i, 1); redraw(); },
      }, t('interview.remove', { n: i + 1 })))));

  const redraw = () => { drawPeople(); drawInterviews(); };

  // A person's name labels their checkbox in the interviews: refresh those once the name is typed.
  peopleBox.addEventListener('change', (e) => {
    if (e.target.matches('[data-field$=".name"]')) { collect(); drawInterviews(); }
  });

  // Everything typed so far, in the shape save_application takes.
  const current = () => {
    collect();
    return {
      id: app ? app.id : null,
      company: valueOf(form, 'company'), role: valueOf(form, 'role'), postingUrl: valueOf(form, 'postingUrl'),
      location: valueOf(form, 'location'), appliedOn: valueOf(form, 'appliedOn'), source: valueOf(form, 'source'),
      lang: valueOf(form, 'lang'), people: state.people, interviews: state.interviews,
      // Empty: the setting applies. Anything but a whole number is sent as 0, which Rust refuses with a message.
      checkInDays: valueOf(form, 'checkInDays').trim() === '' ? null
        : (/^\d{1,4}$/.test(valueOf(form, 'checkInDays').trim()) ? Number(valueOf(form, 'checkInDays').trim()) : 0),
    };
  };
  form.addEventListener('input', () => drafts.set(key, current()));
  form.addEventListener('change', () => drafts.set(key, current()));

  const submit = async (e) => {
    e.preventDefault();
    const input = current();
    clearErrors(form);
    try {
      const savedId = await ipc.saveApplication(input);
      drafts.delete(key);
      if (proposed?.then) {
        // A rejection or an offer read from an e-mail, for an application that was not in the journal yet: its
        // outcome form comes next, filled; the e-mail is kept once that one is saved.
        propose(savedId, 'outcome', { ...proposed, outcome: proposed.then });
      } else if (proposed?.keep) {
        await keepEmail(savedId, proposed.keep);
      }
      go(`#/app/${savedId}`);
    } catch (err) {
      showError(form, err);
    }
  };
  form.addEventListener('submit', submit);

  add(form,
    h('h2', { id: 'form-title' }, t(app ? 'form.edit_title' : 'form.new_title')),
    proposed ? h('p', { class: 'proposed', role: 'status' }, t(proposed.interview ? 'mail.filled_interview' : 'mail.filled')) : null,
    errorSummary(),
    h('div', { class: 'grid' },
      field({ label: 'app.company', field: 'company', value: values.company, required: true, autofocus: true }),
      field({ label: 'app.role', field: 'role', value: values.role, required: true }),
      field({ label: 'app.applied_on', field: 'appliedOn', value: values.appliedOn, hint: 'hint.date', required: true, date: true }),
      field({ label: 'app.location', field: 'location', value: values.location }),
      field({ label: 'app.posting_url', field: 'postingUrl', value: values.postingUrl }),
      field({ label: 'app.source', field: 'source', value: values.source, hint: 'hint.source' }),
      field({ label: 'app.lang', field: 'lang', value: values.lang, kind: 'select', options: choices(langs(), 'lang.'), hint: 'hint.lang' }),
      field({ label: 'app.check_in_days', field: 'checkInDays', value: values.checkInDays, hint: 'hint.check_in_days' })),
    h('h3', {}, t('form.people')),
    peopleBox,
    h('button', {
      type: 'button', class: 'secondary',
      onclick: () => {
        collect(); state.people.push({ id: null, name: '', title: '', email: '', linkedinUrl: '', phone: '' }); redraw();
        form.querySelector(`[data-field="people.${state.people.length - 1}.name"]`).focus();
      },
    }, t('form.add_person')),
    h('h3', {}, t('form.interviews')),
    interviewBox,
    h('button', {
      type: 'button', class: 'secondary',
      onclick: () => {
        collect(); state.interviews.push({ id: null, date: todayYmd(), format: 'video', met: [] }); redraw();
        form.querySelector(`[data-field="interviews.${state.interviews.length - 1}.date"]`).focus();
      },
    }, t('form.add_interview')),
    h('div', { class: 'actions' },
      h('button', { type: 'submit', class: 'primary' }, t('form.save')),
      h('a', { class: 'button', href: app ? `#/app/${app.id}` : '#/', onclick: () => drafts.delete(key) },
        t('form.cancel'))));
  redraw();
  show(form);
}
