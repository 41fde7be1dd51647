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
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
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
