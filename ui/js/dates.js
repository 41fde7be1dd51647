// Calendar days as the app sends them: 'YYYY-MM-DD' in the user's local time. One home for the padding and the
// arithmetic, so that no view keeps its own copy.

const pad = (n) => String(n).padStart(2, '0');

/** A local Date as YYYY-MM-DD. */
export const ymd = (d) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

/** YYYY-MM-DD as a local Date (midnight), or null when it is not one. */
export function parseYmd(s) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s || '');
  return m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : null;
}

/** `d` moved by `n` days (negative: earlier). */
export const addDays = (d, n) => new Date(d.getFullYear(), d.getMonth(), d.getDate() + n);

/** `d` moved by `n` months, on the same day or the month's last when it has fewer. */
export function addMonths(d, n) {
  const last = new Date(d.getFullYear(), d.getMonth() + n + 1, 0).getDate();
  return new Date(d.getFullYear(), d.getMonth() + n, Math.min(d.getDate(), last));
}

/** Today as YYYY-MM-DD in local time. */
export const todayYmd = () => ymd(new Date());

/** YYYY-MM-DD `days` after today (negative: before). */
export const inDays = (days) => ymd(addDays(new Date(), days));
