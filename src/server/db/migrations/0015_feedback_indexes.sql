-- Feedback at a province's scale (bench: 500,000 reports, 100,000 in one commune).
-- Duplicate suggestions: the nearest open reports of the commune by trigram distance (ORDER BY search_text <-> probe),
-- one GiST index holding the commune (btree_gist, a trusted extension PGlite loads too) and the folded text.
CREATE EXTENSION IF NOT EXISTS btree_gist;--> statement-breakpoint
CREATE INDEX "feedback_reports_open_trgm_idx" ON "feedback_reports" USING gist ("commune_code", "search_text" gist_trgm_ops(siglen=256)) WHERE "state" in ('received', 'accepted', 'assigned', 'answer_pending', 'reopened', 'split', 'escalated');--> statement-breakpoint
-- The staff queue's pages: newest first within the commune, without reading and sorting all its reports.
CREATE INDEX "feedback_reports_commune_received_idx" ON "feedback_reports" USING btree ("commune_code", "received_at" DESC, "id" DESC);--> statement-breakpoint
-- The queue's tab counts (per state, due soon, overdue, mine) from the index alone.
CREATE INDEX "feedback_reports_counts_idx" ON "feedback_reports" USING btree ("commune_code", "state") INCLUDE ("transfer_due_date", "answer_due_date", "assignee_account_id");
