CREATE TABLE "campaign_directives" (
	"id" uuid PRIMARY KEY NOT NULL,
	"inspection_id" uuid NOT NULL,
	"commune_code" text NOT NULL,
	"province_code" text NOT NULL,
	"content" text NOT NULL,
	"due_date" date NOT NULL,
	"status" text NOT NULL,
	"done_at" timestamp with time zone,
	"done_note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "campaign_directives_status_ck" CHECK ("campaign_directives"."status" in ('open', 'done'))
);
--> statement-breakpoint
CREATE TABLE "campaign_incidents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"commune_code" text NOT NULL,
	"province_code" text NOT NULL,
	"trial_id" uuid,
	"kind" text NOT NULL,
	"severity" text NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"occurred_at" timestamp with time zone NOT NULL,
	"reported_by" text,
	"status" text NOT NULL,
	"resolved_at" timestamp with time zone,
	"resolved_by" text,
	"resolution" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "campaign_incidents_kind_ck" CHECK ("campaign_incidents"."kind" in ('network', 'equipment', 'software', 'staffing', 'procedure', 'other')),
	CONSTRAINT "campaign_incidents_severity_ck" CHECK ("campaign_incidents"."severity" in ('low', 'medium', 'high', 'critical')),
	CONSTRAINT "campaign_incidents_status_ck" CHECK ("campaign_incidents"."status" in ('open', 'resolved'))
);
--> statement-breakpoint
CREATE TABLE "campaign_inspection_visits" (
	"id" uuid PRIMARY KEY NOT NULL,
	"inspection_id" uuid NOT NULL,
	"commune_code" text NOT NULL,
	"visited_at" timestamp with time zone,
	"findings" text
);
--> statement-breakpoint
CREATE TABLE "campaign_inspections" (
	"id" uuid PRIMARY KEY NOT NULL,
	"province_code" text NOT NULL,
	"title" text NOT NULL,
	"planned_date" date NOT NULL,
	"team" jsonb NOT NULL,
	"status" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "campaign_inspections_status_ck" CHECK ("campaign_inspections"."status" in ('planned', 'done', 'cancelled'))
);
--> statement-breakpoint
CREATE TABLE "campaign_lessons" (
	"id" uuid PRIMARY KEY NOT NULL,
	"commune_code" text NOT NULL,
	"province_code" text NOT NULL,
	"trial_id" uuid,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"tags" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"search_text" text NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "campaign_recommendation_actions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"recommendation_id" uuid NOT NULL,
	"commune_code" text NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"reason" text,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"actor_name" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "campaign_recommendations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"commune_code" text NOT NULL,
	"province_code" text NOT NULL,
	"trial_id" uuid,
	"category" text NOT NULL,
	"title" text NOT NULL,
	"content" text NOT NULL,
	"urgency" text NOT NULL,
	"evidence" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text NOT NULL,
	"department" text,
	"assignee_account_id" uuid,
	"outcome" text,
	"answer" text,
	"sent_at" timestamp with time zone NOT NULL,
	"receive_due" date NOT NULL,
	"received_at" timestamp with time zone,
	"answer_due" date,
	"answered_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "campaign_recommendations_status_ck" CHECK ("campaign_recommendations"."status" in ('sent', 'received', 'assigned', 'answered', 'closed', 'reopened')),
	CONSTRAINT "campaign_recommendations_urgency_ck" CHECK ("campaign_recommendations"."urgency" in ('normal', 'urgent'))
);
--> statement-breakpoint
CREATE TABLE "campaign_settings" (
	"province_code" text PRIMARY KEY NOT NULL,
	"go_live_threshold" integer NOT NULL,
	"receive_days" integer NOT NULL,
	"answer_days" integer NOT NULL,
	"urgent_answer_days" integer NOT NULL,
	"official_date" date,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "commune_go_live" (
	"commune_code" text PRIMARY KEY NOT NULL,
	"province_code" text NOT NULL,
	"status" text NOT NULL,
	"live_from" date,
	"went_live_at" timestamp with time zone,
	"went_live_by" text,
	"readiness_at_cutover" numeric(5, 1),
	"override_reason" text,
	"override_by" text,
	"override_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "commune_go_live_status_ck" CHECK ("commune_go_live"."status" in ('preparing', 'live'))
);
--> statement-breakpoint
CREATE TABLE "readiness_answers" (
	"commune_code" text NOT NULL,
	"province_code" text NOT NULL,
	"item_key" text NOT NULL,
	"status" text NOT NULL,
	"comment" text,
	"evidence" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"owner" text,
	"due_date" date,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "readiness_answers_commune_code_item_key_pk" PRIMARY KEY("commune_code","item_key"),
	CONSTRAINT "readiness_answers_status_ck" CHECK ("readiness_answers"."status" in ('not_started', 'in_progress', 'done', 'not_applicable'))
);
--> statement-breakpoint
CREATE TABLE "readiness_snapshots" (
	"commune_code" text NOT NULL,
	"province_code" text NOT NULL,
	"day" date NOT NULL,
	"percent" numeric(5, 1) NOT NULL,
	"blockers" integer NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "readiness_snapshots_commune_code_day_pk" PRIMARY KEY("commune_code","day")
);
--> statement-breakpoint
CREATE TABLE "readiness_template_items" (
	"id" uuid PRIMARY KEY NOT NULL,
	"template_id" uuid NOT NULL,
	"item_key" text NOT NULL,
	"group_key" text NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"weight" integer NOT NULL,
	"owner" text,
	"due_date" date,
	"blocker" boolean DEFAULT false NOT NULL,
	"auto_check" text,
	"sort_order" integer NOT NULL,
	CONSTRAINT "readiness_template_items_weight_ck" CHECK ("readiness_template_items"."weight" between 0 and 100)
);
--> statement-breakpoint
CREATE TABLE "readiness_templates" (
	"id" uuid PRIMARY KEY NOT NULL,
	"province_code" text NOT NULL,
	"version" integer NOT NULL,
	"title" text NOT NULL,
	"status" text NOT NULL,
	"published_at" timestamp with time zone,
	"published_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "readiness_templates_status_ck" CHECK ("readiness_templates"."status" in ('draft', 'published', 'superseded'))
);
--> statement-breakpoint
CREATE TABLE "trial_plans" (
	"id" uuid PRIMARY KEY NOT NULL,
	"commune_code" text NOT NULL,
	"province_code" text NOT NULL,
	"trial_date" date NOT NULL,
	"half_day" text NOT NULL,
	"scope" jsonb NOT NULL,
	"working_group" jsonb NOT NULL,
	"observers" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text NOT NULL,
	"held_at" timestamp with time zone,
	"summary" text,
	"note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "trial_plans_half_day_ck" CHECK ("trial_plans"."half_day" in ('morning', 'afternoon', 'all_day')),
	CONSTRAINT "trial_plans_status_ck" CHECK ("trial_plans"."status" in ('planned', 'held', 'cancelled'))
);
--> statement-breakpoint
CREATE TABLE "dossier_rehearsal_code_counters" (
	"commune_code" text NOT NULL,
	"day" date NOT NULL,
	"last_value" integer NOT NULL,
	CONSTRAINT "dossier_rehearsal_code_counters_commune_code_day_pk" PRIMARY KEY("commune_code","day")
);
--> statement-breakpoint
CREATE TABLE "dossier_rehearsal_modes" (
	"commune_code" text PRIMARY KEY NOT NULL,
	"enabled" boolean NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"changed_by" text
);
--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "rehearsal" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "archived_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "imported_from" text;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "imported_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "history_note" text;--> statement-breakpoint
ALTER TABLE "queue_tickets" ADD COLUMN "rehearsal" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX "campaign_directives_commune_idx" ON "campaign_directives" USING btree ("commune_code","status");--> statement-breakpoint
CREATE INDEX "campaign_directives_province_idx" ON "campaign_directives" USING btree ("province_code","status");--> statement-breakpoint
CREATE INDEX "campaign_incidents_commune_idx" ON "campaign_incidents" USING btree ("commune_code","status");--> statement-breakpoint
CREATE INDEX "campaign_incidents_province_idx" ON "campaign_incidents" USING btree ("province_code","status");--> statement-breakpoint
CREATE UNIQUE INDEX "campaign_inspection_visits_uq" ON "campaign_inspection_visits" USING btree ("inspection_id","commune_code");--> statement-breakpoint
CREATE INDEX "campaign_inspection_visits_commune_idx" ON "campaign_inspection_visits" USING btree ("commune_code");--> statement-breakpoint
CREATE INDEX "campaign_inspections_province_idx" ON "campaign_inspections" USING btree ("province_code","planned_date");--> statement-breakpoint
CREATE INDEX "campaign_lessons_province_idx" ON "campaign_lessons" USING btree ("province_code","created_at");--> statement-breakpoint
CREATE INDEX "campaign_lessons_search_idx" ON "campaign_lessons" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "campaign_recommendation_actions_rec_idx" ON "campaign_recommendation_actions" USING btree ("recommendation_id","at");--> statement-breakpoint
CREATE INDEX "campaign_recommendations_commune_idx" ON "campaign_recommendations" USING btree ("commune_code","status");--> statement-breakpoint
CREATE INDEX "campaign_recommendations_province_idx" ON "campaign_recommendations" USING btree ("province_code","status");--> statement-breakpoint
CREATE INDEX "commune_go_live_province_idx" ON "commune_go_live" USING btree ("province_code");--> statement-breakpoint
CREATE INDEX "readiness_snapshots_province_idx" ON "readiness_snapshots" USING btree ("province_code","day");--> statement-breakpoint
CREATE UNIQUE INDEX "readiness_template_items_key_uq" ON "readiness_template_items" USING btree ("template_id","item_key");--> statement-breakpoint
CREATE UNIQUE INDEX "readiness_templates_version_uq" ON "readiness_templates" USING btree ("province_code","version");--> statement-breakpoint
CREATE INDEX "trial_plans_commune_idx" ON "trial_plans" USING btree ("commune_code","trial_date");--> statement-breakpoint
CREATE INDEX "trial_plans_province_idx" ON "trial_plans" USING btree ("province_code","trial_date");