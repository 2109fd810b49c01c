CREATE TABLE "brand_sentiment_models" (
	"workspace_id" uuid NOT NULL,
	"brand_id" uuid NOT NULL,
	"calibration" jsonb NOT NULL,
	"base_model" text NOT NULL,
	"trained_on" integer NOT NULL,
	"report" jsonb NOT NULL,
	"trained_by_name" text NOT NULL,
	"trained_at" timestamp with time zone NOT NULL,
	CONSTRAINT "brand_sentiment_models_workspace_id_brand_id_pk" PRIMARY KEY("workspace_id","brand_id")
);
--> statement-breakpoint
CREATE TABLE "sentiment_labels" (
	"workspace_id" uuid NOT NULL,
	"brand_id" uuid NOT NULL,
	"mention_id" uuid NOT NULL,
	"label" text NOT NULL,
	"model_label" text,
	"labelled_by" uuid,
	"labelled_by_name" text NOT NULL,
	"labelled_at" timestamp with time zone NOT NULL,
	CONSTRAINT "sentiment_labels_workspace_id_brand_id_mention_id_pk" PRIMARY KEY("workspace_id","brand_id","mention_id")
);
--> statement-breakpoint
ALTER TABLE "brand_sentiment_models" ADD CONSTRAINT "brand_sentiment_models_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sentiment_labels" ADD CONSTRAINT "sentiment_labels_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sentiment_labels_mention_idx" ON "sentiment_labels" USING btree ("workspace_id","mention_id");