ALTER TABLE "accounts" ADD COLUMN "official_id" uuid;--> statement-breakpoint
CREATE UNIQUE INDEX "accounts_official_idx" ON "accounts" USING btree ("official_id");