// The message composer: a message rendered by Rust from the journal, editable, checked for tone before it
// is copied or opened in the mail app, and marked sent in one click.

import { h, nextId, closeOnEscape, fill, add } from '../dom.js';
import { t, stepName } from '../i18n.js';
import * as ipc from '../ipc.js';
import { versionLabel } from './templates.js';
import { langs } from '../vocabulary.js';

/** The text with each finding wrapped in a <mark> that says why (offsets are JS string indices). */
function highlighted(text, findings) {
  const out = [];
  let at = 0;
  for (const f of [...findings].sort((a, b) => a.start - b.start)) {
    if (f.start < at) continue; // overlapping findings: the first one marks the span
    out.push(text.slice(at, f.start), h('mark', { title: f.message, dataset: { rule: f.rule } }, text.slice(f.start, f.end)));
    at = f.end;
  }
  out.push(text.slice(at));
  return out;
}

/**
 * Opens a composer for `kind` about `app` (its detail), optionally for plan step `step`. `onSent` runs once the
 * message was marked sent.
 */
// The tone panel's icons, drawn inline: an emoji would depend on the fonts installed (many Linux desktops have no
// colour emoji font, and it showed as an empty box).
const SVG_NS = 'http://www.w3.org/2000/svg';
function toneIcon(cls) {
  const svg = document.createElementNS(SVG_NS, 'svg');
  const shape = (tag, attrs) => {
    const el = document.createElementNS(SVG_NS, tag);
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    svg.append(el);
  };
  for (const [k, v] of Object.entries({ viewBox: '0 0 16 16', width: '16', height: '16', 'aria-hidden': 'true', class: 'tone-icon' })) svg.setAttribute(k, v);
  if (cls === 'tone-stop') {
    // A stop sign: an octagon with a white bar.
    shape('polygon', { points: '5,1 11,1 15,5 15,11 11,15 5,15 1,11 1,5', fill: '#b42318' });
    shape('rect', { x: '4', y: '7', width: '8', height: '2', fill: '#ffffff' });
  } else {
    // A second look: an eye.
    shape('path', { d: 'M1 8c2-3.5 4.5-5 7-5s5 1.5 7 5c-2 3.5-4.5 5-7 5S3 11.5 1 8z', fill: 'none', stroke: 'currentColor', 'stroke-width': '1.5' });
    shape('circle', { cx: '8', cy: '8', r: '2.2', fill: 'currentColor' });
  }
  return svg;
}

