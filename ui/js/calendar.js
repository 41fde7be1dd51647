// A month calendar that pops up beside a date field, for mouse users, and works from the keyboard: arrows move
// by a day or a week, Page Up / Page Down by a month, Home / End to the week's ends, Enter or Space picks the
// day, Escape closes. Picking writes YYYY-MM-DD into the field and fires its "input" event, so the date read-out
// and the form's draft follow as if it had been typed.

import { h } from './dom.js';
import { t, currentLang, formatDateFull } from './i18n.js';
import { ymd, parseYmd as parse, addDays, addMonths, todayYmd } from './dates.js';
const locale = () => (currentLang() === 'fr' ? 'fr-CA' : 'en-US');

/** A small calendar drawn in SVG (an emoji would need an emoji font, which many systems lack). */
function icon() {
  const ns = 'http://www.w3.org/2000/svg';
  const el = (tag, attrs) => {
    const e = document.createElementNS(ns, tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
    return e;
  };
  const svg = el('svg', { viewBox: '0 0 16 16', width: 16, height: 16, 'aria-hidden': 'true', focusable: 'false' });
  svg.append(
    el('rect', { x: 1.5, y: 2.5, width: 13, height: 12, rx: 1.5, fill: 'none', stroke: 'currentColor' }),
    el('path', { d: 'M1.5 6h13M5 1v3M11 1v3', stroke: 'currentColor', fill: 'none' }),
    el('rect', { x: 4, y: 8.5, width: 2, height: 2, fill: 'currentColor' }),
    el('rect', { x: 7, y: 8.5, width: 2, height: 2, fill: 'currentColor' }),
    el('rect', { x: 10, y: 8.5, width: 2, height: 2, fill: 'currentColor' }));
  return svg;
}

/** The button that opens the calendar for the text input `control` (the day it starts on: `start()`). */
export function calendarButton(control, start = () => control.dataset.ymd || control.value) {
  const slot = h('div', { class: 'calendar-slot' });
  const button = h('button', {
    type: 'button', class: 'calendar-button', 'aria-haspopup': 'dialog', 'aria-expanded': 'false',
    'aria-label': t('calendar.open'), title: t('calendar.open'),
  }, icon());
  const close = (focusBack = true) => {
    slot.replaceChildren();
    button.setAttribute('aria-expanded', 'false');
    if (focusBack) button.focus();
  };
  button.addEventListener('click', () => {
    if (slot.firstChild) { close(); return; }
    button.setAttribute('aria-expanded', 'true');
    slot.replaceChildren(month(parse(start()) || parse(todayYmd()), (picked) => {
      control.value = picked;
      control.dispatchEvent(new Event('input', { bubbles: true }));
      close(false);
      control.focus();
    }, () => close()));
  });
  return { button, slot };
}

/** The calendar itself, on `day`'s month with `day` focused. */
function month(day, onPick, onClose) {
  let focus = day;
  const box = h('div', { class: 'calendar', role: 'dialog', 'aria-label': t('calendar.title') });
  const draw = (moveFocus) => {
    const first = new Date(focus.getFullYear(), focus.getMonth(), 1);
    const lead = (first.getDay() + 6) % 7; // weeks start on Monday
    const start = addDays(first, -lead);
    const title = new Intl.DateTimeFormat(locale(), { month: 'long', year: 'numeric' }).format(focus);
    const weekday = new Intl.DateTimeFormat(locale(), { weekday: 'short' });
    const today = todayYmd();
    const rows = [];
    for (let w = 0; w < 6; w += 1) {
      const cells = [];
      for (let i = 0; i < 7; i += 1) {
        const d = addDays(start, w * 7 + i);
        const key = ymd(d);
        const current = key === ymd(focus);
        cells.push(h('td', { role: 'gridcell', 'aria-selected': current ? 'true' : 'false' },
          h('button', {
            type: 'button', tabindex: current ? '0' : '-1', dataset: { day: key },
            class: [d.getMonth() === focus.getMonth() ? '' : 'other-month', key === today ? 'today' : ''].join(' ').trim(),
            'aria-label': formatDateFull(key),
            onclick: () => onPick(key),
          }, String(d.getDate()))));
      }
      rows.push(h('tr', {}, cells));
    }
    box.replaceChildren(
      h('div', { class: 'calendar-head' },
        h('button', { type: 'button', 'aria-label': t('calendar.previous'), onclick: () => { focus = addMonths(focus, -1); draw(false); } }, '‹'),
        h('strong', { 'aria-live': 'polite' }, title),
        h('button', { type: 'button', 'aria-label': t('calendar.next'), onclick: () => { focus = addMonths(focus, 1); draw(false); } }, '›')),
      h('table', { role: 'grid', 'aria-label': title },
        h('thead', {}, h('tr', {}, [0, 1, 2, 3, 4, 5, 6].map((i) => h('th', { scope: 'col' }, weekday.format(addDays(start, i)))))),
        h('tbody', {}, rows)));
    if (moveFocus) box.querySelector(`[data-day="${ymd(focus)}"]`).focus();
  };
  box.addEventListener('keydown', (e) => {
    const moves = {
      ArrowLeft: () => addDays(focus, -1), ArrowRight: () => addDays(focus, 1),
      ArrowUp: () => addDays(focus, -7), ArrowDown: () => addDays(focus, 7),
      PageUp: () => addMonths(focus, -1), PageDown: () => addMonths(focus, 1),
      Home: () => addDays(focus, -((focus.getDay() + 6) % 7)), End: () => addDays(focus, 6 - ((focus.getDay() + 6) % 7)),
    };
    if (moves[e.key]) {
      e.preventDefault();
      focus = moves[e.key]();
      draw(true);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onClose();
    }
  });
  draw(false);
  queueMicrotask(() => box.querySelector(`[data-day="${ymd(focus)}"]`)?.focus());
  return box;
}
