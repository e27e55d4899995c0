-- Trigram indexes for the queue search (LIKE %…%); pg_trgm is trusted (no superuser needed) and PGlite loads it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE INDEX "dossiers_receiving_status_due_idx" ON "dossiers" USING btree ("receiving_commune_code","status","due_date");--> statement-breakpoint
CREATE INDEX "dossiers_code_trgm_idx" ON "dossiers" USING gin ("code" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "dossiers_name_trgm_idx" ON "dossiers" USING gin ("applicant_name_folded" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "dossiers_phone_idx" ON "dossiers" USING btree ("applicant_phone");--> statement-breakpoint
CREATE INDEX "dossiers_id_number_idx" ON "dossiers" USING btree ("applicant_id_number");--> statement-breakpoint
CREATE INDEX "dossiers_commune_finished_idx" ON "dossiers" USING btree ("commune_code",coalesce("resolved_at", "closed_at"));--> statement-breakpoint
CREATE INDEX "dossiers_commune_resolved_due_idx" ON "dossiers" USING btree ("commune_code","resolved_at","due_date");