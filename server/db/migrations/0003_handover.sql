CREATE TABLE "handover" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"batch_id" uuid NOT NULL,
	"institution_id" uuid NOT NULL,
	"number" text NOT NULL,
	"handing_section" text DEFAULT 'Pemberdayaan' NOT NULL,
	"receiving_section" text DEFAULT 'Penyelenggaraan' NOT NULL,
	"receiver_id" uuid,
	"registration_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" uuid,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by" uuid,
	"acknowledgement_note" text
);
--> statement-breakpoint
CREATE TABLE "rate_limit" (
	"key" text PRIMARY KEY NOT NULL,
	"points" integer NOT NULL,
	"expire" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "re_registration" (
	"registration_id" uuid PRIMARY KEY NOT NULL,
	"batch_id" uuid NOT NULL,
	"deadline" timestamp with time zone NOT NULL,
	"origin" text NOT NULL,
	"commitment_accepted_at" timestamp with time zone,
	"confirmed_at" timestamp with time zone,
	"declined_at" timestamp with time zone,
	"decline_reason" text,
	"completed_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "re_registration_document_check" (
	"registration_id" uuid NOT NULL,
	"document" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"reason" text,
	"checked_at" timestamp with time zone,
	"checked_by" uuid,
	"reupload_key" text,
	"reuploaded_at" timestamp with time zone,
	CONSTRAINT "re_registration_document_check_registration_id_document_pk" PRIMARY KEY("registration_id","document")
);
--> statement-breakpoint
CREATE TABLE "results_announcement" (
	"batch_id" uuid PRIMARY KEY NOT NULL,
	"institution_id" uuid NOT NULL,
	"snapshot_id" integer,
	"scheduled_for" timestamp with time zone,
	"scheduled_by" uuid,
	"announced_at" timestamp with time zone,
	"announced_by" uuid
);
--> statement-breakpoint
ALTER TABLE "batch_selection" ADD COLUMN "reserve_re_registration_days" integer DEFAULT 3 NOT NULL;--> statement-breakpoint
ALTER TABLE "handover" ADD CONSTRAINT "handover_batch_id_batch_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."batch"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handover" ADD CONSTRAINT "handover_institution_id_institution_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institution"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handover" ADD CONSTRAINT "handover_receiver_id_user_account_id_fk" FOREIGN KEY ("receiver_id") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "re_registration" ADD CONSTRAINT "re_registration_registration_id_registration_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."registration"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "re_registration" ADD CONSTRAINT "re_registration_batch_id_batch_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."batch"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "re_registration_document_check" ADD CONSTRAINT "re_registration_document_check_registration_id_registration_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."registration"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "results_announcement" ADD CONSTRAINT "results_announcement_batch_id_batch_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."batch"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "results_announcement" ADD CONSTRAINT "results_announcement_institution_id_institution_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institution"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "results_announcement" ADD CONSTRAINT "results_announcement_snapshot_id_plenary_snapshot_id_fk" FOREIGN KEY ("snapshot_id") REFERENCES "public"."plenary_snapshot"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "handover_one_per_batch" ON "handover" USING btree ("batch_id");--> statement-breakpoint
CREATE INDEX "re_registration_batch_idx" ON "re_registration" USING btree ("batch_id");--> statement-breakpoint
CREATE UNIQUE INDEX "registration_event_announced_once" ON "registration_event" USING btree ("registration_id") WHERE "registration_event"."kind" = 'results_announced';