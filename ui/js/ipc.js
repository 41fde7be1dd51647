// The only module that touches Tauri. Every call to Rust goes through here and every failure comes back as an
// Error with .kind, .message (a sentence in the user's language) and .fields.
//
// It speaks to the bridge Tauri injects in every page, window.__TAURI_INTERNALS__ (invoke, transformCallback), as
// Tauri's own @tauri-apps/api does: the 41 KB window.__TAURI__ API built on it (withGlobalTauri) is not loaded,
// which measured 5 ms of every page load and 1 MB of the window's memory. The end-to-end tests call commands and
// receive events through this module, so a Tauri update that changed the bridge would fail them.

const bridge = window.__TAURI_INTERNALS__;

/** A failure reported by Rust (or by the bridge itself). */
export class IpcError extends Error {
  constructor({ kind = 'internal', message = 'Error', fields = [] } = {}) {
    super(message);
    this.kind = kind;
    this.fields = fields;
  }
}

async function call(command, args, options) {
  if (!bridge) throw new IpcError({ message: 'Rebound must run inside its own window.' });
  try {
    return await bridge.invoke(command, args, options);
  } catch (e) {
    if (e && typeof e === 'object' && 'kind' in e) throw new IpcError(e);
    throw new IpcError({ message: String(e) });
  }
}

export const getBootstrap = () => call('get_bootstrap');
export const listApplications = (query) => call('list_applications', { query });
export const firstApplications = (limit) => call('first_applications', { limit });
export const getApplication = (id) => call('get_application', { id });
export const saveApplication = (input) => call('save_application', { input });
export const getInsights = (from, to) => call('get_insights', { from, to });
export const exportInsights = (from, to) => call('export_insights', { from, to });
export const exportChart = (svg) => call('export_chart', { svg });
export const searchJournal = (query) => call('search_journal', { query });
export const readDate = (text, ahead = false) => call('read_date', { text, ahead });
export const logOutcome = (input) => call('log_outcome', { input });
export const saveReflection = (input) => call('save_reflection', { input });
export const getCompanyHistory = (companyId) => call('get_company_history', { companyId });
export const getSettings = () => call('get_settings');
export const saveSettings = (settings) => call('save_settings', { settings });
export const closeWindow = () => call('close_window');
export const calendarStatus = () => call('calendar_status');
export const calendarDiscover = (url, user, password) => call('calendar_discover', { url, user, password });
export const calendarConnect = (url, user, password, calendar, create) =>
  call('calendar_connect', { url, user, password, calendar, create });
export const calendarDisconnect = () => call('calendar_disconnect');
export const calendarSyncNow = () => call('calendar_sync_now');

/** Runs `handler(payload)` on each event of `name` sent by Rust (the tray, a notification). */
export function onEvent(name, handler) {
  if (!bridge) return;
  const callback = bridge.transformCallback((e) => handler(e.payload));
  bridge.invoke('plugin:event|listen', { event: name, target: { kind: 'Any' }, handler: callback });
}
export const onChanged = (handler) => onEvent('rebound://changed', handler);
export const onShowApplication = (handler) => onEvent('rebound://show-application', handler);
export const onCalendarSynced = (handler) => onEvent('rebound://calendar-synced', handler);
export const listSteps = (applicationId) => call('list_steps', { applicationId });
export const listTodo = () => call('list_todo');
export const listFocus = () => call('list_focus');
export const listOlder = () => call('list_older');
export const dismissOlder = () => call('dismiss_older');
export const undoDismiss = (at) => call('undo_dismiss', { at });
export const actOnStep = (input) => call('act_on_step', { input });
export const logMessageSent = (applicationId, kind, channel, personId = null) => call('log_message_sent', { applicationId, kind, channel, personId });
export const logReply = (applicationId, note) => call('log_reply', { applicationId, note });
export const listPeople = () => call('list_people');
export const setKeepInTouch = (personId, months) => call('set_keep_in_touch', { personId, months });
export const logContact = (personId, date, note) => call('log_contact', { personId, date, note });
export const getTemplate = (kind, lang) => call('get_template', { kind, lang });
export const saveTemplate = (template) => call('save_template', { template });
export const templateVersions = (kind, lang) => call('template_versions', { kind, lang });
export const deleteTemplate = (id) => call('delete_template', { id });
export const renderMessage = (request) => call('render_message', { request });
export const checkTone = (text, lang, applicationId = null) => call('check_tone', { text, lang, applicationId });
export const copyText = (text) => call('copy_text', { text });
export const openMail = (to, subject, body) => call('open_mail', { to, subject, body });
export const openLink = (url) => call('open_link', { url });
export const listBackups = () => call('list_backups');
export const backUpNow = () => call('back_up_now');
export const restoreBackup = (file) => call('restore_backup', { file });
export const deleteApplication = (id) => call('delete_application', { id });
export const deletePerson = (id) => call('delete_person', { id });
export const deleteInterview = (id) => call('delete_interview', { id });
export const undoDelete = (trashId) => call('undo_delete', { trashId });
export const exportJournal = () => call('export_journal');
export const exportCsv = () => call('export_csv');
export const exportIcs = () => call('export_ics');
export const pickImport = (kind) => call('pick_import', { kind });
export const importJournal = () => call('import_journal');
export const importCsv = (mapping) => call('import_csv', { mapping });
export const cancelImport = () => call('cancel_import');
export const readEmail = (text) => call('read_email', { text });
export const openEmailFile = () => call('open_email_file');
export const keepEmail = (applicationId, date, text) => call('keep_email', { applicationId, date, text });

/** Reads a dropped `.eml` file: its bytes go as the call's raw body, so its own charsets decide in Rust. */
export async function readEmailFile(file, maxBytes) {
  // One byte over the cap is enough for Rust to refuse it with its sentence; the rest is never read.
  const bytes = new Uint8Array(await file.slice(0, maxBytes + 1).arrayBuffer());
  return call('read_email_file', bytes, { headers: { 'X-File-Name': encodeURIComponent(file.name) } });
}
