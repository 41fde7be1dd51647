// Company history: every application and every person at one company.

import { h, show, fill } from '../dom.js';
import { t, formatDate } from '../i18n.js';
import * as ipc from '../ipc.js';
import { statusBadge } from './list.js';
import { confirmDelete, offerUndo } from '../undo.js';

/** Renders the history of company `id`. */
export async function render(id) {
  const c = await ipc.getCompanyHistory(id);
  show(h('article', { class: 'company-history' },
    h('p', { class: 'crumbs' }, h('a', { href: '#/' }, t('nav.back_to_list'))),
    h('h2', {}, t('company.title', { name: c.name })),
    h('section', {},
      h('h3', {}, t('company.applications', { n: c.applications.length })),
      h('ul', { class: 'app-list' }, c.applications.map((a) => h('li', {},
        h('a', { href: `#/app/${a.id}`, class: 'app-row' },
          h('span', { class: 'role' }, a.role),
          h('span', { class: 'muted' }, t('company.applied', { date: formatDate(a.appliedOn) })),
          statusBadge(a.status),
          h('time', { datetime: a.lastEventOn, class: 'last' }, formatDate(a.lastEventOn))))))),
    h('section', {},
      h('h3', {}, t('company.people', { n: c.people.length })),
      c.people.length
        ? h('ul', { class: 'people-list' }, c.people.map((p) => {
          const confirmSlot = h('div');
          const remove = h('button', {
            type: 'button', class: 'link danger',
            onclick: async () => {
              if (!(await confirmDelete(confirmSlot, t('delete.person_confirm', { name: p.name })))) return;
              try {
                const deleted = await ipc.deletePerson(p.id);
                await render(id);
                offerUndo(t('undo.person', { name: p.name }), deleted, () => render(id));
              } catch (err) { fill(confirmSlot, h('p', { class: 'form-error', role: 'alert' }, err.message)); }
            },
          }, t('delete.person'));
          return h('li', { dataset: { personId: p.id } },
            h('strong', {}, p.name), p.title ? ` — ${p.title}` : '',
            p.email ? h('span', { class: 'muted' }, ` · ${p.email}`) : null,
            p.linkedinUrl ? h('span', { class: 'muted' }, ` · ${p.linkedinUrl}`) : null,
            ' ', remove, confirmSlot);
        }))
        : h('p', { class: 'muted' }, t('company.no_people')))));
}
