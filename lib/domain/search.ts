/**
 * The word-index condition of the initiatives search (pure; used by lib/server/initiatives.ts and the benchmark).
 * `q` means "the accent- and case-free phrase occurs in the title or description" (a substring of search_text).
 */

/** Folds as f_unaccent + lower do for Latin letters (Vietnamese included): marks dropped, đ/Đ to d. */
export function foldLatin(s: string): string {
  return s.normalize("NFD").replace(/\p{M}/gu, "").replace(/[đĐ]/g, "d").toLowerCase();
}

/**
 * The word-index condition (a to_tsquery text for the 'simple' configuration) that every text containing the phrase
 * `term` fulfils, or null when there is none to give. A phrase of two or more whole words of letters and digits
 * ("bach dang", "cong dich vu"): in any text that contains it, the inner words stand between spaces, so they are whole
 * words of the text, and the last word is followed by anything, so it begins a word: `dich & vu:*`. The first word
 * may end a longer word ("xbach dang"), so it is left out. A single word, or anything with punctuation, has no such
 * condition (substring semantics): the trigram index alone serves it. `term`: runs of spaces already made one.
 */
export function wordQuery(term: string): string | null {
  const folded = foldLatin(term.trim());
  if (!/^[a-z0-9]+( [a-z0-9]+)+$/.test(folded)) return null;
  const words = folded.split(" ").slice(1);
  return [...words.slice(0, -1), `${words.at(-1)}:*`].join(" & ");
}
