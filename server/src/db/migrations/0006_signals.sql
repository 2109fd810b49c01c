CREATE TABLE "detection_cursors" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"last_bucket" timestamp with time zone NOT NULL,
	"mention_scan_at" timestamp with time zone,
	"narrative_scan_at" timestamp with time zone,
	"run_token" uuid NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "detector_states" (
	"workspace_id" uuid NOT NULL,
	"brand_id" uuid NOT NULL,
	"series_key" text NOT NULL,
	"last_bucket" timestamp with time zone NOT NULL,
	"state" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "detector_states_workspace_id_brand_id_series_key_pk" PRIMARY KEY("workspace_id","brand_id","series_key")
);
--> statement-breakpoint
CREATE TABLE "routing_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"name" text NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"min_severity" text NOT NULL,
	"brand_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"platforms" text[] DEFAULT '{}'::text[] NOT NULL,
	"kinds" text[] DEFAULT '{}'::text[] NOT NULL,
	"departments" text[] DEFAULT '{}'::text[] NOT NULL,
	"channel_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"ack_timeout_minutes" integer NOT NULL,
	"escalation" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "signal_detections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"signal_id" uuid NOT NULL,
	"brand_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"series_key" text NOT NULL,
	"metric" text NOT NULL,
	"platform" text,
	"t" timestamp with time zone NOT NULL,
	"score" double precision NOT NULL,
	"severity" text NOT NULL,
	"is_onset" boolean NOT NULL,
	"summary" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "signal_feedback" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"signal_id" uuid NOT NULL,
	"member_id" uuid,
	"member_name" text NOT NULL,
	"verdict" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "signals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"brand_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"severity" text NOT NULL,
	"score" double precision NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"platforms" text[] DEFAULT '{}'::text[] NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"last_detected_at" timestamp with time zone NOT NULL,
	"detection_count" integer DEFAULT 1 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"owner_id" uuid,
	"acknowledged_at" timestamp with time zone,
	"snoozed_until" timestamp with time zone,
	"merged_into_id" uuid,
	"crisis_id" uuid,
	"dismissed_at" timestamp with time zone,
	"routed_departments" text[] DEFAULT '{}'::text[] NOT NULL,
	"routing" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"escalation_level" integer DEFAULT 0 NOT NULL,
	"escalation_due_at" timestamp with time zone,
	"feedback" text,
	"explanation" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "mention_rollups" ADD COLUMN "negative_weight" double precision DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "detection_cursors" ADD CONSTRAINT "detection_cursors_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "detector_states" ADD CONSTRAINT "detector_states_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "routing_rules" ADD CONSTRAINT "routing_rules_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signal_detections" ADD CONSTRAINT "signal_detections_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signal_detections" ADD CONSTRAINT "signal_detections_signal_id_signals_id_fk" FOREIGN KEY ("signal_id") REFERENCES "public"."signals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signal_feedback" ADD CONSTRAINT "signal_feedback_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signal_feedback" ADD CONSTRAINT "signal_feedback_signal_id_signals_id_fk" FOREIGN KEY ("signal_id") REFERENCES "public"."signals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signals" ADD CONSTRAINT "signals_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "routing_rules_workspace_idx" ON "routing_rules" USING btree ("workspace_id");--> statement-breakpoint
CREATE UNIQUE INDEX "signal_detections_series_key" ON "signal_detections" USING btree ("workspace_id","brand_id","series_key","metric","t");--> statement-breakpoint
CREATE INDEX "signal_detections_signal_idx" ON "signal_detections" USING btree ("signal_id","t");--> statement-breakpoint
CREATE INDEX "signal_feedback_signal_idx" ON "signal_feedback" USING btree ("signal_id","created_at");--> statement-breakpoint
CREATE INDEX "signal_feedback_workspace_idx" ON "signal_feedback" USING btree ("workspace_id","created_at");--> statement-breakpoint
CREATE INDEX "signals_workspace_status_idx" ON "signals" USING btree ("workspace_id","status","last_detected_at");--> statement-breakpoint
CREATE INDEX "signals_workspace_brand_idx" ON "signals" USING btree ("workspace_id","brand_id","last_detected_at");--> statement-breakpoint
CREATE INDEX "mention_rollups_workspace_bucket_idx" ON "mention_rollups" USING btree ("workspace_id","bucket");