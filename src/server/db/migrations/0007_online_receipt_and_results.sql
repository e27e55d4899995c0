ALTER TABLE "dossier_attachments" ADD COLUMN "purpose" text DEFAULT 'document' NOT NULL;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "submitted_at" timestamp with time zone;