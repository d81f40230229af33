-- CreateEnum
CREATE TYPE "OutletKind" AS ENUM ('WIRE_AGENCY', 'BROADCASTER', 'NEWSPAPER', 'AGGREGATOR', 'ADVOCACY', 'OTHER');

-- CreateEnum
CREATE TYPE "FactKind" AS ENUM ('COUNT', 'DURATION', 'QUANTITY', 'DATE', 'TEXT');

-- CreateEnum
CREATE TYPE "Hedge" AS ENUM ('EXACT', 'APPROXIMATE', 'ALMOST', 'AT_LEAST', 'MORE_THAN', 'AT_MOST', 'LESS_THAN', 'RANGE');

-- CreateEnum
CREATE TYPE "Agreement" AS ENUM ('SINGLE_SOURCE', 'AGREE', 'COMPATIBLE', 'CONFLICT');

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('VIEWER', 'REVIEWER', 'ADMIN');

-- CreateTable
CREATE TABLE "Outlet" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "OutletKind" NOT NULL DEFAULT 'OTHER',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Outlet_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Story" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Story_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Article" (
    "id" SERIAL NOT NULL,
    "storyId" INTEGER NOT NULL,
    "hostId" INTEGER NOT NULL,
    "originId" INTEGER NOT NULL,
    "sourceKey" TEXT NOT NULL,
    "headline" TEXT NOT NULL,
    "byline" TEXT,
    "dateline" TEXT,
    "publishedAt" TIMESTAMP(3),
    "url" TEXT,
    "rawText" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "contentHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Article_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Fact" (
    "id" SERIAL NOT NULL,
    "storyId" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "kind" "FactKind" NOT NULL,
    "unit" TEXT,
    "agreement" "Agreement" NOT NULL DEFAULT 'SINGLE_SOURCE',
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Fact_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Claim" (
    "id" SERIAL NOT NULL,
    "factId" INTEGER NOT NULL,
    "articleId" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "value" DOUBLE PRECISION,
    "lower" DOUBLE PRECISION,
    "upper" DOUBLE PRECISION,
    "unit" TEXT,
    "hedge" "Hedge" NOT NULL,
    "textValue" TEXT,
    "quoteExact" TEXT NOT NULL,
    "quotePrefix" TEXT NOT NULL,
    "quoteSuffix" TEXT NOT NULL,
    "quoteStart" INTEGER NOT NULL,
    "quoteEnd" INTEGER NOT NULL,
    "anchored" BOOLEAN NOT NULL DEFAULT true,
    "attribution" TEXT,
    "extractedBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Claim_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Reviewer" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Reviewer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Verdict" (
    "id" SERIAL NOT NULL,
    "factId" INTEGER NOT NULL,
    "reviewerId" INTEGER NOT NULL,
    "trustedClaimId" INTEGER NOT NULL,
    "rationale" TEXT NOT NULL,
    "retracted" BOOLEAN NOT NULL DEFAULT false,
    "retractsId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Verdict_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" SERIAL NOT NULL,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "subjectType" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Outlet_slug_key" ON "Outlet"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "Story_slug_key" ON "Story"("slug");

-- CreateIndex
CREATE INDEX "Article_originId_idx" ON "Article"("originId");

-- CreateIndex
CREATE INDEX "Article_hostId_idx" ON "Article"("hostId");

-- CreateIndex
CREATE UNIQUE INDEX "Article_storyId_contentHash_key" ON "Article"("storyId", "contentHash");

-- CreateIndex
CREATE UNIQUE INDEX "Article_storyId_sourceKey_key" ON "Article"("storyId", "sourceKey");

-- CreateIndex
CREATE INDEX "Fact_storyId_agreement_idx" ON "Fact"("storyId", "agreement");

-- CreateIndex
CREATE UNIQUE INDEX "Fact_storyId_key_key" ON "Fact"("storyId", "key");

-- CreateIndex
CREATE INDEX "Claim_factId_idx" ON "Claim"("factId");

-- CreateIndex
CREATE UNIQUE INDEX "Claim_articleId_factId_quoteStart_quoteEnd_key" ON "Claim"("articleId", "factId", "quoteStart", "quoteEnd");

-- CreateIndex
CREATE UNIQUE INDEX "Reviewer_tokenHash_key" ON "Reviewer"("tokenHash");

-- CreateIndex
CREATE UNIQUE INDEX "Verdict_retractsId_key" ON "Verdict"("retractsId");

-- CreateIndex
CREATE INDEX "Verdict_factId_createdAt_idx" ON "Verdict"("factId", "createdAt");

-- CreateIndex
CREATE INDEX "Verdict_trustedClaimId_idx" ON "Verdict"("trustedClaimId");

-- CreateIndex
CREATE INDEX "AuditEvent_subjectType_subjectId_idx" ON "AuditEvent"("subjectType", "subjectId");

-- AddForeignKey
ALTER TABLE "Article" ADD CONSTRAINT "Article_storyId_fkey" FOREIGN KEY ("storyId") REFERENCES "Story"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Article" ADD CONSTRAINT "Article_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "Outlet"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Article" ADD CONSTRAINT "Article_originId_fkey" FOREIGN KEY ("originId") REFERENCES "Outlet"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Fact" ADD CONSTRAINT "Fact_storyId_fkey" FOREIGN KEY ("storyId") REFERENCES "Story"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Claim" ADD CONSTRAINT "Claim_factId_fkey" FOREIGN KEY ("factId") REFERENCES "Fact"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Claim" ADD CONSTRAINT "Claim_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Verdict" ADD CONSTRAINT "Verdict_factId_fkey" FOREIGN KEY ("factId") REFERENCES "Fact"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Verdict" ADD CONSTRAINT "Verdict_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "Reviewer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Verdict" ADD CONSTRAINT "Verdict_trustedClaimId_fkey" FOREIGN KEY ("trustedClaimId") REFERENCES "Claim"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Verdict" ADD CONSTRAINT "Verdict_retractsId_fkey" FOREIGN KEY ("retractsId") REFERENCES "Verdict"("id") ON DELETE SET NULL ON UPDATE CASCADE;
