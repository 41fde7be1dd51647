// "To do": the open steps of every application, soonest first.

import { h, show } from '../dom.js';
import { t, formatDate, stepName } from '../i18n.js';
import * as ipc from '../ipc.js';

/** Renders the to-do list. */
export async function render() {
  const steps = await ipc.listTodo();
  show(h('section', { class: 'todo' },
    h('h2', {}, t('todo.title')),
    steps.length
      ? h('ul', { class: 'app-list' }, steps.map((s) => h('li', {},
        h('a', { class: 'app-row todo-row', href: `#/app/${s.applicationId}/step/${s.id}`, dataset: { state: s.state, kind: s.kind } },
          h('span', { class: 'company' }, s.company),
          h('span', { class: 'role' }, `${stepName(s)} — ${s.role}`),
          h('span', { class: `badge badge-step-${s.state}` }, t(`state.${s.state}`)),
          h('time', { datetime: s.effectiveOn, class: 'last' }, formatDate(s.effectiveOn))))))
      : h('p', { class: 'empty muted' }, t('todo.empty'))));
}
