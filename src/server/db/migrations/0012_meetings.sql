CREATE TABLE "meeting_agenda_items" (
	"id" uuid PRIMARY KEY NOT NULL,
	"meeting_id" uuid NOT NULL,
	"commune_code" text NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"presenter_id" uuid,
	"presenter_name" text,
	"planned_minutes" integer,
	"decision" text NOT NULL,
	"subject" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"started_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"notes" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meeting_agenda_items_decision_ck" CHECK ("meeting_agenda_items"."decision" in ('information', 'opinion', 'open_vote', 'secret_ballot', 'election')),
	CONSTRAINT "meeting_agenda_items_status_ck" CHECK ("meeting_agenda_items"."status" in ('pending', 'current', 'done'))
);
--> statement-breakpoint
CREATE TABLE "meeting_ballot_tallies" (
	"vote_id" uuid NOT NULL,
	"choice" text NOT NULL,
	"commune_code" text NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "meeting_ballot_tallies_vote_id_choice_pk" PRIMARY KEY("vote_id","choice"),
	CONSTRAINT "meeting_ballot_tallies_ck" CHECK ("meeting_ballot_tallies"."count" >= 0)
);
--> statement-breakpoint
CREATE TABLE "meeting_ballot_voters" (
	"vote_id" uuid NOT NULL,
	"official_id" uuid NOT NULL,
	"commune_code" text NOT NULL,
	CONSTRAINT "meeting_ballot_voters_vote_id_official_id_pk" PRIMARY KEY("vote_id","official_id")
);
--> statement-breakpoint
CREATE TABLE "meeting_bodies" (
	"body_id" uuid PRIMARY KEY NOT NULL,
	"commune_code" text NOT NULL,
	"body_kind" text NOT NULL,
	"seats" integer,
	"rules" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"issuer" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meeting_bodies_seats_ck" CHECK ("meeting_bodies"."seats" is null or ("meeting_bodies"."seats" between 1 and 500))
);
--> statement-breakpoint
CREATE TABLE "meeting_candidates" (
	"id" uuid PRIMARY KEY NOT NULL,
	"vote_id" uuid NOT NULL,
	"commune_code" text NOT NULL,
	"official_id" uuid NOT NULL,
	"full_name" text NOT NULL,
	"position_body_id" uuid NOT NULL,
	"position_title" text NOT NULL,
	"position" integer NOT NULL,
	"elected" boolean,
	"created_position_id" uuid
);
--> statement-breakpoint
CREATE TABLE "meeting_documents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"meeting_id" uuid NOT NULL,
	"commune_code" text NOT NULL,
	"item_id" uuid,
	"vote_id" uuid,
	"doc_type" text NOT NULL,
	"title" text NOT NULL,
	"content" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"number" text,
	"issued_on" date,
	"signer_id" uuid,
	"signer_name" text,
	"signer_title" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meeting_documents_status_ck" CHECK ("meeting_documents"."status" in ('draft', 'issued'))
);
--> statement-breakpoint
CREATE TABLE "meeting_minutes" (
	"meeting_id" uuid PRIMARY KEY NOT NULL,
	"commune_code" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"content" jsonb NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"locked_at" timestamp with time zone,
	"locked_by" uuid,
	"sha256" text,
	"storage_key" text,
	"docx_storage_key" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meeting_minutes_status_ck" CHECK ("meeting_minutes"."status" in ('draft', 'locked'))
);
--> statement-breakpoint
CREATE TABLE "meeting_minutes_comments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"meeting_id" uuid NOT NULL,
	"commune_code" text NOT NULL,
	"revision" integer NOT NULL,
	"anchor" text,
	"body" text NOT NULL,
	"author_name" text NOT NULL,
	"author_official_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meeting_open_ballots" (
	"vote_id" uuid NOT NULL,
	"official_id" uuid NOT NULL,
	"commune_code" text NOT NULL,
	"choice" text NOT NULL,
	"cast_by" text NOT NULL,
	"cast_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meeting_open_ballots_vote_id_official_id_pk" PRIMARY KEY("vote_id","official_id"),
	CONSTRAINT "meeting_open_ballots_choice_ck" CHECK ("meeting_open_ballots"."choice" in ('for', 'against', 'abstain')),
	CONSTRAINT "meeting_open_ballots_by_ck" CHECK ("meeting_open_ballots"."cast_by" in ('member', 'secretary'))
);
--> statement-breakpoint
CREATE TABLE "meeting_paper_comments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"version_id" uuid NOT NULL,
	"commune_code" text NOT NULL,
	"anchor" text,
	"body" text NOT NULL,
	"author_official_id" uuid,
	"author_name" text NOT NULL,
	"author_account_id" uuid,
	"answer" text,
	"answered_by" text,
	"answered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meeting_paper_versions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"paper_id" uuid NOT NULL,
	"commune_code" text NOT NULL,
	"version" integer NOT NULL,
	"body" text,
	"storage_key" text,
	"file_name" text,
	"content_type" text,
	"size_bytes" integer,
	"sha256" text,
	"change_note" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meeting_papers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"meeting_id" uuid NOT NULL,
	"commune_code" text NOT NULL,
	"item_id" uuid,
	"paper_type" text NOT NULL,
	"title" text NOT NULL,
	"status" text DEFAULT 'drafting' NOT NULL,
	"drafter_id" uuid,
	"current_version" integer DEFAULT 0 NOT NULL,
	"adopted_version" integer,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meeting_participants" (
	"id" uuid PRIMARY KEY NOT NULL,
	"meeting_id" uuid NOT NULL,
	"commune_code" text NOT NULL,
	"role" text NOT NULL,
	"official_id" uuid,
	"full_name" text NOT NULL,
	"title" text,
	"email" text,
	"response" text DEFAULT 'pending' NOT NULL,
	"apology_reason" text,
	"responded_at" timestamp with time zone,
	"invitation_channel" text,
	"invited_at" timestamp with time zone,
	"checked_in_at" timestamp with time zone,
	"left_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meeting_participants_role_ck" CHECK ("meeting_participants"."role" in ('member', 'guest')),
	CONSTRAINT "meeting_participants_response_ck" CHECK ("meeting_participants"."response" in ('pending', 'confirmed', 'apologised')),
	CONSTRAINT "meeting_participants_member_ck" CHECK ("meeting_participants"."role" = 'guest' or "meeting_participants"."official_id" is not null)
);
--> statement-breakpoint
CREATE TABLE "meeting_speeches" (
	"id" uuid PRIMARY KEY NOT NULL,
	"item_id" uuid NOT NULL,
	"commune_code" text NOT NULL,
	"official_id" uuid,
	"speaker_name" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	"summary" text
);
--> statement-breakpoint
CREATE TABLE "meeting_tasks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"meeting_id" uuid NOT NULL,
	"commune_code" text NOT NULL,
	"document_id" uuid,
	"official_id" uuid NOT NULL,
	"title" text NOT NULL,
	"assigned_on" date NOT NULL,
	"working_days" integer NOT NULL,
	"due_date" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"done_at" timestamp with time zone,
	"done_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meeting_tasks_status_ck" CHECK ("meeting_tasks"."status" in ('open', 'done'))
);
--> statement-breakpoint
CREATE TABLE "meeting_votes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"meeting_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"commune_code" text NOT NULL,
	"vote_type" text NOT NULL,
	"method" text NOT NULL,
	"question" text NOT NULL,
	"seats_to_fill" integer,
	"status" text DEFAULT 'open' NOT NULL,
	"basis" jsonb NOT NULL,
	"result" jsonb,
	"outcome" text,
	"opened_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	CONSTRAINT "meeting_votes_type_ck" CHECK ("meeting_votes"."vote_type" in ('open', 'secret', 'election')),
	CONSTRAINT "meeting_votes_method_ck" CHECK ("meeting_votes"."method" in ('electronic', 'paper')),
	CONSTRAINT "meeting_votes_status_ck" CHECK ("meeting_votes"."status" in ('open', 'closed'))
);
--> statement-breakpoint
CREATE TABLE "meetings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"commune_code" text NOT NULL,
	"body_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"meeting_date" date NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"place" text NOT NULL,
	"convener_id" uuid,
	"chair_id" uuid,
	"rehearsal" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"current_item_id" uuid,
	"opened_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meetings_status_ck" CHECK ("meetings"."status" in ('draft', 'invited', 'in_progress', 'closed', 'cancelled'))
);
--> statement-breakpoint
CREATE TABLE "notification_outbox" (
	"id" uuid PRIMARY KEY NOT NULL,
	"commune_code" text,
	"channel" text NOT NULL,
	"recipient" text NOT NULL,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"source_type" text NOT NULL,
	"source_id" uuid NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notification_outbox_status_ck" CHECK ("notification_outbox"."status" in ('pending', 'sent', 'failed', 'recorded')),
	CONSTRAINT "notification_outbox_channel_ck" CHECK ("notification_outbox"."channel" in ('email'))
);
--> statement-breakpoint
CREATE TABLE "document_number_series" (
	"commune_code" text NOT NULL,
	"issuer" text NOT NULL,
	"doc_type" text NOT NULL,
	"year" integer NOT NULL,
	"last" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "document_number_series_commune_code_issuer_doc_type_year_pk" PRIMARY KEY("commune_code","issuer","doc_type","year")
);
--> statement-breakpoint
ALTER TABLE "meeting_agenda_items" ADD CONSTRAINT "meeting_agenda_items_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_ballot_tallies" ADD CONSTRAINT "meeting_ballot_tallies_vote_id_meeting_votes_id_fk" FOREIGN KEY ("vote_id") REFERENCES "public"."meeting_votes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_ballot_voters" ADD CONSTRAINT "meeting_ballot_voters_vote_id_meeting_votes_id_fk" FOREIGN KEY ("vote_id") REFERENCES "public"."meeting_votes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_candidates" ADD CONSTRAINT "meeting_candidates_vote_id_meeting_votes_id_fk" FOREIGN KEY ("vote_id") REFERENCES "public"."meeting_votes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_documents" ADD CONSTRAINT "meeting_documents_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_minutes" ADD CONSTRAINT "meeting_minutes_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_minutes_comments" ADD CONSTRAINT "meeting_minutes_comments_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_open_ballots" ADD CONSTRAINT "meeting_open_ballots_vote_id_meeting_votes_id_fk" FOREIGN KEY ("vote_id") REFERENCES "public"."meeting_votes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_paper_comments" ADD CONSTRAINT "meeting_paper_comments_version_id_meeting_paper_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."meeting_paper_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_paper_versions" ADD CONSTRAINT "meeting_paper_versions_paper_id_meeting_papers_id_fk" FOREIGN KEY ("paper_id") REFERENCES "public"."meeting_papers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_papers" ADD CONSTRAINT "meeting_papers_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_participants" ADD CONSTRAINT "meeting_participants_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_speeches" ADD CONSTRAINT "meeting_speeches_item_id_meeting_agenda_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."meeting_agenda_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_tasks" ADD CONSTRAINT "meeting_tasks_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_votes" ADD CONSTRAINT "meeting_votes_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_votes" ADD CONSTRAINT "meeting_votes_item_id_meeting_agenda_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."meeting_agenda_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "meeting_agenda_items_meeting_idx" ON "meeting_agenda_items" USING btree ("meeting_id","position");--> statement-breakpoint
CREATE INDEX "meeting_bodies_commune_idx" ON "meeting_bodies" USING btree ("commune_code");--> statement-breakpoint
CREATE UNIQUE INDEX "meeting_candidates_uq" ON "meeting_candidates" USING btree ("vote_id","official_id");--> statement-breakpoint
CREATE INDEX "meeting_documents_meeting_idx" ON "meeting_documents" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "meeting_documents_commune_idx" ON "meeting_documents" USING btree ("commune_code","doc_type");--> statement-breakpoint
CREATE INDEX "meeting_minutes_comments_meeting_idx" ON "meeting_minutes_comments" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "meeting_open_ballots_official_idx" ON "meeting_open_ballots" USING btree ("official_id");--> statement-breakpoint
CREATE INDEX "meeting_paper_comments_version_idx" ON "meeting_paper_comments" USING btree ("version_id");--> statement-breakpoint
CREATE UNIQUE INDEX "meeting_paper_versions_uq" ON "meeting_paper_versions" USING btree ("paper_id","version");--> statement-breakpoint
CREATE INDEX "meeting_papers_meeting_idx" ON "meeting_papers" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "meeting_participants_meeting_idx" ON "meeting_participants" USING btree ("meeting_id");--> statement-breakpoint
CREATE UNIQUE INDEX "meeting_participants_official_uq" ON "meeting_participants" USING btree ("meeting_id","official_id");--> statement-breakpoint
CREATE INDEX "meeting_speeches_item_idx" ON "meeting_speeches" USING btree ("item_id");--> statement-breakpoint
CREATE INDEX "meeting_tasks_official_idx" ON "meeting_tasks" USING btree ("official_id","status");--> statement-breakpoint
CREATE INDEX "meeting_tasks_commune_idx" ON "meeting_tasks" USING btree ("commune_code","status","due_date");--> statement-breakpoint
CREATE INDEX "meeting_votes_meeting_idx" ON "meeting_votes" USING btree ("meeting_id");--> statement-breakpoint
CREATE UNIQUE INDEX "meeting_votes_open_uq" ON "meeting_votes" USING btree ("item_id") WHERE "meeting_votes"."status" = 'open';--> statement-breakpoint
CREATE INDEX "meetings_commune_date_idx" ON "meetings" USING btree ("commune_code","meeting_date");--> statement-breakpoint
CREATE INDEX "meetings_body_idx" ON "meetings" USING btree ("body_id");--> statement-breakpoint
CREATE INDEX "notification_outbox_due_idx" ON "notification_outbox" USING btree ("next_attempt_at") WHERE "notification_outbox"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "notification_outbox_source_idx" ON "notification_outbox" USING btree ("source_type","source_id");