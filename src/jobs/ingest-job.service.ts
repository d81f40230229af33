import crypto from "node:crypto";
import type { Context } from "../context";
import { BadUserInputError, NotFoundError } from "../errors";
import type { IngestFormat, IngestJob as IngestJobRow } from "../generated/prisma/client";
import { parseSource, SourceFormatError } from "../ingest/formats";
import { ArticleRejected, checkContent as checkArticleContent } from "../ingest/load-article";
import { unsafeTextReason } from "../security";
import type { SubmitArticleInput } from "./ingest-job.type";
import { ingestQueue } from "./queue";

export const INGEST_LIMITS = {
  maxFileNameLength: 200,
  maxUrlLength: 2000,
} as const;

const SOURCES = ["text", "html", "ninjs"] as const;
type Source = (typeof SOURCES)[number];

interface Submission {
  format: IngestFormat;
  content: string;
  sourceKey: string;
  url: string | null;
}

/**
 * The folder loader's own checks (empty, NUL bytes, over INGEST_MAX_BYTES) and its parser for the
 * format, run now so that bad input is an error to the submitter and never a job; then the checks
 * every API string gets.
 */
function checkContent(field: Source, content: string): void {
  try {
    checkArticleContent(content);
    parseSource({ format: field, content });
  } catch (error) {
    if (error instanceof ArticleRejected || error instanceof SourceFormatError)
      throw new BadUserInputError(field, `${field} cannot be loaded: ${error.message}.`);
    throw error;
  }
  const unsafe = unsafeTextReason(content);
  if (unsafe) throw new BadUserInputError(field, `${field} ${unsafe}: it looks like binary data, not text.`);
  // U+FFFD is what a decoder leaves of bytes that were not UTF-8: a binary file sent as a string.
  if (content.includes("\uFFFD"))
    throw new BadUserInputError(field, `${field} holds U+FFFD replacement characters: it was not UTF-8 text (binary data?).`);
}

/** The loader reads ninjs as JSON text, as it would read a .json file. */
function ninjsText(item: unknown): string {
  if (item === null || typeof item !== "object" || Array.isArray(item)) {
    throw new BadUserInputError("ninjs", "ninjs must be a ninjs item: a JSON object with body_text or body_html.");
  }
  return JSON.stringify(item);
}

/** Exactly one of text, html, ninjs; a body within the limit; text that is text. */
export function readSubmission(input: SubmitArticleInput): Submission {
  const given = SOURCES.filter((source) => input[source] !== null && input[source] !== undefined);
  if (given.length !== 1) {
    throw new BadUserInputError(
      given[1] ?? "text",
      `Give exactly one of text, html or ninjs (got ${given.length ? given.join(" and ") : "none"}).`,
    );
  }
  const source = given[0];
  const content = source === "ninjs" ? ninjsText(input.ninjs) : String(input[source]);
  checkContent(source, content);

  let url: string | null = null;
  if (input.url !== null && input.url !== undefined) {
    url = input.url.trim();
    let parsed: URL | null;
    try {
      parsed = new URL(url);
    } catch {
      parsed = null;
    }
    if (!parsed || !["http:", "https:"].includes(parsed.protocol) || url.length > INGEST_LIMITS.maxUrlLength) {
      throw new BadUserInputError("url", `url must be an http or https address of at most ${INGEST_LIMITS.maxUrlLength} characters.`);
    }
  }

  let sourceKey: string;
  if (input.fileName !== null && input.fileName !== undefined) {
    sourceKey = input.fileName.trim();
    if (sourceKey === "" || sourceKey.length > INGEST_LIMITS.maxFileNameLength || /[\\/]/.test(sourceKey) || unsafeTextReason(sourceKey)) {
      throw new BadUserInputError(
        "fileName",
        `fileName must be a name of 1 to ${INGEST_LIMITS.maxFileNameLength} characters, without slashes.`,
      );
    }
  } else {
    // Without a name, the text is its own identity: the same text submitted twice is one article.
    sourceKey =
      url ?? `submitted-${crypto.createHash("sha256").update(content).digest("hex").slice(0, 16)}.${source === "text" ? "txt" : source}`;
  }
  return { format: source.toUpperCase() as IngestFormat, content, sourceKey, url };
}

/**
 * Checks everything that can be checked before queueing, so bad input is an error now and never a
 * job; then writes the IngestJob row and queues the job under the same id.
 */
export async function submitArticle(ctx: Context, input: SubmitArticleInput): Promise<IngestJobRow> {
  const submission = readSubmission(input);
  const story = await ctx.prisma.story.findUnique({ where: { slug: input.storySlug }, select: { id: true } });
  if (!story) throw new NotFoundError("story", input.storySlug, "storySlug");

  const queue = ingestQueue();
  const job = await ctx.prisma.ingestJob.create({
    data: { id: crypto.randomUUID(), storyId: story.id, ...submission },
  });
  try {
    await queue.send(job.id);
  } catch (error) {
    // Not queued means not submitted: leave no job that no worker will ever pick up.
    await ctx.prisma.ingestJob.delete({ where: { id: job.id } }).catch(() => undefined);
    throw error;
  }
  return job;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function findIngestJob(ctx: Context, id: string): Promise<IngestJobRow | null> {
  if (!UUID.test(id))
    throw new BadUserInputError("id", `id must be an ingest job id as returned by submitArticle, got "${id.slice(0, 40)}".`);
  return ctx.prisma.ingestJob.findUnique({ where: { id } });
}
