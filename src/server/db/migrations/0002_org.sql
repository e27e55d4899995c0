CREATE TABLE "org_announcements" (
	"id" uuid PRIMARY KEY NOT NULL,
	"commune_code" text NOT NULL,
	"version" integer NOT NULL,
	"status" text NOT NULL,
	"title" text NOT NULL,
	"preamble" text DEFAULT '' NOT NULL,
	"items" jsonb NOT NULL,
	"recipients" jsonb NOT NULL,
	"number" text,
	"issued_on" date,
	"signer_id" uuid,
	"signer_name" text,
	"signer_title" text,
	"superseded_by_id" uuid,
	"superseded_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "org_announcements_status_check" CHECK ("org_announcements"."status" in ('draft', 'issued', 'superseded')),
	CONSTRAINT "org_announcements_issued_check" CHECK ("org_announcements"."status" = 'draft' or ("org_announcements"."number" is not null and "org_announcements"."issued_on" is not null and "org_announcements"."signer_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "org_bodies" (
	"id" uuid PRIMARY KEY NOT NULL,
	"commune_code" text NOT NULL,
	"parent_id" uuid,
	"template_key" text,
	"category" text NOT NULL,
	"name" text NOT NULL,
	"short_name" text,
	"name_folded" text NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"opened_on" date NOT NULL,
	"closed_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "org_bodies_dates_check" CHECK ("org_bodies"."closed_on" is null or "org_bodies"."closed_on" >= "org_bodies"."opened_on")
);
--> statement-breakpoint
CREATE TABLE "org_communes" (
	"commune_code" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"activated_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "org_officials" (
	"id" uuid PRIMARY KEY NOT NULL,
	"commune_code" text NOT NULL,
	"full_name" text NOT NULL,
	"name_folded" text NOT NULL,
	"date_of_birth" date NOT NULL,
	"gender" text NOT NULL,
	"phone" text,
	"email" text,
	"former_unit_code" text,
	"former_unit_name" text,
	"former_district_name" text,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "org_officials_status_check" CHECK ("org_officials"."status" in ('active', 'transferred', 'retired')),
	CONSTRAINT "org_officials_gender_check" CHECK ("org_officials"."gender" in ('male', 'female')),
	CONSTRAINT "org_officials_former_check" CHECK ("org_officials"."former_unit_code" is null or "org_officials"."former_district_name" is null)
);
--> statement-breakpoint
CREATE TABLE "org_positions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"commune_code" text NOT NULL,
	"official_id" uuid NOT NULL,
	"body_id" uuid NOT NULL,
	"title" text NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "org_positions_dates_check" CHECK ("org_positions"."end_date" is null or "org_positions"."end_date" >= "org_positions"."start_date")
);
--> statement-breakpoint
ALTER TABLE "org_announcements" ADD CONSTRAINT "org_announcements_signer_id_org_officials_id_fk" FOREIGN KEY ("signer_id") REFERENCES "public"."org_officials"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_announcements" ADD CONSTRAINT "org_announcements_superseded_by_id_org_announcements_id_fk" FOREIGN KEY ("superseded_by_id") REFERENCES "public"."org_announcements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_bodies" ADD CONSTRAINT "org_bodies_parent_id_org_bodies_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."org_bodies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_positions" ADD CONSTRAINT "org_positions_official_id_org_officials_id_fk" FOREIGN KEY ("official_id") REFERENCES "public"."org_officials"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_positions" ADD CONSTRAINT "org_positions_body_id_org_bodies_id_fk" FOREIGN KEY ("body_id") REFERENCES "public"."org_bodies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "org_announcements_version_idx" ON "org_announcements" USING btree ("commune_code","version");--> statement-breakpoint
CREATE UNIQUE INDEX "org_announcements_current_idx" ON "org_announcements" USING btree ("commune_code") WHERE "org_announcements"."status" = 'issued';--> statement-breakpoint
CREATE INDEX "org_bodies_commune_idx" ON "org_bodies" USING btree ("commune_code");--> statement-breakpoint
CREATE UNIQUE INDEX "org_bodies_template_idx" ON "org_bodies" USING btree ("commune_code","template_key");--> statement-breakpoint
CREATE INDEX "org_officials_commune_name_idx" ON "org_officials" USING btree ("commune_code","name_folded","id");--> statement-breakpoint
CREATE INDEX "org_positions_official_idx" ON "org_positions" USING btree ("official_id");--> statement-breakpoint
CREATE INDEX "org_positions_commune_body_idx" ON "org_positions" USING btree ("commune_code","body_id");