CREATE TABLE "mail_delivery" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"category" text NOT NULL,
	"recipient" text NOT NULL,
	"subject" text NOT NULL,
	"institution_id" uuid,
	"registration_id" uuid,
	"batch_id" uuid,
	"job_id" bigint,
	"status" text DEFAULT 'queued' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"relay_response" text,
	"resend_of" bigint,
	"queued_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone,
	"failed_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "institution" ADD COLUMN "phone" text;--> statement-breakpoint
ALTER TABLE "institution" ADD COLUMN "help_desk_hours" text;--> statement-breakpoint
ALTER TABLE "institution" ADD COLUMN "reply_to_email" text;--> statement-breakpoint
ALTER TABLE "job" ADD COLUMN "queue" text DEFAULT 'default' NOT NULL;--> statement-breakpoint
ALTER TABLE "mail_delivery" ADD CONSTRAINT "mail_delivery_institution_id_institution_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institution"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mail_delivery" ADD CONSTRAINT "mail_delivery_registration_id_registration_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."registration"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mail_delivery" ADD CONSTRAINT "mail_delivery_batch_id_batch_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."batch"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mail_delivery" ADD CONSTRAINT "mail_delivery_job_id_job_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."job"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "mail_delivery_batch_idx" ON "mail_delivery" USING btree ("batch_id","registration_id");--> statement-breakpoint
CREATE INDEX "mail_delivery_registration_idx" ON "mail_delivery" USING btree ("registration_id");--> statement-breakpoint
CREATE UNIQUE INDEX "mail_delivery_resend_once" ON "mail_delivery" USING btree ("resend_of") WHERE "mail_delivery"."resend_of" is not null;--> statement-breakpoint
CREATE INDEX "job_queue_due_idx" ON "job" USING btree ("queue","status","run_at");