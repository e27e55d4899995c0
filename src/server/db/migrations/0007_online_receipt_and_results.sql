ALTER TABLE "dossier_attachments" ADD COLUMN "purpose" text DEFAULT 'document' NOT NULL;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "submitted_at" timestamp with time zone;--> statement-breakpoint
UPDATE "dossiers" SET "submitted_at" = a."at" FROM "dossier_actions" a WHERE a."dossier_id" = "dossiers"."id" AND a."seq" = 1 AND a."action" = 'submit_online';--> statement-breakpoint
UPDATE "dossiers" SET "received_at" = r."at" FROM (SELECT "dossier_id", min("at") AS "at" FROM "dossier_actions" WHERE "action" = 'receive' GROUP BY "dossier_id") r WHERE r."dossier_id" = "dossiers"."id" AND "dossiers"."channel" = 'online';
