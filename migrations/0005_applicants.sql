CREATE TABLE "applicants" (
	"id" uuid PRIMARY KEY NOT NULL,
	"owner_organization_id" uuid NOT NULL,
	"is_self" boolean DEFAULT false NOT NULL,
	"legal_name" text NOT NULL,
	"sector" text NOT NULL,
	"profile" jsonb NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "applicants" ADD CONSTRAINT "applicants_owner_organization_id_organizations_id_fk" FOREIGN KEY ("owner_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "applicants_owner_created" ON "applicants" USING btree ("owner_organization_id","created_at");--> statement-breakpoint
CREATE INDEX "applicants_created" ON "applicants" USING btree ("created_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "applicants_one_self" ON "applicants" USING btree ("owner_organization_id") WHERE "applicants"."is_self";