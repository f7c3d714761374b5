CREATE TYPE "public"."assessment_kind" AS ENUM('self_assessment', 'potential', 'written_test');--> statement-breakpoint
CREATE TYPE "public"."question_type" AS ENUM('likert', 'scaled', 'multiple_choice');--> statement-breakpoint
CREATE TABLE "assessment_attempt" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"candidate_id" uuid NOT NULL,
	"kind" "assessment_kind" NOT NULL,
	"institution_id" uuid NOT NULL,
	"batch_id" uuid NOT NULL,
	"registration_id" uuid,
	"seed" text NOT NULL,
	"items" jsonb NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone,
	"submitted_at" timestamp with time zone,
	"submit_reason" text,
	"correct_count" integer,
	"score" real,
	"scale_scores" jsonb
);
--> statement-breakpoint
CREATE TABLE "attempt_answer" (
	"attempt_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"question_version_id" uuid NOT NULL,
	"answer" text NOT NULL,
	"answered_at" timestamp with time zone NOT NULL,
	CONSTRAINT "attempt_answer_attempt_id_position_pk" PRIMARY KEY("attempt_id","position")
);
--> statement-breakpoint
CREATE TABLE "batch_assessment" (
	"batch_id" uuid NOT NULL,
	"kind" "assessment_kind" NOT NULL,
	"sources" jsonb NOT NULL,
	"time_limit_minutes" integer,
	"pass_mark" real,
	CONSTRAINT "batch_assessment_batch_id_kind_pk" PRIMARY KEY("batch_id","kind")
);
--> statement-breakpoint
CREATE TABLE "question" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"bank_id" uuid NOT NULL,
	"code" text NOT NULL,
	"position" integer NOT NULL,
	"current_version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "question_bank" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"kind" "assessment_kind" NOT NULL,
	"code" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"vocational_field" text,
	"scales" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "question_version" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"question_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"type" "question_type" NOT NULL,
	"stem" text NOT NULL,
	"image_key" text,
	"options" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"correct_option_key" text,
	"scale_code" text,
	"reverse_scored" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
ALTER TABLE "batch" ADD COLUMN "written_test_published_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "assessment_attempt" ADD CONSTRAINT "assessment_attempt_candidate_id_user_account_id_fk" FOREIGN KEY ("candidate_id") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_attempt" ADD CONSTRAINT "assessment_attempt_institution_id_institution_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institution"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_attempt" ADD CONSTRAINT "assessment_attempt_batch_id_batch_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."batch"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_attempt" ADD CONSTRAINT "assessment_attempt_registration_id_registration_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."registration"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attempt_answer" ADD CONSTRAINT "attempt_answer_attempt_id_assessment_attempt_id_fk" FOREIGN KEY ("attempt_id") REFERENCES "public"."assessment_attempt"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "batch_assessment" ADD CONSTRAINT "batch_assessment_batch_id_batch_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."batch"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "question" ADD CONSTRAINT "question_bank_id_question_bank_id_fk" FOREIGN KEY ("bank_id") REFERENCES "public"."question_bank"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "question_bank" ADD CONSTRAINT "question_bank_institution_id_institution_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institution"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "question_version" ADD CONSTRAINT "question_version_question_id_question_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."question"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "assessment_attempt_one_open" ON "assessment_attempt" USING btree ("candidate_id","kind") WHERE "assessment_attempt"."submitted_at" is null;--> statement-breakpoint
CREATE INDEX "assessment_attempt_candidate_idx" ON "assessment_attempt" USING btree ("candidate_id","kind","submitted_at");--> statement-breakpoint
CREATE INDEX "assessment_attempt_batch_idx" ON "assessment_attempt" USING btree ("batch_id","kind");--> statement-breakpoint
CREATE UNIQUE INDEX "question_code_key" ON "question" USING btree ("bank_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "question_bank_code_key" ON "question_bank" USING btree ("institution_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "question_version_key" ON "question_version" USING btree ("question_id","version");