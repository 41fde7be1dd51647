// The choices Rust offers (sent once in the bootstrap), so that views do not keep their own copies.

let vocabulary = { keepInTouchMonths: [] };

/** Keeps the lists from the bootstrap. */
export function setVocabulary(boot) {
  vocabulary = { keepInTouchMonths: boot.keepInTouchMonths ?? [] };
}

/** The keep-in-touch cadences offered, in months. */
export const keepInTouchMonths = () => vocabulary.keepInTouchMonths;
