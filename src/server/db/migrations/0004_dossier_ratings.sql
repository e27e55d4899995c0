CREATE TABLE "dossier_ratings" (
	"dossier_id" uuid PRIMARY KEY NOT NULL,
	"commune_code" text NOT NULL,
	"rating" text NOT NULL,
	"comment" text,
	"returned_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dossier_ratings_rating_check" CHECK ("dossier_ratings"."rating" in ('satisfied', 'neutral', 'unsatisfied'))
);
--> statement-breakpoint
ALTER TABLE "dossier_ratings" ADD CONSTRAINT "dossier_ratings_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dossier_ratings_commune_idx" ON "dossier_ratings" USING btree ("commune_code","created_at");--> statement-breakpoint
CREATE INDEX "dossier_ratings_returned_by_idx" ON "dossier_ratings" USING btree ("returned_by");