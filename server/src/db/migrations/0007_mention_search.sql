CREATE TABLE "mention_search" (
	"mention_id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"search" "tsvector" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mention_search_pending" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "mention_search_pending_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"workspace_id" uuid NOT NULL,
	"mention_ids" uuid[] NOT NULL
);
--> statement-breakpoint
ALTER TABLE "mention_raw" DROP CONSTRAINT "mention_raw_workspace_id_workspaces_id_fk";
--> statement-breakpoint
ALTER TABLE "mentions" DROP CONSTRAINT "mentions_workspace_id_workspaces_id_fk";
--> statement-breakpoint
-- Mentions stored before this migration keep their search vectors: they move to the new table before its index is built.
INSERT INTO "mention_search" ("mention_id", "workspace_id", "search") SELECT "id", "workspace_id", "search" FROM "mentions";--> statement-breakpoint
DROP INDEX "mentions_search_idx";--> statement-breakpoint
CREATE INDEX "mention_search_search_idx" ON "mention_search" USING gin ("search");--> statement-breakpoint
ALTER TABLE "mentions" DROP COLUMN "search";