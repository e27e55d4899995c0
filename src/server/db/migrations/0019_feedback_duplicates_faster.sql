-- Duplicate suggestions (issue 13 §2), faster: the nearest open reports of the commune by trigram distance between
-- the beginnings of the texts (the title and the first words). A trigram KNN scan cannot prune in a commune whose
-- reports share their words, so it measures every open report of the commune in the index; over the first 64
-- characters the index has about half the pages and each entry half the trigrams. The index of migration 0015
-- on the whole text served this search only.
DROP INDEX IF EXISTS "feedback_reports_open_trgm_idx";--> statement-breakpoint
CREATE INDEX "feedback_reports_open_trgm_prefix_idx" ON "feedback_reports" USING gist ("commune_code", left("search_text", 64) gist_trgm_ops(siglen=256)) WHERE "state" in ('received', 'accepted', 'assigned', 'answer_pending', 'reopened', 'split', 'escalated');
