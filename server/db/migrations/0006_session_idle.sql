ALTER TABLE "assisted_session" ADD COLUMN "auth_session_id" text;--> statement-breakpoint
ALTER TABLE "auth_session" ADD COLUMN "last_seen_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "auth_session" ADD COLUMN "public_id" uuid DEFAULT gen_random_uuid() NOT NULL;--> statement-breakpoint
ALTER TABLE "auth_session" ADD COLUMN "network" text;--> statement-breakpoint
ALTER TABLE "institution" ADD COLUMN "staff_idle_minutes" integer DEFAULT 30 NOT NULL;--> statement-breakpoint
ALTER TABLE "institution" ADD COLUMN "kiosk_idle_minutes" integer DEFAULT 10 NOT NULL;--> statement-breakpoint
CREATE INDEX "auth_session_expires_idx" ON "auth_session" USING btree ("expires_at");--> statement-breakpoint
ALTER TABLE "auth_session" ADD CONSTRAINT "auth_session_public_id_unique" UNIQUE("public_id");