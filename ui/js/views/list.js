// The first screen: what is due now and in the next seven days ("Today", absent when nothing is), then the
// applications, with a search box, most recent activity first.

import { h, show, fill, add } from '../dom.js';
import { t, tn, formatDate, stepName } from '../i18n.js';
import { go } from '../router.js';
import { offerUndoOf } from '../undo.js';
import * as ipc from '../ipc.js';

let lastQuery = '';

// Rows drawn at first, and added by each "show more": a long journal stays quick to open and cheap to keep on
// screen (every row drawn is painted and kept in memory by the webview).
const PAGE = 100;

/** A status badge: applied, interviewing, rejected, ghosted, offer, accepted, withdrawn. */
export const statusBadge = (status) => h('span', { class: `badge badge-${status}` }, t(`status.${status}`));

// The search marks each matched word between these two characters (see journal/search.rs).
const MARK = /\uE000([^\uE001]*)\uE001/g;

/** A search passage with its matched words highlighted (built as text nodes and <mark>s, never as HTML). */
function passage(snippet) {
  const out = [];
  let at = 0;
  for (const m of snippet.matchAll(MARK)) {
    out.push(snippet.slice(at, m.index), h('mark', {}, m[1]));
    at = m.index + m[0].length;
  }
  out.push(snippet.slice(at));
  return out;
}

/** Rows of applications; with `matches` (application id → the search's matches), where each one matched. */
function rows(apps, matches = null) {
  return h('ul', { class: 'app-list', 'aria-label': t('list.title') },
    apps.map((a) => h('li', {},
      h('a', { href: `#/app/${a.id}`, class: 'app-row', dataset: { id: a.id } },
        h('span', { class: 'company' }, a.company),
        h('span', { class: 'role' }, a.role),
        statusBadge(a.status),
        h('time', { datetime: a.lastEventOn, class: 'last' }, formatDate(a.lastEventOn))),
      matches?.get(a.id)?.length ? h('ul', { class: 'matches' }, matches.get(a.id).map((m) => h('li', { dataset: { field: m.field } },
        h('span', { class: 'match-field' }, t(`search.field.${m.field}`)), ' ', passage(m.snippet)))) : null)));
}

/**
 * "Today": the steps due or overdue by up to two weeks, then those of the next days, each one click from its
 * message — at most fifteen, then how many more are in To do; the steps whose moment passed longer ago are one
 * line, with "Review" and "Dismiss them". `null` when there is nothing at all, so the section takes no room.
 */
function today({ steps, more, older }) {
  if (!steps.length && !older) return null;
  const now = steps.filter((s) => s.state !== 'upcoming');
  const soon = steps.filter((s) => s.state === 'upcoming');
  const item = (s) => h('li', { class: 'focus-step', dataset: { kind: s.kind, state: s.state, stepId: s.id } },
    h('span', { class: 'company' }, s.company),
    h('span', { class: 'role' }, `${stepName(s)} — ${s.role}`),
    h('time', { datetime: s.effectiveOn, class: 'when' }, formatDate(s.effectiveOn)),
    h('a', { class: 'button primary', href: `#/app/${s.applicationId}/step/${s.id}`,
      'aria-label': t('today.write_for', { kind: stepName(s), company: s.company }) }, t('plan.write')));
  const group = (list, title) => (list.length ? [h('h3', {}, t(title)), h('ul', { class: 'focus-list' }, list.map(item))] : []);
  const moreLine = more ? h('p', { class: 'focus-more' }, h('a', { href: '#/todo' }, tn('today.more', more))) : null;
  return h('section', { class: 'card today', 'aria-labelledby': 'today-title' },
    h('h2', { id: 'today-title' }, t('today.title')),
    ...group(now, 'today.now'),
    ...group(soon, 'today.soon'),
    moreLine,
    older ? olderLine(older) : null);
}

/** "N older follow-ups passed", with "Review" (To do, only those) and "Dismiss them" (skipped, with Undo). */
function olderLine(n) {
  const problem = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const dismiss = h('button', {
    type: 'button',
    onclick: async () => {
      problem.hidden = true;
      try {
        const done = await ipc.dismissOlder();
        offerUndoOf(tn('today.dismissed', done.count), () => ipc.undoDismiss(done.at), () => {
          if (!location.hash || location.hash === '#/') go('#/');
        });
        go('#/');
      } catch (err) {
        problem.textContent = err.message;
        problem.hidden = false;
      }
    },
  }, tn('today.dismiss', n));
  return h('div', { class: 'focus-older' },
    h('p', {}, tn('today.older', n)),
    h('div', { class: 'actions' }, h('a', { class: 'button', href: '#/todo/older' }, t('today.review')), dismiss),
    problem);
}

function emptyState() {
  return h('section', { class: 'empty' },
    h('h2', {}, t('empty.title')),
    h('p', {}, t('empty.body')),
    h('p', { class: 'actions' }, h('a', { class: 'button primary', href: '#/new', autofocus: true }, t('empty.action')),
      h('a', { class: 'button', href: '#/email' }, t('mail.from_email'))));
}

// The first screen's data, asked for as soon as the app starts (see prefetch), then on each visit.
let pending = null;
const load = () => Promise.all([ipc.firstApplications(PAGE), ipc.listFocus()]);

