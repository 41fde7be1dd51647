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

/** Vertical bars, one per week. */
function columns(title, weeks) {
  const titleId = nextId('chart');
  const max = Math.max(1, ...weeks.map((w) => w.applications));
  const w = Math.max(6, Math.min(40, Math.floor(500 / Math.max(1, weeks.length))));
  const height = 140;
  const svg = s('svg', { viewBox: `0 0 ${weeks.length * w + 20} ${height + 24}`, role: 'img', 'aria-labelledby': titleId, class: 'chart' },
    s('title', { id: titleId }, title));
  weeks.forEach((week, i) => {
    const barH = (week.applications / max) * height;
    svg.append(s('rect', { x: i * w + 2, y: height - barH + 4, width: w - 4, height: Math.max(barH, 1), class: 'chart-bar', fill: BAR },
      s('title', {}, `${formatDate(week.startsOn)}: ${week.applications}`)));
  });
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
