ALTER TABLE "trunks" ADD COLUMN "register" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "trunks" ADD COLUMN "register_expires_s" integer DEFAULT 600 NOT NULL;