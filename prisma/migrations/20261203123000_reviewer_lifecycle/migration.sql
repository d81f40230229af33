-- Reviewer accounts that can be taken away: expiry, revocation, last use, and the development demo flag.
ALTER TABLE "Reviewer" ADD COLUMN "expiresAt" TIMESTAMP(3),
ADD COLUMN "revokedAt" TIMESTAMP(3),
ADD COLUMN "lastUsedAt" TIMESTAMP(3),
ADD COLUMN "demo" BOOLEAN NOT NULL DEFAULT false;

-- The demo reviewer made by a development `npm start` before this column existed.
UPDATE "Reviewer" SET "demo" = true WHERE "name" = 'Demo reviewer';
