CREATE TABLE "mention_raw" (
	"workspace_id" uuid NOT NULL,
	"platform" text NOT NULL,
	"external_id" text NOT NULL,
	"payload" jsonb NOT NULL,
	CONSTRAINT "mention_raw_workspace_id_platform_external_id_pk" PRIMARY KEY("workspace_id","platform","external_id")
);
--> statement-breakpoint
CREATE TABLE "mention_rollups" (
	"workspace_id" uuid NOT NULL,
	"brand_id" uuid NOT NULL,
	"platform" text NOT NULL,
	"bucket" timestamp with time zone NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	"negative_count" integer DEFAULT 0 NOT NULL,
	"reach" double precision DEFAULT 0 NOT NULL,
	CONSTRAINT "mention_rollups_workspace_id_brand_id_platform_bucket_pk" PRIMARY KEY("workspace_id","brand_id","platform","bucket")
);
--> statement-breakpoint
CREATE TABLE "mentions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"platform" text NOT NULL,
	"external_id" text NOT NULL,
	"url" text,
	"author_handle" text NOT NULL,
	"author_name" text,
	"author_followers" integer,
	"author_verified" boolean DEFAULT false NOT NULL,
	"text" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"lang" text,
	"likes" integer DEFAULT 0 NOT NULL,
	"reposts" integer DEFAULT 0 NOT NULL,
	"replies" integer DEFAULT 0 NOT NULL,
	"views" bigint,
	"reply_to" text,
	"thread_id" text,
	"is_own" boolean DEFAULT false NOT NULL,
	"brand_ids" uuid[] NOT NULL,
	"sentiment_label" text,
	"sentiment_score" real,
	"sentiment_confidence" real,
	"reach" double precision DEFAULT 0 NOT NULL,
	"source_id" uuid,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (to_tsvector('simple', "text")) STORED
);
--> statement-breakpoint
CREATE TABLE "sources" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"credentials_ciphertext" text,
	"credential_keys" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"cursor" text,
	"last_event_at" timestamp with time zone,
	"lag_ms" integer,
	"received" bigint DEFAULT 0 NOT NULL,
	"accepted" bigint DEFAULT 0 NOT NULL,
	"duplicates" bigint DEFAULT 0 NOT NULL,
	"skipped" bigint DEFAULT 0 NOT NULL,
	"recent_errors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "brands" ADD COLUMN "query" text;--> statement-breakpoint
ALTER TABLE "mention_raw" ADD CONSTRAINT "mention_raw_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mention_rollups" ADD CONSTRAINT "mention_rollups_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentions" ADD CONSTRAINT "mentions_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sources" ADD CONSTRAINT "sources_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "mentions_workspace_platform_external_key" ON "mentions" USING btree ("workspace_id","platform","external_id");--> statement-breakpoint
CREATE INDEX "mentions_workspace_created_idx" ON "mentions" USING btree ("workspace_id","created_at");--> statement-breakpoint
CREATE INDEX "mentions_search_idx" ON "mentions" USING gin ("search");--> statement-breakpoint
CREATE INDEX "sources_workspace_idx" ON "sources" USING btree ("workspace_id");