CREATE TABLE "campaigns" (
	"id" uuid PRIMARY KEY NOT NULL,
	"client_id" uuid NOT NULL,
	"name" text NOT NULL,
	"type" text NOT NULL,
	"mode" text DEFAULT 'preview' NOT NULL,
	"caller_id" text NOT NULL,
	"compliance_profile" text DEFAULT 'US' NOT NULL,
	"default_country" text DEFAULT 'US' NOT NULL,
	"window_start" text DEFAULT '08:00' NOT NULL,
	"window_end" text DEFAULT '21:00' NOT NULL,
	"max_attempts" smallint DEFAULT 3 NOT NULL,
	"retry_rules" jsonb DEFAULT '{"busy":30,"no_answer":240,"machine":"next_day"}'::jsonb NOT NULL,
	"holidays" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"queue_id" uuid,
	"status" text DEFAULT 'draft' NOT NULL,
	"disabled" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dnc_entries" (
	"id" uuid PRIMARY KEY NOT NULL,
	"client_id" uuid,
	"phone" text NOT NULL,
	"source" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "leads" (
	"id" uuid PRIMARY KEY NOT NULL,
	"campaign_id" uuid NOT NULL,
	"phone" text NOT NULL,
	"name" text,
	"time_zone" text,
	"country" text,
	"fields" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" text DEFAULT 'new' NOT NULL,
	"priority" smallint DEFAULT 5 NOT NULL,
	"attempts" smallint DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone,
	"last_attempt_at" timestamp with time zone,
	"last_disposition" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_queue_id_queues_id_fk" FOREIGN KEY ("queue_id") REFERENCES "public"."queues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dnc_entries" ADD CONSTRAINT "dnc_entries_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leads" ADD CONSTRAINT "leads_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "campaigns_client_idx" ON "campaigns" USING btree ("client_id");--> statement-breakpoint
CREATE UNIQUE INDEX "dnc_entries_client_phone_uq" ON "dnc_entries" USING btree (coalesce("client_id", '00000000-0000-0000-0000-000000000000'::uuid),"phone");--> statement-breakpoint
CREATE INDEX "dnc_entries_phone_idx" ON "dnc_entries" USING btree ("phone");--> statement-breakpoint
CREATE UNIQUE INDEX "leads_campaign_phone_uq" ON "leads" USING btree ("campaign_id","phone");--> statement-breakpoint
CREATE INDEX "leads_due_idx" ON "leads" USING btree ("campaign_id","status","next_attempt_at");