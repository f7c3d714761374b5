CREATE TABLE "account_closure_request" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"requested_by" uuid NOT NULL,
	"status" text DEFAULT 'requested' NOT NULL,
	"completed_at" timestamp with time zone,
	"completed_by" uuid,
	"kept" jsonb,
	"kept_until" date
);
--> statement-breakpoint
CREATE TABLE "privacy_consent" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"notice_version" text NOT NULL,
	"consented_at" timestamp with time zone NOT NULL,
	"channel" text NOT NULL,
	"recorded_by" uuid
);
--> statement-breakpoint
ALTER TABLE "account_closure_request" ADD CONSTRAINT "account_closure_request_user_id_user_account_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "privacy_consent" ADD CONSTRAINT "privacy_consent_user_id_user_account_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user_account"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "account_closure_one_open" ON "account_closure_request" USING btree ("user_id") WHERE "account_closure_request"."status" = 'requested';--> statement-breakpoint
CREATE INDEX "account_closure_status_idx" ON "account_closure_request" USING btree ("status","requested_at");--> statement-breakpoint
CREATE INDEX "privacy_consent_user_idx" ON "privacy_consent" USING btree ("user_id","consented_at");