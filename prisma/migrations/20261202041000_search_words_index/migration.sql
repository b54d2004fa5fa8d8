-- Whole-word search (issue 20, point 4): a word index over the accent-free search text, beside the trigram index.
-- Hand-written (an expression index: Prisma's schema cannot express it, and its diff does not see it); re-runnable.
--
-- The list's `q` still means "the accent-free phrase occurs in the title or description" (a substring). When the
-- phrase is made of whole words (letters and digits, two words or more), lib/server/initiatives.ts adds a condition this
-- index answers and that every such match fulfils: the inner words are whole words of the text and the last word
-- begins one ('cong dich vu' -> 'dich' & 'vu':*). The trigram LIKE stays as the exact check. For a rare phrase made
-- of common trigrams ("bach dang") the word index finds the few rows directly instead of intersecting long trigram
-- lists. The 'simple' configuration: no stemming and no stop words, so a word is indexed as it is written (folded).
CREATE INDEX IF NOT EXISTS initiatives_search_words_idx ON initiatives USING GIN (to_tsvector('simple'::regconfig, search_text));
