-- The "all" tab of a commune's queues at a province's scale (bench: 1,000,000 dossiers): its own dossiers come newest
-- first from dossiers_commune_received_idx; those its centre received for other communes (phi địa giới, a few per
-- cent) newest first from this one, which holds only them, so a page reads one page's worth of each.
CREATE INDEX "dossiers_received_elsewhere_idx" ON "dossiers" USING btree ("receiving_commune_code", "received_at", "id") WHERE "commune_code" <> "receiving_commune_code";--> statement-breakpoint
-- The overdue tab: the dossiers neither resolved nor closed, by due date (queues.ts openAt). Overdue and closed
-- without a result (withdrawn, refused, transferred) pile up over the years; this index holds only the open ones.
CREATE INDEX "dossiers_open_due_idx" ON "dossiers" USING btree ("commune_code", "due_date") WHERE "resolved_at" IS NULL AND "closed_at" IS NULL;
