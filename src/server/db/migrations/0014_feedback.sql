CREATE TABLE "feedback_actions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"report_id" uuid NOT NULL,
	"commune_code" text NOT NULL,
	"action" text NOT NULL,
	"from_state" text,
	"to_state" text NOT NULL,
	"actor_kind" text NOT NULL,
	"actor_id" uuid,
	"note" text,
	"data" jsonb,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "feedback_attachments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"report_id" uuid NOT NULL,
	"commune_code" text NOT NULL,
	"purpose" text NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"storage_key" text NOT NULL,
	"uploaded_by" uuid,
	"uploaded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "feedback_attachments_purpose_ck" CHECK ("feedback_attachments"."purpose" in ('report', 'answer'))
);
--> statement-breakpoint
CREATE TABLE "feedback_categories" (
	"id" uuid PRIMARY KEY NOT NULL,
	"province_code" text NOT NULL,
	"key" text NOT NULL,
	"name_vi" text NOT NULL,
	"name_en" text NOT NULL,
	"description_vi" text,
	"description_en" text,
	"kind" text NOT NULL,
	"responsible_body" text,
	"assignment_field" text,
	"days_kind" text DEFAULT 'working' NOT NULL,
	"transfer_days" integer NOT NULL,
	"answer_days" integer NOT NULL,
	"approval_required" boolean DEFAULT false NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "feedback_categories_kind_ck" CHECK ("feedback_categories"."kind" in ('feedback', 'denunciation', 'complaint')),
	CONSTRAINT "feedback_categories_days_kind_ck" CHECK ("feedback_categories"."days_kind" in ('working', 'calendar')),
	CONSTRAINT "feedback_categories_days_ck" CHECK ("feedback_categories"."transfer_days" between 1 and 90 and "feedback_categories"."answer_days" between 1 and 90)
);
--> statement-breakpoint
CREATE TABLE "feedback_code_counters" (
	"commune_code" text NOT NULL,
	"day" date NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "feedback_code_counters_commune_code_day_pk" PRIMARY KEY("commune_code","day")
);
--> statement-breakpoint
CREATE TABLE "feedback_reports" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"commune_code" text NOT NULL,
	"province_code" text NOT NULL,
	"category_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"title" text NOT NULL,
	"content" text NOT NULL,
	"search_text" text NOT NULL,
	"place_text" text,
	"place_resolved" text,
	"latitude" double precision,
	"longitude" double precision,
	"reporter_name" text,
	"reporter_phone" text,
	"reporter_email" text,
	"anonymous" boolean DEFAULT false NOT NULL,
	"tracking_pin_hash" text,
	"is_private" boolean DEFAULT false NOT NULL,
	"state" text NOT NULL,
	"assignee_account_id" uuid,
	"assigned_body" text,
	"received_at" timestamp with time zone NOT NULL,
	"transfer_due_date" date NOT NULL,
	"answer_due_date" date,
	"accepted_at" timestamp with time zone,
	"answered_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"reject_reason" text,
	"answer_text" text,
	"answer_public_text" text,
	"answered_by" uuid,
	"approved_by" uuid,
	"approved_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"parent_id" uuid,
	"merged_into_id" uuid,
	"forwarded_from" text,
	"escalation_level" integer DEFAULT 0 NOT NULL,
	"escalated_at" timestamp with time zone,
	"resolved_by_reporter" boolean,
	"rating" integer,
	"rating_comment" text,
	"rated_at" timestamp with time zone,
	"reopen_count" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "feedback_reports_state_ck" CHECK ("feedback_reports"."state" in ('received', 'accepted', 'rejected', 'assigned', 'answer_pending', 'answered', 'closed', 'reopened', 'split', 'merged', 'escalated')),
	CONSTRAINT "feedback_reports_channel_ck" CHECK ("feedback_reports"."channel" in ('web', 'counter', 'phone', 'open311')),
	CONSTRAINT "feedback_reports_rating_ck" CHECK ("feedback_reports"."rating" is null or "feedback_reports"."rating" between 1 and 5),
	CONSTRAINT "feedback_reports_place_ck" CHECK (("feedback_reports"."latitude" is null) = ("feedback_reports"."longitude" is null) and ("feedback_reports"."latitude" is null or ("feedback_reports"."latitude" between 8 and 24 and "feedback_reports"."longitude" between 102 and 110)))
);
--> statement-breakpoint
CREATE TABLE "feedback_settings" (
	"province_code" text PRIMARY KEY NOT NULL,
	"province_escalation_days" integer NOT NULL,
	"due_soon_days" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "notification_outbox" DROP CONSTRAINT "notification_outbox_channel_ck";--> statement-breakpoint
ALTER TABLE "notification_outbox" ADD COLUMN "template" text;--> statement-breakpoint
ALTER TABLE "notification_outbox" ADD COLUMN "locale" text DEFAULT 'vi' NOT NULL;--> statement-breakpoint
ALTER TABLE "notification_outbox" ADD COLUMN "idempotency_key" text;--> statement-breakpoint
CREATE INDEX "feedback_actions_report_idx" ON "feedback_actions" USING btree ("report_id","at");--> statement-breakpoint
CREATE INDEX "feedback_attachments_report_idx" ON "feedback_attachments" USING btree ("report_id");--> statement-breakpoint
CREATE UNIQUE INDEX "feedback_categories_key_uq" ON "feedback_categories" USING btree ("province_code","key");--> statement-breakpoint
CREATE UNIQUE INDEX "feedback_reports_code_uq" ON "feedback_reports" USING btree ("code");--> statement-breakpoint
CREATE INDEX "feedback_reports_queue_idx" ON "feedback_reports" USING btree ("commune_code","state","received_at");--> statement-breakpoint
CREATE INDEX "feedback_reports_due_idx" ON "feedback_reports" USING btree ("commune_code","answer_due_date");--> statement-breakpoint
CREATE INDEX "feedback_reports_published_idx" ON "feedback_reports" USING btree ("province_code","published_at") WHERE "feedback_reports"."published_at" is not null;--> statement-breakpoint
CREATE INDEX "feedback_reports_parent_idx" ON "feedback_reports" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "feedback_reports_merged_idx" ON "feedback_reports" USING btree ("merged_into_id");--> statement-breakpoint
CREATE INDEX "feedback_reports_search_trgm_idx" ON "feedback_reports" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "feedback_reports_place_idx" ON "feedback_reports" USING btree ("commune_code","latitude","longitude");--> statement-breakpoint
CREATE UNIQUE INDEX "notification_outbox_idempotency_uq" ON "notification_outbox" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX "notification_outbox_admin_idx" ON "notification_outbox" USING btree ("status","created_at");--> statement-breakpoint
ALTER TABLE "notification_outbox" ADD CONSTRAINT "notification_outbox_channel_ck" CHECK ("notification_outbox"."channel" in ('email', 'sms', 'zalo', 'log'));