-- The verdict in force and "new evidence reopened this decision", stored on the fact so that the
-- trust tally SQL and the API read one definition of "current verdict".
ALTER TABLE "Fact" ADD COLUMN "currentVerdictId" INTEGER,
ADD COLUMN "needsReview" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE UNIQUE INDEX "Fact_currentVerdictId_key" ON "Fact"("currentVerdictId");

-- AddForeignKey
ALTER TABLE "Fact" ADD CONSTRAINT "Fact_currentVerdictId_fkey" FOREIGN KEY ("currentVerdictId") REFERENCES "Verdict"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Backfill: the newest verdict that is neither a retraction entry nor withdrawn by one.
UPDATE "Fact" f SET "currentVerdictId" = cur.id
FROM (
  SELECT DISTINCT ON (v."factId") v."factId", v.id
  FROM "Verdict" v
  WHERE NOT v.retracted AND NOT EXISTS (SELECT 1 FROM "Verdict" r WHERE r."retractsId" = v.id)
  ORDER BY v."factId", v.id DESC
) cur
WHERE cur."factId" = f.id;
