// Insights: a picture of the search over a chosen period — the funnel, applications per week, how long answers
// take, what came of the follow-ups and of the check-ins. Rust computes every figure; this view only draws them,
// as SVG charts (no remote assets) each with a table of the same figures beside it.

import { h, show, nextId } from '../dom.js';
import { t, tn, formatDate, formatNumber } from '../i18n.js';
import { inDays, todayYmd } from '../dates.js';
import * as ipc from '../ipc.js';

const SVG = 'http://www.w3.org/2000/svg';
const PERIODS = [30, 90, 365];
// Colours written on the shapes themselves (the page's CSS may override them on screen), so that a chart saved
// as SVG looks the same outside Rebound.
const BAR = '#0f766e';
const INK = '#1c2430';
let period = 90;

/** An SVG element with attributes (SVG needs its own namespace, so `h` cannot make it). */
function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  for (const c of children) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

/** YYYY-MM-DD `days` before today. */
const daysAgo = (days) => inDays(-days);

/** A table of (label, value) rows with a caption: the accessible twin of a chart. */
function table(caption, rows, head) {
  return h('table', { class: 'figures' },
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, head[0]), h('th', { scope: 'col' }, head[1]))),
    h('tbody', {}, rows.map(([label, value, key]) => h('tr', { dataset: { key } },
      h('th', { scope: 'row' }, label), h('td', {}, String(value))))));
}

/** Horizontal bars, one per (label, value), scaled to the largest. */
function bars(title, rows) {
  const titleId = nextId('chart');
  const max = Math.max(1, ...rows.map((r) => r[1]));
  const rowH = 28;
  const svg = s('svg', { viewBox: `0 0 520 ${rows.length * rowH + 8}`, role: 'img', 'aria-labelledby': titleId, class: 'chart' },
    s('title', { id: titleId }, title));
  rows.forEach(([label, value], i) => {
    const y = i * rowH + 4;
    svg.append(
      s('text', { x: 0, y: y + 17, class: 'chart-label', fill: INK, 'font-size': 13, 'font-family': 'sans-serif' }, label),
      s('rect', { x: 190, y, width: Math.max(2, (value / max) * 280), height: rowH - 8, rx: 3, class: 'chart-bar', fill: BAR }),
      s('text', { x: 190 + Math.max(2, (value / max) * 280) + 6, y: y + 17, class: 'chart-value', fill: INK, 'font-size': 13, 'font-family': 'sans-serif' }, value));
  });
  return svg;
}

/** A round step for an axis going up to `max`: 1, 2 or 5 times a power of ten, about four steps in all. */
function tickStep(max) {
  const raw = Math.max(1, max / 4);
  const power = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw);
}

/**
 * Vertical bars, one per week, on a labelled axis: a scale of applications on the left with its grid lines, the
 * month under the first week that starts in it, and each week's figure above its bar when there is room.
 */
function columns(title, weeks) {
  const titleId = nextId('chart');
  const step = tickStep(Math.max(1, ...weeks.map((w) => w.applications)));
  const top = step * Math.ceil(Math.max(1, ...weeks.map((w) => w.applications)) / step);
  const left = 40;
  const plotW = 500;
  const plotH = 140;
  const y0 = 12; // room above the tallest bar for its figure
  const w = plotW / Math.max(1, weeks.length);
  const text = (attrs, value) => s('text', { 'font-size': 12, 'font-family': 'sans-serif', fill: INK, ...attrs }, value);
  const svg = s('svg', { viewBox: `0 0 ${left + plotW + 8} ${y0 + plotH + 56}`, role: 'img', 'aria-labelledby': titleId, class: 'chart' },
    s('title', { id: titleId }, title));
  for (let v = 0; v <= top; v += step) {
    const y = y0 + plotH - (v / top) * plotH;
    svg.append(
      s('line', { x1: left, x2: left + plotW, y1: y, y2: y, stroke: '#d9dee5', 'stroke-width': 1, class: 'chart-grid' }),
      text({ x: left - 6, y: y + 4, 'text-anchor': 'end', class: 'chart-axis' }, formatNumber(v)));
  }
  let month = '';
  let lastLabel = -Infinity;
  weeks.forEach((week, i) => {
    const barH = (week.applications / top) * plotH;
    const x = left + i * w;
    svg.append(s('rect', { x: x + w * 0.12, y: y0 + plotH - barH, width: Math.max(1, w * 0.76), height: Math.max(barH, week.applications ? 1 : 0), class: 'chart-bar', fill: BAR },
      s('title', {}, `${t('insights.week_of', { date: formatDate(week.startsOn) })}: ${week.applications}`)));
    if (w >= 18 && week.applications) {
      svg.append(text({ x: x + w / 2, y: y0 + plotH - barH - 3, 'text-anchor': 'middle', class: 'chart-value' }, week.applications));
    }
    const m = week.startsOn.slice(0, 7);
    // A month whose label would run into the last one (a week or two after it) goes without.
    const starts = m !== month;
    month = m;
    if (starts && x - lastLabel >= 30) {
      lastLabel = x;
      // Under the first week that starts in a month: its name, and below it the year (at the start and in January).
      svg.append(
        s('line', { x1: x, x2: x, y1: y0 + plotH, y2: y0 + plotH + 5, stroke: INK, class: 'chart-tick' }),
        text({ x, y: y0 + plotH + 18, class: 'chart-axis' }, t(`date.month_short.${Number(m.slice(5, 7))}`)));
      if (i === 0 || m.endsWith('-01')) svg.append(text({ x, y: y0 + plotH + 31, class: 'chart-axis' }, m.slice(0, 4)));
    }
  });
  svg.append(
    s('line', { x1: left, x2: left + plotW, y1: y0 + plotH, y2: y0 + plotH, stroke: INK, class: 'chart-tick' }),
    text({ x: left, y: y0 + plotH + 50, class: 'chart-axis' }, t('insights.axis_weeks')));
  return svg;
}

