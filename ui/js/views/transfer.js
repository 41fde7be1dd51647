// Export and import, in the settings view. Rust opens the file dialogs (no path crosses the bridge); an
// import always shows what it will do first — the merge preview for a Rebound file, the column mapping and
// the first rows for a CSV — and nothing changes until the user confirms.

import { h, nextId, fill, add } from '../dom.js';
import { t, tn } from '../i18n.js';
import { field, showError, clearErrors, errorSummary } from '../forms.js';
import * as ipc from '../ipc.js';

/** What each mapped field is called (its label) and whether the import needs it. */
const FIELDS = [
  ['company', 'app.company', true], ['role', 'app.role', true], ['appliedOn', 'app.applied_on', true],
  ['location', 'app.location', false], ['source', 'app.source', false], ['postingUrl', 'app.posting_url', false],
];

/** How many entries of each list the preview names: a restore of 100,000 applications must not draw 100,000 rows. */
const NAMED = 50;

function list(titleKey, items) {
  if (!items.length) return null;
  const more = items.length - NAMED;
  return h('div', { class: 'preview-group' }, h('h4', {}, t(titleKey, { n: items.length })),
    h('ul', {}, items.slice(0, NAMED).map((i) => h('li', {}, i))),
    more > 0 ? h('p', { class: 'hint' }, tn('transfer.and_more', more)) : null);
}

