// Strings from the catalogue Rust sent at start-up, and dates in the user's locale.

let strings = {};
let locale = 'en-US';
let lang = 'en';

/** Adopts a language and its catalogue. */
export function setLanguage(newLang, catalogue) {
  lang = newLang;
  strings = catalogue;
  locale = newLang === 'fr' ? 'fr-CA' : 'en-US';
  document.documentElement.lang = locale;
}

/** The current language: 'fr' or 'en'. */
export const currentLang = () => lang;

/** The string for key, with {name} placeholders filled from vars. */
export function t(key, vars = {}) {
  let s = strings[key] ?? key;
  for (const [k, v] of Object.entries(vars)) s = s.replaceAll(`{${k}}`, String(v));
  return s;
}

/**
 * The plural form of key for the count n (`key.one` or `key.other`), with {n} and vars filled. French takes the
 * singular below 2, English for exactly one: the rule of `i18n::tn` in Rust.
 */
export function tn(key, n, vars = {}) {
  const singular = lang === 'fr' ? n < 2 : n === 1;
  return t(`${key}.${singular ? 'one' : 'other'}`, { n, ...vars });
}

// On a Mac the shortcuts are Command, not Control (the handlers take either), and are written as the Mac writes
// them: "⌘N".
const onMac = /^Mac/.test(navigator.platform);

/** `text` with its "Ctrl+" shortcuts as the platform writes them. */
export const platformKeys = (text) => (onMac ? text.replaceAll('Ctrl+', '⌘') : text);

/** Fills every element carrying data-i18n (text) or data-i18n-placeholder / data-i18n-label (attributes). */
export function translateStatic(root = document) {
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = platformKeys(t(el.dataset.i18n));
  for (const el of root.querySelectorAll('[data-i18n-label]')) el.setAttribute('aria-label', t(el.dataset.i18nLabel));
}

// Days are written from the catalogue, not with Intl, and their weekday counted rather than asked of a Date: the
// first screen writes a date on every row, and the webview's ICU locale and time-zone data cost milliseconds to
// load and megabytes to keep.
function day(ymd, pattern) {
  const [y, m, d] = ymd.split('-').map(Number);
  // Sakamoto's method: 0 is Sunday.
  const shift = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4][m - 1];
  const yy = m < 3 ? y - 1 : y;
  const weekday = (yy + Math.floor(yy / 4) - Math.floor(yy / 100) + Math.floor(yy / 400) + shift + d) % 7;
  return t(pattern, {
    day: d === 1 ? t('date.first_day') : d, month: t(`date.month.${m}`), year: y, weekday: t(`date.weekday.${weekday}`),
  });
}

/** "2026-11-26" → "26 novembre 2026" / "November 26, 2026". */
export const formatDate = (ymd) => (ymd ? day(ymd, 'date.long') : '');

/** A YYYY-MM-DD day with its weekday, in the interface language ("Wednesday, November 25, 2026"). */
export const formatDateFull = (ymd) => day(ymd, 'date.full');

/** A number in the interface language's style, with at most one decimal ("8.5", «8,5»). */
export function formatNumber(n) {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(n);
}


/** What a plan step is called: its kind of message, or "Keep in touch with Marie Tremblay" for a person's reminder. */
export function stepName(step) {
  return step.person ? t('step.catch_up', { name: step.person }) : t(`message.${step.kind}`);
}
