// Small helpers to build DOM from data. User text always goes in as text, never as HTML.

/**
 * h('p', {class: 'x', onclick: f}, 'text', child) → element. Strings become text nodes; null/false are skipped.
 * Attributes starting with "on" become listeners; `value`, `checked` and `selected` are set as properties.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'value' || k === 'checked' || k === 'selected') el[k] = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  return add(el, ...children);
}

// The nodes for children as h() takes them: nested arrays flattened, strings as text, null/undefined/false left out.
// (The DOM's own append() and replaceChildren() would write a null as the text "null".)
const nodes = (children) => children.flat(Infinity)
  .filter((c) => c !== null && c !== undefined && c !== false)
  .map((c) => (c instanceof Node ? c : document.createTextNode(String(c))));

/** Appends children to `el` as h() does (null/false skipped); returns `el`. */
export function add(el, ...children) {
  el.append(...nodes(children));
  return el;
}

/** Replaces the content of `el` with children as h() takes them (null/false skipped); returns `el`. */
export function fill(el, ...children) {
  el.replaceChildren(...nodes(children));
  return el;
}

let uid = 0;
/** A fresh element id, so that labels can point at their controls. */
export const nextId = (prefix = 'f') => `${prefix}-${++uid}`;

/** Replaces the content of the main view and moves focus to it (or to `focus` when given). */
export function show(view, focus) {
  const main = document.getElementById('view');
  main.replaceChildren(view);
  (focus || main.querySelector('[autofocus]') || main).focus();
}

/** Escape inside `root` runs `close()` and goes no further (an inline form closes, not the view around it). */
export function closeOnEscape(root, close) {
  root.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') { e.stopPropagation(); close(); }
  });
}
