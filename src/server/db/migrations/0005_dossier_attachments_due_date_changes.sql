CREATE TABLE "dossier_attachments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"dossier_id" uuid NOT NULL,
	"commune_code" text NOT NULL,
	"document_index" integer,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"storage_key" text NOT NULL,
	"digitised" boolean DEFAULT false NOT NULL,
	"uploaded_by" uuid,
	"uploaded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "dossier_attachments_size_check" CHECK ("dossier_attachments"."size_bytes" > 0)
);
--> statement-breakpoint
CREATE TABLE "dossier_due_date_changes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"dossier_id" uuid NOT NULL,
	"commune_code" text NOT NULL,
	"previous_due_date" date NOT NULL,
	"new_due_date" date NOT NULL,
	"cause" text NOT NULL,
	"detected_at" timestamp with time zone NOT NULL,
	"acknowledged_by" uuid,
	"acknowledged_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "resolved_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "late_acknowledged" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "dossier_attachments" ADD CONSTRAINT "dossier_attachments_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_due_date_changes" ADD CONSTRAINT "dossier_due_date_changes_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dossier_attachments_dossier_idx" ON "dossier_attachments" USING btree ("dossier_id","uploaded_at");--> statement-breakpoint
CREATE INDEX "dossier_attachments_commune_idx" ON "dossier_attachments" USING btree ("commune_code","uploaded_at");--> statement-breakpoint
CREATE INDEX "dossier_due_date_changes_commune_idx" ON "dossier_due_date_changes" USING btree ("commune_code","acknowledged_at","detected_at");--> statement-breakpoint
CREATE INDEX "dossier_due_date_changes_dossier_idx" ON "dossier_due_date_changes" USING btree ("dossier_id");