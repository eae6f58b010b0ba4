CREATE TABLE "assessments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"applicant_id" uuid NOT NULL,
	"owner_organization_id" uuid NOT NULL,
	"posture" json NOT NULL,
	"rating" json NOT NULL,
	"model_id" text NOT NULL,
	"model_version" text NOT NULL,
	"model_hash" text NOT NULL,
	"created_by_key_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"organization_id" uuid NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"response_status" integer,
	"response_headers" jsonb,
	"response_body" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_organization_id_key_pk" PRIMARY KEY("organization_id","key")
);
--> statement-breakpoint
CREATE TABLE "quote_options" (
	"quote_id" uuid NOT NULL,
	"option_index" integer NOT NULL,
	"owner_organization_id" uuid NOT NULL,
	"currency" text NOT NULL,
	"limit_amount" bigint NOT NULL,
	"retention_amount" bigint NOT NULL,
	"attachment_amount" bigint NOT NULL,
	"premium_amount" bigint NOT NULL,
	CONSTRAINT "quote_options_quote_id_option_index_pk" PRIMARY KEY("quote_id","option_index")
);
--> statement-breakpoint
CREATE TABLE "quotes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"owner_organization_id" uuid NOT NULL,
	"applicant_id" uuid NOT NULL,
	"assessment_id" uuid NOT NULL,
	"status" text NOT NULL,
	"effective_date" date NOT NULL,
	"rating_date" date NOT NULL,
	"expires_on" date NOT NULL,
	"model_id" text NOT NULL,
	"model_version" text NOT NULL,
	"model_hash" text NOT NULL,
	"kev_catalog_version" text,
	"currency" text NOT NULL,
	"tier" text NOT NULL,
	"decision" text NOT NULL,
	"rating_input" text NOT NULL,
	"rating_input_hash" text NOT NULL,
	"result" json NOT NULL,
	"referral_reasons" json NOT NULL,
	"schedule" json,
	"subjectivities" json NOT NULL,
	"history" json NOT NULL,
	"requested_option_index" integer,
	"bound_option_index" integer,
	"bound_premium_amount" bigint,
	"bound_at" timestamp (3) with time zone,
	"superseded_by" uuid,
	"created_by_key_id" uuid,
	"created_by_role" text NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_applicant_id_applicants_id_fk" FOREIGN KEY ("applicant_id") REFERENCES "public"."applicants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_owner_organization_id_organizations_id_fk" FOREIGN KEY ("owner_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quote_options" ADD CONSTRAINT "quote_options_quote_id_quotes_id_fk" FOREIGN KEY ("quote_id") REFERENCES "public"."quotes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quotes" ADD CONSTRAINT "quotes_owner_organization_id_organizations_id_fk" FOREIGN KEY ("owner_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quotes" ADD CONSTRAINT "quotes_applicant_id_applicants_id_fk" FOREIGN KEY ("applicant_id") REFERENCES "public"."applicants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quotes" ADD CONSTRAINT "quotes_assessment_id_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."assessments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "assessments_applicant_created" ON "assessments" USING btree ("applicant_id","created_at","id");--> statement-breakpoint
CREATE INDEX "assessments_owner" ON "assessments" USING btree ("owner_organization_id");--> statement-breakpoint
CREATE INDEX "quotes_created" ON "quotes" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "quotes_owner_created" ON "quotes" USING btree ("owner_organization_id","created_at");--> statement-breakpoint
CREATE INDEX "quotes_applicant" ON "quotes" USING btree ("applicant_id","created_at");--> statement-breakpoint
CREATE INDEX "quotes_open_by_assessment" ON "quotes" USING btree ("assessment_id") WHERE "quotes"."status" in ('quoted', 'referred', 'bind_requested');