/** Renders the view for the chosen period. */
export async function render() {
  const to = todayYmd();
  const from = daysAgo(period - 1);
  const data = await ipc.getInsights(from, to);
  const f = data.funnel;
  const funnelRows = [
    [t('insights.applied'), f.applied, 'applied'], [t('insights.answered'), f.answered, 'answered'],
    [t('insights.interviewed'), f.interviewed, 'interviewed'], [t('insights.offers'), f.offers, 'offers'],
    [t('insights.rejected'), f.rejected, 'rejected'], [t('insights.no_answer'), f.noAnswer, 'no_answer'],
    [t('insights.withdrawn'), f.withdrawn, 'withdrawn'],
  ];
  const weekRows = data.weeks.map((w) => [t('insights.week_of', { date: formatDate(w.startsOn) }), w.applications, w.startsOn]);
  const sentRows = (x, key) => [
    [t('insights.due'), x.due, `${key}_due`], [t('insights.sent'), x.sent, `${key}_sent`], [t('insights.replied'), x.replied, `${key}_replied`],
  ];
  const periodId = nextId();
  const select = h('select', { id: periodId },
    PERIODS.map((d) => h('option', { value: d, selected: d === period }, t(`insights.last_${d}`))));
  select.addEventListener('change', () => {
    period = Number(select.value);
    render().catch((err) => { select.after(h('p', { class: 'form-error', role: 'alert' }, err.message)); });
  });
  const median = data.medianDaysToAnswer == null ? t('insights.no_median')
    : tn('insights.median', data.medianDaysToAnswer, { n: formatNumber(data.medianDaysToAnswer) });

  const status = h('p', { class: 'saved', role: 'status' });
  const saved = (r) => { status.textContent = r.file ? t('insights.exported', { file: r.file }) : ''; };
  const failed = (err) => { status.textContent = err.message; };
  const saveChart = (card) => h('button', {
    type: 'button', class: 'secondary',
    onclick: () => ipc.exportChart(new XMLSerializer().serializeToString(card.querySelector('svg.chart'))).then(saved, failed),
  }, t('insights.export_chart'));
  const card = (title, chart, tbl) => {
    const el = h('div', { class: 'card chart-card' }, h('h3', {}, title), chart, tbl);
    el.append(h('div', { class: 'actions chart-actions' }, saveChart(el)));
    return el;
  };
  show(h('section', { class: 'insights', 'aria-labelledby': 'insights-title' },
    h('div', { class: 'list-head' },
      h('h2', { id: 'insights-title' }, t('insights.title')),
      h('div', { class: 'field' }, h('label', { for: periodId }, t('insights.period')), select)),
    h('p', { class: 'muted' }, t('insights.between', { from: formatDate(data.from), to: formatDate(data.to) })),
    h('p', { class: 'kpi', dataset: { key: 'median' } }, median),
    h('div', { class: 'actions' },
      h('button', { type: 'button', onclick: () => ipc.exportInsights(data.from, data.to).then(saved, failed) }, t('insights.export_csv')),
      status),
    card(t('insights.funnel'), bars(t('insights.funnel'), funnelRows),
      table(t('insights.funnel'), funnelRows, [t('insights.step'), t('insights.applications')])),
    card(t('insights.per_week'), columns(t('insights.per_week'), data.weeks),
      table(t('insights.per_week'), weekRows, [t('insights.week'), t('insights.applications')])),
    card(t('insights.follow_ups'), bars(t('insights.follow_ups'), sentRows(data.followUps, 'follow_ups')),
      table(t('insights.follow_ups'), sentRows(data.followUps, 'follow_ups'), [t('insights.what'), t('insights.count')])),
    card(t('insights.check_ins'), bars(t('insights.check_ins'), sentRows(data.checkIns, 'check_ins')),
      table(t('insights.check_ins'), sentRows(data.checkIns, 'check_ins'), [t('insights.what'), t('insights.count')]))));
}
