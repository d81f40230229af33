-- A claim can quote the headline as well as the body: Claim.quoteField names the text its offsets index.
-- CreateEnum
CREATE TYPE "QuoteField" AS ENUM ('HEADLINE', 'BODY');

-- DropIndex
DROP INDEX "Claim_articleId_factId_quoteStart_quoteEnd_key";

-- AlterTable: how the raw text is written, and which extraction rules made the article's claims
-- ('' for articles loaded before this column: re-extracted by the next load or `npm run reextract`).
ALTER TABLE "Article" ADD COLUMN     "extractorVersion" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "sourceFormat" TEXT NOT NULL DEFAULT 'text';

-- AlterTable
ALTER TABLE "Claim" ADD COLUMN     "quoteField" "QuoteField" NOT NULL DEFAULT 'BODY';

-- CreateIndex
CREATE UNIQUE INDEX "Claim_articleId_factId_quoteField_quoteStart_quoteEnd_key" ON "Claim"("articleId", "factId", "quoteField", "quoteStart", "quoteEnd");
