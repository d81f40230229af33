import type { RawSql } from "../db";

/** Advisory-lock namespaces (first key; the second is the story's id). */
export const STORY_LOCK_SPACE = 0x5c0e;
const STORY_SETTLER_SPACE = 0x5c10;

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
export async function lockStory(tx: RawSql, storyId: number, mode: "exclusive" | "shared"): Promise<void> {
  if (mode === "exclusive") await tx.$executeRaw`SELECT pg_advisory_xact_lock(${STORY_LOCK_SPACE}::int, ${storyId}::int)`;
  else await tx.$executeRaw`SELECT pg_advisory_xact_lock_shared(${STORY_LOCK_SPACE}::int, ${storyId}::int)`;
}

/**
 * The right to settle a story (finishStoryLoad), taken before its exclusive lock. With "skip", a
 * caller that finds another settler at work leaves the story to it, which is safe: a settler that
 * holds this lock now reads the story only after it gets the exclusive lock, and it can get that
 * lock only once the caller's article transaction (holding the shared lock) has committed; so it
 * reads the caller's article. Many loads of one story thus share one alignment instead of queueing
 * one each. If that settler dies, its transaction rolls back and its job's retry settles the story,
 * the skipped loads with it. Returns false when skipped.
 */
export async function lockStorySettler(tx: RawSql, storyId: number, whenBusy: "wait" | "skip"): Promise<boolean> {
  if (whenBusy === "wait") {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${STORY_SETTLER_SPACE}::int, ${storyId}::int)`;
    return true;
  }
  const [row] = await tx.$queryRaw<
    Array<{ locked: boolean }>
  >`SELECT pg_try_advisory_xact_lock(${STORY_SETTLER_SPACE}::int, ${storyId}::int) AS locked`;
  return row.locked;
}
