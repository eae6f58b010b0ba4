CREATE TABLE "rating_models" (
	"id" text NOT NULL,
	"version" text NOT NULL,
	"hash" text NOT NULL,
	"title" text NOT NULL,
	"effective_from" text NOT NULL,
	"currency" text NOT NULL,
	"canonical" text NOT NULL,
	"source" text NOT NULL,
	"published_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"published_by_key_id" uuid,
	CONSTRAINT "rating_models_id_version_pk" PRIMARY KEY("id","version")
);
