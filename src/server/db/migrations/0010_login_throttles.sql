CREATE TABLE "login_throttles" (
	"key" text PRIMARY KEY NOT NULL,
	"username" text,
	"client_address" text,
	"failures" integer NOT NULL,
	"last_failure_at" timestamp with time zone NOT NULL,
	"blocked_until" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "login_throttles_blocked_idx" ON "login_throttles" USING btree ("blocked_until");