// What an e-mail reading proposes, on its way to the form that will save it: the e-mail view sets it and goes to
// the form's route; the form takes it once (a later visit shows the form as usual). Nothing is written to the
// journal before the user saves that form.

import * as ipc from './ipc.js';
import { t } from './i18n.js';

let pending = null;

/**
 * Keeps a proposal for the form named `form` ('outcome' on an application's page, 'application' on the add or
 * edit form) of application `target` (an id, or 'new').
 */
export function propose(target, form, values) {
  pending = { target, form, values };
}

/** The proposal for `form` of `target`, once; null when there is none. */
export function take(target, form) {
  if (!pending || pending.target !== target || pending.form !== form) return null;
  const { values } = pending;
  pending = null;
  return values;
}

/** A dropped `.eml` file, waiting for the e-mail view to read it. */
let dropped = null;
export const dropFile = (file) => { dropped = file; };
export const takeDropped = () => { const f = dropped; dropped = null; return f; };

/**
 * Keeps an e-mail on application `id`'s timeline after the form it filled was saved. A failure here is told in the
 * notice line: what the form saved stays saved, and saving the form again would log it twice.
 */
export async function keepEmail(id, { date, text }) {
  try {
    await ipc.keepEmail(id, date, text);
  } catch (err) {
    const notice = document.getElementById('notice');
    notice.textContent = t('mail.keep_failed', { reason: err.message });
    notice.hidden = false;
  }
}
