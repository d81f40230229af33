import type { Prisma } from "../generated/prisma/client";

/** The advisory-lock namespace (first key) of story locks; the second key is the story's id. */
export const STORY_LOCK_SPACE = 0x5c0e;

/**
 * A story's claims are rearranged (alignment, empty facts removed, agreement recomputed) by one
 * transaction at a time, and never while another adds claims to the story or decides one of its
 * facts: otherwise an alignment that read the story a moment earlier deletes a fact an article is
 * adding claims to (a foreign-key failure), or puts back a claim another alignment had moved.
 * With several workers (or `npm run ingest` beside them) loading one story, this is what keeps
 * them apart; articles of the same story still load side by side.
 *
 * A Postgres advisory lock, held until the transaction ends (a process that dies releases it with
 * its connection): "exclusive" for rearranging, "shared" for adding.
 */
export async function lockStory(tx: Prisma.TransactionClient, storyId: number, mode: "exclusive" | "shared"): Promise<void> {
  if (mode === "exclusive") await tx.$executeRaw`SELECT pg_advisory_xact_lock(${STORY_LOCK_SPACE}::int, ${storyId}::int)`;
  else await tx.$executeRaw`SELECT pg_advisory_xact_lock_shared(${STORY_LOCK_SPACE}::int, ${storyId}::int)`;
}
