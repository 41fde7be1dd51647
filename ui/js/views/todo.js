// "To do": the open steps of every application from two weeks ago on, soonest first; or only the older ones (their
// moment passed more than two weeks ago), reached from the first screen's "Review". Drawn a page at a time, as the
// first screen's list is: a year of history must not become a wall of rows (each row drawn is kept in memory).

import { h, show } from '../dom.js';
import { t, formatDate, stepName } from '../i18n.js';
import * as ipc from '../ipc.js';

const PAGE = 100;

const row = (s) => h('li', {},
  h('a', { class: 'app-row todo-row', href: `#/app/${s.applicationId}/step/${s.id}`, dataset: { state: s.state, kind: s.kind } },
    h('span', { class: 'company' }, s.company),
    h('span', { class: 'role' }, `${stepName(s)} — ${s.role}`),
    h('span', { class: `badge badge-step-${s.state}` }, t(`state.${s.state}`)),
    h('time', { datetime: s.effectiveOn, class: 'last' }, formatDate(s.effectiveOn))));

/** Renders the to-do list; with `older`, only the steps whose moment passed long ago. */
export async function render(older = false) {
  const steps = await (older ? ipc.listOlder() : ipc.listTodo());
  let shown = Math.min(PAGE, steps.length);
  const list = h('ul', { class: 'app-list' }, steps.slice(0, shown).map(row));
  const more = h('button', { type: 'button', class: 'secondary more' });
  const label = () => {
    more.textContent = t('list.more', { n: Math.min(PAGE, steps.length - shown) });
    more.hidden = shown >= steps.length;
  };
  more.addEventListener('click', () => {
    const next = steps.slice(shown, shown + PAGE).map(row);
    list.append(...next);
    shown += next.length;
    label();
    next[0]?.querySelector('a')?.focus();
  });
  label();
  show(h('section', { class: 'todo' },
    h('h2', {}, t(older ? 'todo.older_title' : 'todo.title')),
    older ? h('p', { class: 'muted' }, t('todo.older_hint'), ' ', h('a', { href: '#/todo' }, t('todo.back'))) : null,
    steps.length ? [list, more] : h('p', { class: 'empty muted' }, t(older ? 'todo.older_empty' : 'todo.empty'))));
}
