-- CreateEnum
CREATE TYPE "Scope" AS ENUM ('EVENT', 'SUB_AREA', 'BACKGROUND');

-- AlterTable
ALTER TABLE "Claim" ADD COLUMN     "context" JSONB,
ADD COLUMN     "scope" "Scope" NOT NULL DEFAULT 'EVENT',
ADD COLUMN     "sentenceStart" INTEGER;
