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

/** Fills every element carrying data-i18n (text) or data-i18n-placeholder / data-i18n-label (attributes). */
export function translateStatic(root = document) {
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll('[data-i18n-label]')) el.setAttribute('aria-label', t(el.dataset.i18nLabel));
}

/** "2026-11-26" → "26 novembre 2026" / "November 26, 2026". */
export function formatDate(ymd) {
  if (!ymd) return '';
  const [y, m, d] = ymd.split('-').map(Number);
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long' }).format(new Date(y, m - 1, d));
}

/** A YYYY-MM-DD day with its weekday, in the interface language ("Wednesday, November 25, 2026"). */
export function formatDateFull(ymd) {
  const [y, m, d] = ymd.split('-').map(Number);
  return new Intl.DateTimeFormat(locale, { dateStyle: 'full' }).format(new Date(y, m - 1, d));
}

/** A number in the interface language's style, with at most one decimal ("8.5", «8,5»). */
export function formatNumber(n) {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(n);
}


/** What a plan step is called: its kind of message, or "Keep in touch with Marie Tremblay" for a person's reminder. */
export function stepName(step) {
  return step.person ? t('step.catch_up', { name: step.person }) : t(`message.${step.kind}`);
}
