ALTER TABLE "campaigns" ADD COLUMN "machine_action" text DEFAULT 'hangup' NOT NULL;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "machine_message" text;