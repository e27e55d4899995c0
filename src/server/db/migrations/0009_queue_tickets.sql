CREATE TABLE "queue_tickets" (
	"id" uuid PRIMARY KEY NOT NULL,
	"commune_code" text NOT NULL,
	"group_id" uuid NOT NULL,
	"day" date NOT NULL,
	"seq" integer NOT NULL,
	"number" text NOT NULL,
	"priority_reason" text,
	"status" text DEFAULT 'waiting' NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"called_at" timestamp with time zone,
	"counter_id" uuid,
	"called_by" uuid,
	"recalls" integer DEFAULT 0 NOT NULL,
	"closed_at" timestamp with time zone,
	"dossier_id" uuid,
	CONSTRAINT "queue_tickets_number_uq" UNIQUE("commune_code","day","number"),
	CONSTRAINT "queue_tickets_status_ck" CHECK ("queue_tickets"."status" in ('waiting', 'called', 'served', 'no_show'))
);
--> statement-breakpoint
CREATE TABLE "ticket_counters" (
	"id" uuid PRIMARY KEY NOT NULL,
	"commune_code" text NOT NULL,
	"number" integer NOT NULL,
	"name" text NOT NULL,
	"group_ids" uuid[] NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ticket_counters_number_uq" UNIQUE("commune_code","number")
);
--> statement-breakpoint
CREATE TABLE "ticket_number_counters" (
	"group_id" uuid NOT NULL,
	"day" date NOT NULL,
	"priority" boolean NOT NULL,
	"last_value" integer NOT NULL,
	CONSTRAINT "ticket_number_counters_group_id_day_priority_pk" PRIMARY KEY("group_id","day","priority")
);
--> statement-breakpoint
CREATE TABLE "ticket_service_groups" (
	"id" uuid PRIMARY KEY NOT NULL,
	"commune_code" text NOT NULL,
	"letter" text NOT NULL,
	"name" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ticket_service_groups_letter_uq" UNIQUE("commune_code","letter"),
	CONSTRAINT "ticket_service_groups_letter_ck" CHECK ("ticket_service_groups"."letter" ~ '^[A-Z]$')
);
--> statement-breakpoint
CREATE TABLE "ticket_settings" (
	"commune_code" text PRIMARY KEY NOT NULL,
	"priority_first" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "queue_tickets_waiting_idx" ON "queue_tickets" USING btree ("commune_code","day","status","issued_at");--> statement-breakpoint
CREATE INDEX "queue_tickets_called_idx" ON "queue_tickets" USING btree ("commune_code","called_at");