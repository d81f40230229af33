-- CreateEnum
CREATE TYPE "IngestFormat" AS ENUM ('TEXT', 'HTML', 'NINJS');

-- CreateEnum
CREATE TYPE "IngestState" AS ENUM ('QUEUED', 'RUNNING', 'DONE', 'FAILED');

-- CreateTable
CREATE TABLE "IngestJob" (
    "id" UUID NOT NULL,
    "storyId" INTEGER NOT NULL,
    "format" "IngestFormat" NOT NULL,
    "content" TEXT NOT NULL,
    "sourceKey" TEXT NOT NULL,
    "url" TEXT,
    "state" "IngestState" NOT NULL DEFAULT 'QUEUED',
    "error" TEXT,
    "lastError" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "worker" TEXT,
    "outcome" TEXT,
    "articleId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "IngestJob_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "IngestJob_storyId_idx" ON "IngestJob"("storyId");

-- CreateIndex
CREATE INDEX "IngestJob_articleId_idx" ON "IngestJob"("articleId");

-- AddForeignKey
ALTER TABLE "IngestJob" ADD CONSTRAINT "IngestJob_storyId_fkey" FOREIGN KEY ("storyId") REFERENCES "Story"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IngestJob" ADD CONSTRAINT "IngestJob_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE SET NULL ON UPDATE CASCADE;