export function composer(app, { kind, step = null, onSent, onClose }) {
  let lang = app.lang;
  // A person's keep-in-touch reminder is written to them; any other message to the first person met.
  let personId = step?.personId ?? app.people[0]?.id ?? null;
  let templateId = null; // the user's version picked here; null: the default one
  let rendered = null;
  let used = null; // 'email' | 'linkedin' once copied or opened: what "mark sent" records

  const root = h('section', { class: 'card composer', 'aria-labelledby': 'composer-title', dataset: { kind } });
  const langId = nextId();
  const toId = nextId();
  const subjectId = nextId();
  const bodyId = nextId();
  const langSelect = h('select', { id: langId }, langs().map((l) => h('option', { value: l, selected: l === lang }, t(`lang.${l}`))));
  const versionId = nextId();
  const versionSelect = h('select', { id: versionId });
  const versionRow = h('div', { class: 'field', hidden: true }, h('label', { for: versionId }, t('composer.version')), versionSelect);
  const toSelect = h('select', { id: toId }, app.people.map((p) => h('option', { value: p.id, selected: p.id === personId }, p.name)));
  const subject = h('input', { id: subjectId, type: 'text', spellcheck: 'true' });
  const body = h('textarea', { id: bodyId, rows: 14, spellcheck: 'true' });
  const counter = h('p', { class: 'counter', 'aria-live': 'polite' });
  const problems = h('div', { class: 'composer-problems', role: 'alert' });
  const tonePanel = h('div', { class: 'tone', hidden: true });
  const status = h('p', { class: 'saved', role: 'status' });
  const markSent = h('button', { type: 'button', class: 'primary', hidden: true }, t('composer.mark_sent'));

  const updateCounter = () => {
    if (!rendered?.limit) { counter.hidden = true; return; }
    counter.hidden = false;
    const n = body.value.length;
    counter.textContent = t('composer.counter', { n, max: rendered.limit });
    counter.classList.toggle('over', n > rendered.limit);
  };

  // The versions of this kind of message in the chosen language; the row shows only when there is a choice.
  let versionsSeq = 0;
  const loadVersions = async () => {
    const mine = ++versionsSeq;
    const all = await ipc.templateVersions(kind, lang);
    if (mine !== versionsSeq) return; // the language changed again meanwhile: the newer call draws
    const current = all.find((v) => v.default);
    templateId = current.id ?? null;
    fill(versionSelect, ...all.map((v) => h('option', { value: v.id ?? '', selected: v === current }, versionLabel(v))));
    versionRow.hidden = all.length < 2;
  };

  const load = async () => {
    status.textContent = '';
    tonePanel.hidden = true;
    rendered = await ipc.renderMessage({
      applicationId: app.id, kind, lang, personId, stepId: step?.id ?? null, templateId,
    });
    problems.replaceChildren();
    if (rendered.missing.length) {
      add(problems, h('p', {}, t('composer.missing')),
        h('ul', {}, rendered.missing.map((m) => h('li', {},
          h('a', { href: m.fixIn === 'settings' ? '#/settings' : `#/app/${app.id}/edit` }, t(`missing.${m.variable}`))))));
    } else if (rendered.error) {
      add(problems, h('p', {}, t('composer.template_error', { line: rendered.error.line })),
        h('p', {}, h('a', { href: '#/templates' }, t('composer.edit_templates'))));
    }
    subject.value = rendered.subject;
    body.value = rendered.body;
    subjectRow.hidden = kind === 'linkedin';
    mailButton.hidden = kind === 'linkedin';
    const person = app.people.find((p) => p.id === personId);
    linkedinButton.hidden = !person?.linkedinUrl;
    updateCounter();
  };

  // Checks the tone of `text`; resolves true when it may go. A *stop* finding (insult, swearing, threat, ill
  // wish, dismissal) holds it until the user chooses "copy anyway"; *second look* findings (sarcasm, blame,
  // demand, shouting) are shown, and the copy goes ahead.
  const toneOk = async (text) => {
    const findings = await ipc.checkTone(text, lang, app.id);
    if (!findings.length) { tonePanel.hidden = true; return true; }
    const stops = findings.filter((f) => f.severity !== 'second_look');
    const looks = findings.filter((f) => f.severity === 'second_look');
    const group = (list, cls, title, hint) => (list.length ? h('div', { class: `tone-group ${cls}` },
      h('p', { class: 'tone-title' }, toneIcon(cls), t(title)),
      h('p', { class: 'hint' }, t(hint)),
      h('ul', { class: 'tone-reasons' }, list.map((f) => h('li', { dataset: { rule: f.rule } }, h('q', {}, text.slice(f.start, f.end)), ' — ', f.message)))) : null);
    const groups = [
      group(stops, 'tone-stop', 'tone.stop_title', 'tone.stop_hint'),
      group(looks, 'tone-look', 'tone.second_look_title', 'tone.second_look_hint'),
    ];
    tonePanel.dataset.severity = stops.length ? 'stop' : 'second_look';
    if (!stops.length) {
      fill(tonePanel, ...groups, h('p', { class: 'tone-preview' }, highlighted(text, findings)));
      tonePanel.hidden = false;
      return true;
    }
    return new Promise((resolve) => {
      const anyway = h('button', { type: 'button', onclick: () => { tonePanel.hidden = true; resolve(true); } }, t('composer.anyway'));
      const edit = h('button', { type: 'button', class: 'primary', onclick: () => { tonePanel.hidden = true; body.focus(); resolve(false); } }, t('composer.edit_it'));
      fill(tonePanel, ...groups,
        h('p', { class: 'tone-preview' }, highlighted(text, findings)),
        h('div', { class: 'actions' }, edit, anyway));
      tonePanel.hidden = false;
      edit.focus();
    });
  };

  const after = (channel, message) => {
    used = channel;
    status.textContent = message;
    markSent.hidden = false;
  };

  const copy = async (text, what) => {
    try {
      if (!(await toneOk(text))) return;
      await ipc.copyText(text);
      after(kind === 'linkedin' ? 'linkedin' : 'email', t(what));
    } catch (err) { status.textContent = err.message; }
  };

  const copySubject = h('button', { type: 'button', onclick: () => copy(subject.value, 'composer.copied_subject') }, t('composer.copy_subject'));
  const copyBody = h('button', { type: 'button', class: 'primary', onclick: () => copy(body.value, 'composer.copied') }, t('composer.copy'));
  const mailButton = h('button', {
    type: 'button',
    onclick: async () => {
      try {
        if (!(await toneOk(`${subject.value}\n${body.value}`))) return;
        const person = app.people.find((p) => p.id === personId);
        await ipc.openMail(person?.email ?? '', subject.value, body.value);
        after('email', t('composer.opened_mail'));
      } catch (err) { status.textContent = err.message; }
    },
  }, t('composer.open_mail'));
  const linkedinButton = h('button', {
    type: 'button',
    onclick: async () => {
      const person = app.people.find((p) => p.id === personId);
      try {
        await ipc.openLink(person.linkedinUrl);
        after('linkedin', t('composer.opened_linkedin'));
      } catch (err) { status.textContent = err.message; }
    },
  }, t('composer.open_linkedin'));
  markSent.addEventListener('click', async () => {
    try {
      if (step) await ipc.actOnStep({ stepId: step.id, action: 'done', channel: used || 'email', personId });
      else await ipc.logMessageSent(app.id, kind, used || 'email', personId);
      onSent();
    } catch (err) { status.textContent = err.message; }
  });

  const reload = () => load().catch((err) => { status.textContent = err.message; });
  langSelect.addEventListener('change', () => {
    lang = langSelect.value;
    loadVersions().then(load).catch((err) => { status.textContent = err.message; });
  });
  versionSelect.addEventListener('change', () => { templateId = versionSelect.value ? Number(versionSelect.value) : null; reload(); });
  toSelect.addEventListener('change', () => { personId = Number(toSelect.value); reload(); });
  body.addEventListener('input', updateCounter);

  const subjectRow = h('div', { class: 'field' }, h('label', { for: subjectId }, t('composer.subject')), subject);
  add(root,
    h('div', { class: 'composer-head' },
      h('h3', { id: 'composer-title' }, step ? stepName(step) : t(`message.${kind}`)),
      h('button', { type: 'button', class: 'link', onclick: onClose }, t('composer.close'))),
    h('div', { class: 'grid' },
      h('div', { class: 'field' }, h('label', { for: langId }, t('composer.language')), langSelect),
      versionRow,
      app.people.length ? h('div', { class: 'field' }, h('label', { for: toId }, t('composer.to')), toSelect) : null),
    problems,
    subjectRow,
    h('div', { class: 'field' }, h('label', { for: bodyId }, t('composer.body')), body, counter),
    tonePanel,
    h('div', { class: 'actions' }, copyBody, copySubject, mailButton, linkedinButton, markSent),
    status);
  closeOnEscape(root, onClose);
  loadVersions().then(load).then(() => body.focus(), (err) => { status.textContent = err.message; });
  return root;
}
