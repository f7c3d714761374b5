CREATE TABLE "batch_selection" (
	"batch_id" uuid PRIMARY KEY NOT NULL,
	"weight_written_test" integer DEFAULT 60 NOT NULL,
	"weight_interview" integer DEFAULT 40 NOT NULL,
	"weight_self_assessment" integer DEFAULT 0 NOT NULL,
	"interview_invite_limit" integer,
	"slot_change_cutoff" timestamp with time zone,
	"interview_bring" text DEFAULT 'KTP asli, ijazah terakhir asli, dan tanda pendaftaran (cetak atau di ponsel).' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
CREATE TABLE "interview_assignment" (
	"registration_id" uuid PRIMARY KEY NOT NULL,
	"batch_id" uuid NOT NULL,
	"slot_id" uuid NOT NULL,
	"assigned_at" timestamp with time zone NOT NULL,
	"assigned_by" uuid,
	"attendance" text,
	"attendance_at" timestamp with time zone,
	"attendance_by" uuid
);
--> statement-breakpoint
CREATE TABLE "interview_rubric" (
	"batch_id" uuid PRIMARY KEY NOT NULL,
	"criteria" jsonb NOT NULL,
	"scale_min" integer DEFAULT 1 NOT NULL,
	"scale_max" integer DEFAULT 5 NOT NULL,
	"scale_labels" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
CREATE TABLE "interview_scorecard" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"registration_id" uuid NOT NULL,
	"batch_id" uuid NOT NULL,
	"interviewer_id" uuid NOT NULL,
	"scores" jsonb NOT NULL,
	"total" real NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"rubric" jsonb NOT NULL,
	"submitted_at" timestamp with time zone,
	"reopened_at" timestamp with time zone,
	"reopened_by" uuid,
	"reopen_reason" text,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "interview_slot" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"batch_id" uuid NOT NULL,
	"institution_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"place" text,
	"online_url" text,
	"capacity" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" uuid,
	CONSTRAINT "interview_slot_capacity" CHECK ("interview_slot"."capacity" >= 1)
);
--> statement-breakpoint
CREATE TABLE "interview_slot_interviewer" (
	"slot_id" uuid NOT NULL,
	"interviewer_id" uuid NOT NULL,
	CONSTRAINT "interview_slot_interviewer_slot_id_interviewer_id_pk" PRIMARY KEY("slot_id","interviewer_id")
);
--> statement-breakpoint
CREATE TABLE "plenary" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"batch_id" uuid NOT NULL,
	"institution_id" uuid NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"minutes_number" text NOT NULL,
	"place" text DEFAULT '' NOT NULL,
	"held_on" timestamp with time zone,
	"attendees" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"opened_by" uuid,
	"finalised_at" timestamp with time zone,
	"finalised_by" uuid
);
--> statement-breakpoint
CREATE TABLE "plenary_override" (
	"plenary_id" uuid NOT NULL,
	"registration_id" uuid NOT NULL,
	"outcome" text NOT NULL,
	"reason" text NOT NULL,
	"decided_by" uuid,
	"decided_by_name" text NOT NULL,
	"decided_at" timestamp with time zone NOT NULL,
	CONSTRAINT "plenary_override_plenary_id_registration_id_pk" PRIMARY KEY("plenary_id","registration_id")
);
--> statement-breakpoint
CREATE TABLE "plenary_snapshot" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"plenary_id" uuid NOT NULL,
	"batch_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"kind" text NOT NULL,
	"reason" text,
	"payload" text NOT NULL,
	"hash" text NOT NULL,
	"passed_count" integer NOT NULL,
	"reserve_count" integer NOT NULL,
	"not_passed_count" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "written_test_result" (
	"registration_id" uuid PRIMARY KEY NOT NULL,
	"batch_id" uuid NOT NULL,
	"attempt_id" uuid,
	"score" real NOT NULL,
	"pass_mark" real NOT NULL,
	"passed" text NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	"published_by" uuid
);
--> statement-breakpoint
CREATE TABLE "import_preview" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"target_id" text NOT NULL,
	"file_name" text NOT NULL,
	"file_sha256" text NOT NULL,
	"content" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" uuid,
	"applied_at" timestamp with time zone,
	"applied_by" uuid
);
--> statement-breakpoint
ALTER TABLE "batch" ADD COLUMN "results_announced_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "batch_selection" ADD CONSTRAINT "batch_selection_batch_id_batch_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."batch"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interview_assignment" ADD CONSTRAINT "interview_assignment_registration_id_registration_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."registration"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interview_assignment" ADD CONSTRAINT "interview_assignment_batch_id_batch_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."batch"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interview_assignment" ADD CONSTRAINT "interview_assignment_slot_id_interview_slot_id_fk" FOREIGN KEY ("slot_id") REFERENCES "public"."interview_slot"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interview_rubric" ADD CONSTRAINT "interview_rubric_batch_id_batch_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."batch"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interview_scorecard" ADD CONSTRAINT "interview_scorecard_registration_id_registration_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."registration"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interview_scorecard" ADD CONSTRAINT "interview_scorecard_batch_id_batch_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."batch"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interview_scorecard" ADD CONSTRAINT "interview_scorecard_interviewer_id_user_account_id_fk" FOREIGN KEY ("interviewer_id") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interview_slot" ADD CONSTRAINT "interview_slot_batch_id_batch_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."batch"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interview_slot" ADD CONSTRAINT "interview_slot_institution_id_institution_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institution"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interview_slot_interviewer" ADD CONSTRAINT "interview_slot_interviewer_slot_id_interview_slot_id_fk" FOREIGN KEY ("slot_id") REFERENCES "public"."interview_slot"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interview_slot_interviewer" ADD CONSTRAINT "interview_slot_interviewer_interviewer_id_user_account_id_fk" FOREIGN KEY ("interviewer_id") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plenary" ADD CONSTRAINT "plenary_batch_id_batch_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."batch"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plenary" ADD CONSTRAINT "plenary_institution_id_institution_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institution"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plenary_override" ADD CONSTRAINT "plenary_override_plenary_id_plenary_id_fk" FOREIGN KEY ("plenary_id") REFERENCES "public"."plenary"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plenary_override" ADD CONSTRAINT "plenary_override_registration_id_registration_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."registration"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plenary_snapshot" ADD CONSTRAINT "plenary_snapshot_plenary_id_plenary_id_fk" FOREIGN KEY ("plenary_id") REFERENCES "public"."plenary"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plenary_snapshot" ADD CONSTRAINT "plenary_snapshot_batch_id_batch_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."batch"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "written_test_result" ADD CONSTRAINT "written_test_result_registration_id_registration_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."registration"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "written_test_result" ADD CONSTRAINT "written_test_result_batch_id_batch_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."batch"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "written_test_result" ADD CONSTRAINT "written_test_result_attempt_id_assessment_attempt_id_fk" FOREIGN KEY ("attempt_id") REFERENCES "public"."assessment_attempt"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_preview" ADD CONSTRAINT "import_preview_institution_id_institution_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institution"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "interview_assignment_slot_idx" ON "interview_assignment" USING btree ("slot_id");--> statement-breakpoint
CREATE INDEX "interview_assignment_batch_idx" ON "interview_assignment" USING btree ("batch_id");--> statement-breakpoint
CREATE UNIQUE INDEX "interview_scorecard_one_per_interviewer" ON "interview_scorecard" USING btree ("registration_id","interviewer_id");--> statement-breakpoint
CREATE INDEX "interview_scorecard_batch_idx" ON "interview_scorecard" USING btree ("batch_id");--> statement-breakpoint
CREATE INDEX "interview_slot_batch_idx" ON "interview_slot" USING btree ("batch_id","starts_at");--> statement-breakpoint
CREATE INDEX "slot_interviewer_idx" ON "interview_slot_interviewer" USING btree ("interviewer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "plenary_one_per_batch" ON "plenary" USING btree ("batch_id");--> statement-breakpoint
CREATE UNIQUE INDEX "plenary_snapshot_version_key" ON "plenary_snapshot" USING btree ("plenary_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "plenary_snapshot_hash_key" ON "plenary_snapshot" USING btree ("hash");--> statement-breakpoint
CREATE INDEX "written_test_result_batch_idx" ON "written_test_result" USING btree ("batch_id");--> statement-breakpoint
CREATE INDEX "import_preview_target_idx" ON "import_preview" USING btree ("kind","target_id");