/** Starts fetching what the list shows, while the rest of the start-up (strings, vocabulary) is on its way. */
export function prefetch() {
  pending = load();
  pending.catch(() => {}); // reported by render(), which awaits the same promise
}

/** Forgets a prefetch the first screen did not use (another view was asked for meanwhile): it would be stale. */
export const dropPrefetch = () => { pending = null; };

/** Renders the list; the search keeps its text between visits. */
export async function render() {
  // Taken before the wait: a redraw meanwhile (a change from the tray) or after a failure asks again.
  const data = pending ?? load();
  pending = null;
  const [first, focus] = await data;
  performance.mark('rebound:listed');
  if (first.total === 0) {
    show(emptyState());
    return;
  }
  // Only the first page came with the screen; every row is read when a search or "show more" needs it.
  let everything = first.items.length === first.total ? Promise.resolve(first.items) : null;
  const all = () => (everything ??= ipc.listApplications(''));
  const results = h('div', { id: 'results' });
  const searchId = 'search';
  // Not autofocused: a blinking caret repaints the window twice a second for as long as the list is shown,
  // which costs measurable CPU on software rendering. Ctrl+F (or Tab) reaches the search box.
  // A text field with the search box's role, not type="search": WebKitGTK builds that one's decorations from an
  // SVG, which loads its XML parser and renderer into the webview (measured: 2.5 MB more memory for the window).
  // Escape empties it, as it would a search field.
  const input = h('input', {
    id: searchId, type: 'text', role: 'searchbox', enterkeyhint: 'search', value: lastQuery, autocomplete: 'off',
    spellcheck: 'false', placeholder: t('list.search_placeholder'),
    onkeydown: (e) => {
      if (e.key === 'Escape' && input.value) {
        e.stopPropagation();
        input.value = '';
        refresh();
      }
    },
  });
  const count = h('p', { class: 'count', role: 'status' });
  let seq = 0;
  const refresh = async () => {
    const mine = ++seq;
    lastQuery = input.value;
    let apps = first.items;
    let total = first.total;
    let matches = null;
    if (lastQuery.trim()) {
      let hits;
      let every;
      try {
        [hits, every] = await Promise.all([ipc.searchJournal(lastQuery), all()]);
      } catch (err) {
        everything = null; // asked again next time
        if (mine === seq) fill(results, h('p', { class: 'form-error', role: 'alert' }, err.message));
        return;
      }
      const byId = new Map(every.map((a) => [a.id, a]));
      apps = hits.map((hit) => byId.get(hit.applicationId)).filter(Boolean);
      total = apps.length;
      matches = new Map(hits.map((hit) => [hit.applicationId, hit.matches]));
    }
    if (mine !== seq) return; // a newer keystroke already answered
    count.textContent = t('list.count', { n: total });
    if (!total) {
      fill(results, h('p', { class: 'none' }, t('list.no_match', { q: lastQuery })));
      return;
    }
    let shown = Math.min(PAGE, apps.length);
    const list = rows(apps.slice(0, shown), matches);
    const more = h('button', { type: 'button', class: 'secondary more' });
    const label = () => {
      more.textContent = t('list.more', { n: Math.min(PAGE, total - shown) });
      more.hidden = shown >= total;
    };
    const problem = h('p', { class: 'form-error', role: 'alert', hidden: true });
    more.addEventListener('click', async () => {
      problem.hidden = true;
      if (apps.length < total) {
        try {
          apps = await all();
        } catch (err) {
          everything = null; // asked again at the next click; the rows shown stay
          problem.textContent = err.message;
          problem.hidden = false;
          return;
        }
        if (mine !== seq) return;
        total = apps.length;
        count.textContent = t('list.count', { n: total });
        // The journal changed since the first page (nothing redraws while the search box has the focus): the
        // rows are drawn again from the whole list, one page further, rather than appended out of step.
        const drawn = [...list.querySelectorAll(':scope > li > a.app-row')].map((a) => Number(a.dataset.id));
        if (drawn.some((id, i) => apps[i]?.id !== id)) {
          const at = shown;
          shown = Math.min(shown + PAGE, total);
          fill(list, ...rows(apps.slice(0, shown), matches).children);
          label();
          list.children[at]?.querySelector('a')?.focus();
          return;
        }
      }
      const next = rows(apps.slice(shown, shown + PAGE), matches);
      const head = next.firstElementChild;
      add(list, ...next.children);
      shown = Math.min(shown + PAGE, apps.length);
      label();
      head?.querySelector('a')?.focus();
    });
    label();
    fill(results, list, more, problem);
  };
  input.addEventListener('input', refresh);
  // The rows are built before the view is shown (without a search to wait for, refresh fills `results` before its
  // first await), so that the window lays the page out once, not once empty and again with its rows.
  const filled = refresh();
  show(h('div', {}, today(focus), h('section', {},
    h('div', { class: 'list-head' },
      h('div', { class: 'list-title' }, h('h2', {}, t('list.title')),
        h('a', { class: 'button', href: '#/email' }, t('mail.from_email'))),
      h('div', { class: 'search' }, h('label', { for: searchId }, t('list.search')), input)),
    count, results)));
  await filled;
}
