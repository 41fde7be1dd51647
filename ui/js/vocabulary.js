// The choices Rust offers (sent once in the bootstrap, from `vocab.rs`), so that views do not keep their own
// copies: the words each form may send, in the order they are offered.

let vocabulary = {
  keepInTouchMonths: [], langs: [], outcomes: [], heardBy: [], feedbackAsks: [], interviewFormats: [],
  addressForms: [], messageKinds: [], stepKinds: [], checkInDays: { min: 1, max: 1, default: 1 },
  mailKinds: [], mailMaxBytes: 0,
};

/** Keeps the lists from the bootstrap. */
export function setVocabulary(boot) {
  vocabulary = { ...vocabulary, ...(boot.vocabulary ?? {}), keepInTouchMonths: boot.keepInTouchMonths ?? [] };
}

/** The keep-in-touch cadences offered, in months. */
export const keepInTouchMonths = () => vocabulary.keepInTouchMonths;
/** `fr`, `en`. */
export const langs = () => vocabulary.langs;
/** Outcomes of an application (`rejected`, `ghosted`…). */
export const outcomes = () => vocabulary.outcomes;
/** How a rejection reached the user (`email`, `in_person`…). */
export const heardBy = () => vocabulary.heardBy;
/** Where the feedback request goes: `inside` the thank-you or `separate`. */
export const feedbackAsks = () => vocabulary.feedbackAsks;
/** Kinds of interview. */
export const interviewFormats = () => vocabulary.interviewFormats;
/** How a person is greeted (`full`, `first`, `ms`, `mr`). */
export const addressForms = () => vocabulary.addressForms;
/** Kinds of message. */
export const messageKinds = () => vocabulary.messageKinds;
/** The check-in delay's `{ min, max, default }`, in days. */
export const checkInDays = () => vocabulary.checkInDays;

/** `[value, catalogue key]` pairs for a select, the key being `prefix` + the value. */
export const choices = (values, prefix) => values.map((v) => [v, `${prefix}${v}`]);
/** What an employer's e-mail can be read as (`rejection`, `interview_invite`…). */
export const mailKinds = () => vocabulary.mailKinds;
/** The largest e-mail Rust reads, in bytes. */
export const mailMaxBytes = () => vocabulary.mailMaxBytes;
