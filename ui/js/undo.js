// Deleting with a second chance: an inline confirmation before, and an "Undo" that stays for UNDO_SECONDS
// after (outside the view, so it survives going back to the list).

import { h, closeOnEscape, fill, nextId } from './dom.js';
import { t } from './i18n.js';
import * as ipc from './ipc.js';

const UNDO_SECONDS = 15;
let timer = null;

/**
 * Shows, in `slot`, the question `question` with a "Delete" and a "Cancel" button; resolves true when the user
 * confirms. Escape cancels. Focus starts on "Cancel", so a stray Enter deletes nothing.
 */
export function confirmDelete(slot, question) {
  return new Promise((resolve) => {
    const done = (yes) => { slot.replaceChildren(); resolve(yes); };
    const yes = h('button', { type: 'button', class: 'danger', onclick: () => done(true) }, t('delete.confirm'));
    const no = h('button', { type: 'button', onclick: () => done(false) }, t('form.cancel'));
    const questionId = nextId();
    const box = h('div', { class: 'confirm', role: 'alertdialog', 'aria-labelledby': questionId },
      h('p', { id: questionId }, question), h('div', { class: 'actions' }, yes, no));
    closeOnEscape(box, () => done(false));
    fill(slot, box);
    no.focus();
  });
}

/** Tells the user what was deleted, with "Undo" for a while; `onUndone()` runs once it is back. */
export function offerUndo(message, deleted, onUndone) {
  offerUndoOf(message, () => ipc.undoDelete(deleted.trashId), onUndone);
}

/** Tells the user what was done, with "Undo" for a while: `undo()` takes it back, then `onUndone()` runs. */
export function offerUndoOf(message, undoIt, onUndone) {
  const toast = document.getElementById('toast');
  clearTimeout(timer);
  const undo = h('button', {
    type: 'button',
    onclick: async () => {
      clearTimeout(timer);
      try {
        await undoIt();
        fill(toast, t('undo.done'));
        timer = setTimeout(() => { toast.hidden = true; }, 4000);
        await onUndone();
      } catch (err) {
        fill(toast, err.message);
      }
    },
  }, t('undo.action'));
  fill(toast, h('span', {}, message), ' ', undo);
  toast.hidden = false;
  timer = setTimeout(() => { toast.hidden = true; toast.replaceChildren(); }, UNDO_SECONDS * 1000);
}