/** The export and import card. `onImported(message)` runs after an import (the journal changed). */
export function transferSection(onImported) {
  const titleId = nextId();
  const status = h('p', { class: 'saved', role: 'status' });
  const step = h('div', { class: 'import-step' });
  // A refused Rebound file says why, and where: `file.<table>.<n>.<column>` names the entry (n counted from 0).
  const fail = (err) => {
    const why = (err.fields || []).filter((f) => f.field === 'file' || f.field.startsWith('file.')).map((f) => {
      const [, table, row, column] = f.field.split('.');
      if (row === undefined || column === undefined) return f.message;
      return t('transfer.file_error', { table, row: Number(row) + 1, column, message: f.message });
    });
    status.textContent = [err.message, ...why].join(' ');
  };

  const exporter = (label, fn) => h('button', {
    type: 'button',
    onclick: async () => {
      status.textContent = '';
      try {
        const done = await fn();
        if (done.file) status.textContent = t('transfer.exported', { file: done.file });
      } catch (err) { fail(err); }
    },
  }, t(label));

  // While a long step runs (a big file read, or imported: seconds at 100,000 applications), the card says so and
  // its buttons wait; the rest of the window stays usable.
  const card = h('section', { class: 'card', 'aria-labelledby': titleId });
  const busy = (message) => {
    card.setAttribute('aria-busy', 'true');
    for (const b of card.querySelectorAll('button')) b.disabled = true;
    fill(status, h('progress', { 'aria-label': message }), ' ', message);
  };
  const idle = () => {
    card.removeAttribute('aria-busy');
    for (const b of card.querySelectorAll('button')) b.disabled = false;
    if (status.querySelector('progress')) status.textContent = '';
  };

  const cancel = () => h('button', {
    type: 'button', onclick: async () => { step.replaceChildren(); await ipc.cancelImport().catch(fail); },
  }, t('form.cancel'));

  const jsonStep = (picked) => {
    const p = picked.preview;
    const apply = h('button', {
      type: 'button', class: 'primary',
      onclick: async () => {
        busy(tn('transfer.importing', p.new.length));
        try {
          await ipc.importJournal();
          idle();
          step.replaceChildren();
          await onImported(t('transfer.imported'));
        } catch (err) { idle(); fail(err); }
      },
    }, t('transfer.apply'));
    fill(step, h('div', { class: 'confirm', role: 'group', 'aria-label': picked.file },
      h('p', {}, t('transfer.file', { file: picked.file })),
      p.restore ? h('p', {}, t('transfer.restore')) : null,
      list('transfer.new', p.new), list('transfer.already', p.alreadyThere), list('transfer.conflicting', p.conflicting),
      p.newTemplates ? h('p', {}, t('transfer.templates', { n: p.newTemplates })) : null,
      h('div', { class: 'actions' }, apply, cancel())));
    apply.focus();
  };

  const csvStep = (picked) => {
    const c = picked.csv;
    const form = h('form', { class: 'confirm form', novalidate: true, 'aria-label': picked.file });
    const options = [['', 'transfer.not_in_file'], ...c.headers.map((name, i) => [String(i), name])];
    const selects = FIELDS.map(([key, label, required]) => {
      const guess = c.guess[key];
      const f = field({ label, field: `mapping.${key}`, kind: 'select', required, value: guess == null ? '' : String(guess), options });
      // Header names are the file's own words, not catalogue keys: show them as they are.
      for (const o of f.querySelectorAll('option')) if (o.value !== '') o.textContent = c.headers[Number(o.value)];
      return f;
    });
    const rowErrors = h('ul', { class: 'row-errors', role: 'alert' });
    const sample = h('table', { class: 'sample' },
      h('caption', {}, t('transfer.sample')),
      h('thead', {}, h('tr', {}, c.headers.map((name) => h('th', { scope: 'col' }, name)))),
      h('tbody', {}, c.sample.map((r) => h('tr', {}, c.headers.map((_, i) => h('td', {}, r[i] ?? ''))))));
    add(form,
      h('p', {}, t('transfer.file', { file: picked.file }), ' · ', tn('transfer.rows', c.rows)),
      h('h4', {}, t('transfer.mapping')),
      errorSummary(),
      h('div', { class: 'grid' }, selects),
      rowErrors,
      h('div', { class: 'sample-wrap' }, sample),
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, tn('transfer.apply_csv', c.rows)), cancel()));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      clearErrors(form);
      rowErrors.replaceChildren();
      const mapping = {};
      for (const [key] of FIELDS) {
        const v = form.querySelector(`[data-field="mapping.${key}"]`).value;
        mapping[key] = v === '' ? null : Number(v);
      }
      busy(tn('transfer.importing', c.rows));
      try {
        const done = await ipc.importCsv(mapping);
        idle();
        step.replaceChildren();
        await onImported(tn('transfer.csv_imported', done.imported));
      } catch (err) {
        idle();
        const rows = (err.fields || []).filter((f) => f.field.startsWith('rows.'));
        for (const f of rows) {
          const [, row, name] = f.field.split('.');
          const label = FIELDS.find(([key]) => key === name)?.[1];
          add(rowErrors, h('li', {}, t('transfer.row_error', { row, field: label ? t(label) : name, message: f.message })));
        }
        // Error's own `message` is not enumerable: pass it by name.
        showError(form, { message: err.message, kind: err.kind, fields: (err.fields || []).filter((f) => !f.field.startsWith('rows.')) });
      }
    });
    fill(step, form);
    form.querySelector('select').focus();
  };

  const importer = (label, kind) => h('button', {
    type: 'button',
    onclick: async () => {
      status.textContent = '';
      // Shown behind the dialog, and while the picked file is read and checked.
      busy(t('transfer.reading'));
      try {
        const picked = await ipc.pickImport(kind);
        idle();
        if (picked.kind === 'json') jsonStep(picked);
        else if (picked.kind === 'csv') csvStep(picked);
      } catch (err) { idle(); fail(err); }
    },
  }, t(label));

  return add(card,
    h('h2', { id: titleId }, t('transfer.title')),
    h('p', { class: 'hint' }, t('transfer.hint')),
    h('div', { class: 'actions' },
      exporter('transfer.export_json', ipc.exportJournal),
      exporter('transfer.export_csv', ipc.exportCsv),
      exporter('transfer.export_ics', ipc.exportIcs)),
    h('div', { class: 'actions' },
      importer('transfer.import_json', 'json'),
      importer('transfer.import_csv', 'csv')),
    status,
    step);
}
