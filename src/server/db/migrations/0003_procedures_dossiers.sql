CREATE TABLE "dossier_actions" (
	"dossier_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"commune_code" text NOT NULL,
	"action" text NOT NULL,
	"payload" jsonb NOT NULL,
	"actor" jsonb NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	CONSTRAINT "dossier_actions_dossier_id_seq_pk" PRIMARY KEY("dossier_id","seq"),
	CONSTRAINT "dossier_actions_seq_check" CHECK ("dossier_actions"."seq" >= 1)
);
--> statement-breakpoint
CREATE TABLE "dossier_agency_ids" (
	"commune_code" text PRIMARY KEY NOT NULL,
	"agency_id" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dossier_code_counters" (
	"commune_code" text NOT NULL,
	"day" date NOT NULL,
	"last_value" integer NOT NULL,
	CONSTRAINT "dossier_code_counters_commune_code_day_pk" PRIMARY KEY("commune_code","day")
);
--> statement-breakpoint
CREATE TABLE "dossier_idempotency_keys" (
	"scope" text NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"dossier_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dossier_idempotency_keys_scope_key_pk" PRIMARY KEY("scope","key")
);
--> statement-breakpoint
CREATE TABLE "dossiers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"commune_code" text NOT NULL,
	"receiving_commune_code" text NOT NULL,
	"procedure_id" uuid NOT NULL,
	"procedure_version" integer NOT NULL,
	"procedure_name" text NOT NULL,
	"channel" text NOT NULL,
	"applicant_full_name" text NOT NULL,
	"applicant_name_folded" text NOT NULL,
	"applicant_id_number" text NOT NULL,
	"applicant_phone" text NOT NULL,
	"applicant_address" text NOT NULL,
	"checklist" jsonb NOT NULL,
	"status" text NOT NULL,
	"version" integer NOT NULL,
	"due_date" date,
	"assignee_id" uuid,
	"received_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dossiers_code_unique" UNIQUE("code"),
	CONSTRAINT "dossiers_channel_check" CHECK ("dossiers"."channel" in ('counter', 'online')),
	CONSTRAINT "dossiers_version_check" CHECK ("dossiers"."version" >= 1)
);
--> statement-breakpoint
CREATE TABLE "procedure_versions" (
	"procedure_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"data" jsonb NOT NULL,
	"reason" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "procedure_versions_procedure_id_version_pk" PRIMARY KEY("procedure_id","version"),
	CONSTRAINT "procedure_versions_version_check" CHECK ("procedure_versions"."version" >= 1)
);
--> statement-breakpoint
CREATE TABLE "procedures" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"current_version" integer NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"name" text NOT NULL,
	"name_folded" text NOT NULL,
	"domain" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "procedures_code_unique" UNIQUE("code"),
	CONSTRAINT "procedures_status_check" CHECK ("procedures"."status" in ('active', 'retired')),
	CONSTRAINT "procedures_version_check" CHECK ("procedures"."current_version" >= 1)
);
--> statement-breakpoint
ALTER TABLE "dossier_actions" ADD CONSTRAINT "dossier_actions_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procedure_versions" ADD CONSTRAINT "procedure_versions_procedure_id_procedures_id_fk" FOREIGN KEY ("procedure_id") REFERENCES "public"."procedures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dossiers_commune_status_due_idx" ON "dossiers" USING btree ("commune_code","status","due_date");--> statement-breakpoint
CREATE INDEX "dossiers_receiving_idx" ON "dossiers" USING btree ("receiving_commune_code","received_at");--> statement-breakpoint
CREATE INDEX "dossiers_assignee_idx" ON "dossiers" USING btree ("assignee_id","status");--> statement-breakpoint
CREATE INDEX "dossiers_commune_received_idx" ON "dossiers" USING btree ("commune_code","received_at","id");--> statement-breakpoint
CREATE INDEX "procedures_domain_idx" ON "procedures" USING btree ("domain","name_folded");