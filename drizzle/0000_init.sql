CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" text PRIMARY KEY NOT NULL,
	"username" text,
	"display_name" text NOT NULL,
	"password_hash" text,
	"role" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_username_unique" UNIQUE("username")
);
--> statement-breakpoint
CREATE TABLE "listing_revisions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"listing_uid" uuid NOT NULL,
	"version" integer NOT NULL,
	"kind" text NOT NULL,
	"author_id" text,
	"party_id" uuid,
	"proposal_id" uuid,
	"reverts_revision_id" bigint,
	"changes" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "listings" (
	"uid" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"source_ids" text[] DEFAULT '{}' NOT NULL,
	"extra" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"id" text NOT NULL,
	"pivot" text,
	"nom" text NOT NULL,
	"commune" text NOT NULL,
	"code_postal" text NOT NULL,
	"code_insee" text,
	"adresse" text NOT NULL,
	"complement_adresse" text,
	"latitude" double precision,
	"longitude" double precision,
	"typologie" text[] DEFAULT '{}' NOT NULL,
	"telephone" text,
	"courriels" text[] DEFAULT '{}' NOT NULL,
	"site_web" text[] DEFAULT '{}' NOT NULL,
	"horaires" text,
	"presentation_resume" text,
	"presentation_detail" text,
	"source" text,
	"itinerance" text[] DEFAULT '{}' NOT NULL,
	"structure_parente" text,
	"date_maj" date NOT NULL,
	"services" text[] DEFAULT '{}' NOT NULL,
	"publics_specifiquement_adresses" text[] DEFAULT '{}' NOT NULL,
	"prise_en_charge_specifique" text[] DEFAULT '{}' NOT NULL,
	"frais_a_charge" text[] DEFAULT '{}' NOT NULL,
	"dispositif_programmes_nationaux" text[] DEFAULT '{}' NOT NULL,
	"formations_labels" text[] DEFAULT '{}' NOT NULL,
	"autres_formations_labels" text[] DEFAULT '{}' NOT NULL,
	"modalites_acces" text[] DEFAULT '{}' NOT NULL,
	"modalites_accompagnement" text[] DEFAULT '{}' NOT NULL,
	"fiche_acces_libre" text,
	"prise_rdv" text,
	CONSTRAINT "listings_id_unique" UNIQUE("id")
);
--> statement-breakpoint
CREATE TABLE "parties" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"territory_kind" text NOT NULL,
	"territory_code" text NOT NULL,
	"territory_name" text NOT NULL,
	"join_code" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	CONSTRAINT "parties_join_code_unique" UNIQUE("join_code")
);
--> statement-breakpoint
CREATE TABLE "party_listings" (
	"party_id" uuid NOT NULL,
	"listing_uid" uuid NOT NULL,
	"status" text DEFAULT 'todo' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "party_listings_party_id_listing_uid_pk" PRIMARY KEY("party_id","listing_uid")
);
--> statement-breakpoint
CREATE TABLE "party_members" (
	"party_id" uuid NOT NULL,
	"user_id" text NOT NULL,
	"role" text NOT NULL,
	"joined_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "party_members_party_id_user_id_pk" PRIMARY KEY("party_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "proposal_fields" (
	"proposal_id" uuid NOT NULL,
	"field" text NOT NULL,
	"base_value" jsonb,
	"proposed_value" jsonb,
	"decision" text DEFAULT 'pending' NOT NULL,
	"reason" text,
	CONSTRAINT "proposal_fields_proposal_id_field_pk" PRIMARY KEY("proposal_id","field")
);
--> statement-breakpoint
CREATE TABLE "proposals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"listing_uid" uuid NOT NULL,
	"party_id" uuid,
	"author_id" text NOT NULL,
	"kind" text NOT NULL,
	"base_version" integer NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"comment" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reviewed_by" text,
	"reviewed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "standard_feedback" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"listing_uid" uuid,
	"field" text,
	"kind" text NOT NULL,
	"message" text NOT NULL,
	"author_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "room_updates" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"room" text NOT NULL,
	"update" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "api_tokens" (
	"id" text PRIMARY KEY NOT NULL,
	"label" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "exports" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"format" text NOT NULL,
	"territory" text,
	"versions" jsonb NOT NULL,
	"row_count" integer NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "import_batches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"filename" text NOT NULL,
	"format" text NOT NULL,
	"status" text DEFAULT 'analysed' NOT NULL,
	"report" jsonb NOT NULL,
	"rows" jsonb NOT NULL,
	"row_count" integer NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"applied_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "listing_revisions" ADD CONSTRAINT "listing_revisions_listing_uid_listings_uid_fk" FOREIGN KEY ("listing_uid") REFERENCES "public"."listings"("uid") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "listing_revisions" ADD CONSTRAINT "listing_revisions_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "parties" ADD CONSTRAINT "parties_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_listings" ADD CONSTRAINT "party_listings_party_id_parties_id_fk" FOREIGN KEY ("party_id") REFERENCES "public"."parties"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_listings" ADD CONSTRAINT "party_listings_listing_uid_listings_uid_fk" FOREIGN KEY ("listing_uid") REFERENCES "public"."listings"("uid") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_members" ADD CONSTRAINT "party_members_party_id_parties_id_fk" FOREIGN KEY ("party_id") REFERENCES "public"."parties"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_members" ADD CONSTRAINT "party_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_fields" ADD CONSTRAINT "proposal_fields_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_listing_uid_listings_uid_fk" FOREIGN KEY ("listing_uid") REFERENCES "public"."listings"("uid") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_party_id_parties_id_fk" FOREIGN KEY ("party_id") REFERENCES "public"."parties"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "standard_feedback" ADD CONSTRAINT "standard_feedback_listing_uid_listings_uid_fk" FOREIGN KEY ("listing_uid") REFERENCES "public"."listings"("uid") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "standard_feedback" ADD CONSTRAINT "standard_feedback_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exports" ADD CONSTRAINT "exports_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_batches" ADD CONSTRAINT "import_batches_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "listing_revisions_listing_idx" ON "listing_revisions" USING btree ("listing_uid","version");--> statement-breakpoint
CREATE INDEX "listings_code_insee_idx" ON "listings" USING btree ("code_insee");--> statement-breakpoint
CREATE INDEX "listings_code_postal_idx" ON "listings" USING btree ("code_postal");--> statement-breakpoint
CREATE INDEX "party_listings_listing_idx" ON "party_listings" USING btree ("listing_uid");--> statement-breakpoint
CREATE INDEX "proposals_status_idx" ON "proposals" USING btree ("status");--> statement-breakpoint
CREATE INDEX "proposals_listing_idx" ON "proposals" USING btree ("listing_uid");--> statement-breakpoint
CREATE INDEX "room_updates_room_idx" ON "room_updates" USING btree ("room","id");