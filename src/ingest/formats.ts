/**
 * The formats newsrooms keep articles in, each turned into one `CleanedArticle`:
 * - "text": a saved page as plain text (the URL may stand on line 1);
 * - "html": a saved web page, cleaned with Mozilla's Readability on linkedom's DOM, metadata from the
 *   page's own <meta> tags;
 * - "ninjs": an IPTC ninjs item, as news agencies' APIs deliver them.
 * Pure: a string in, an article out; no database. A malformed source throws SourceFormatError saying why.
 */
import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import { cleanArticle, outletFromName } from "../extraction";
import type { CleanedArticle } from "../extraction/types";
import type { ArticleManifest } from "./manifest";

export type SourceFormat = "text" | "html" | "ninjs";

/** One article as it reaches the loader: a file of a folder, or a body submitted through the API. */
export interface ArticleSource {
  /** Identifies the article across re-loads within its story (the file name, or the API's key). */
  sourceKey: string;
  format: SourceFormat;
  /** The source as written: plain text, HTML, or ninjs JSON. Kept verbatim as the article's raw text. */
  content: string;
  /** Where the source came from, when the caller knows; the page's own URL wins over it. */
  url?: string;
  /** What the source itself cannot tell (folder manifest.json); the source wins where it speaks. */
  manifest?: ArticleManifest;
}

export interface ParsedSource {
  raw: string;
  cleaned: CleanedArticle;
}

/** The source is not what its format says (not HTML, not a ninjs object, no article text in it). */
export class SourceFormatError extends Error {}

/** The format a file name announces, or null for files the loader does not read. */
export function formatOfFile(name: string): SourceFormat | null {
  const lower = name.toLowerCase();
  if (lower.endsWith(".txt")) return "text";
  if (lower.endsWith(".html") || lower.endsWith(".htm")) return "html";
  if (lower.endsWith(".json") && lower !== "manifest.json") return "ninjs";
  return null;
}

export function parseSource(source: Pick<ArticleSource, "format" | "content">): ParsedSource {
  switch (source.format) {
    case "text":
      return { raw: source.content, cleaned: cleanArticle(source.content) };
    case "html":
      return { raw: source.content, cleaned: parseHtml(source.content) };
    case "ninjs":
      return { raw: source.content, cleaned: parseNinjs(source.content) };
    default:
      throw new SourceFormatError(`unknown source format "${String(source.format)}"`);
  }
}

// ---------------------------------------------------------------------------------------
// HTML
// ---------------------------------------------------------------------------------------

/** The few DOM members used here; the project compiles without the DOM library. */
interface DomElement {
  tagName: string;
  textContent: string | null;
  parentElement: DomElement | null;
  getAttribute(name: string): string | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
  remove(): void;
}
interface DomDocument extends DomElement {
  title: string;
  body: DomElement | null;
}

/** Blocks that hold the article's running text; captions, asides and lists of links do not. */
const PARAGRAPHS = "p, h2, h3, h4, blockquote, pre, li";
/** Page furniture removed before reading paragraphs, whatever Readability kept. */
const FURNITURE = "nav, aside, footer, header, figcaption, figure, form, button, script, style, noscript, template, iframe, svg";

function text(element: DomElement | null | undefined): string {
  return (element?.textContent ?? "").replace(/[\s\u00a0]+/g, " ").trim();
}

function meta(document: DomDocument, ...names: string[]): string | null {
  for (const name of names) {
    const element = document.querySelector(`meta[property="${name}"], meta[name="${name}"], meta[itemprop="${name}"]`);
    const content = element?.getAttribute("content")?.trim();
    if (content) return content;
  }
  return null;
}

/** An ISO timestamp, keeping the time of day the source gives; null for anything unparseable. */
function timestamp(value: string | null | undefined): string | null {
  if (!value) return null;
  const moment = new Date(value.trim());
  return Number.isNaN(moment.getTime()) ? null : moment.toISOString();
}

/** "Headline | Site name", "Headline - Site": the page title carries the site's name after a separator. */
function withoutSiteName(title: string, siteName: string | null): string {
  const parts = title.split(/\s+[|–—-]\s+/);
  if (parts.length < 2) return title;
  const last = parts[parts.length - 1];
  if (siteName && last.toLowerCase() === siteName.toLowerCase()) return parts.slice(0, -1).join(" | ");
  return parts.length === 2 && last.split(/\s+/).length <= 4 ? parts[0] : title;
}

function jsonLdDate(document: DomDocument): string | null {
  for (const script of Array.from(document.querySelectorAll('script[type="application/ld+json"]'))) {
    const found = /"datePublished"\s*:\s*"([^"]+)"/.exec(script.textContent ?? "");
    if (found) return found[1];
  }
  return null;
}

function paragraphsOf(root: DomElement): string[] {
  for (const element of Array.from(root.querySelectorAll(FURNITURE))) element.remove();
  const blocks = Array.from(root.querySelectorAll(PARAGRAPHS)).filter(
    // A paragraph inside a list item (or a list inside a quote) is read once, at its outermost block.
    (element) => !hasAncestor(element, root, PARAGRAPHS_SET),
  );
  return blocks.map(text).filter((paragraph) => paragraph.length > 0);
}

const PARAGRAPHS_SET = new Set(PARAGRAPHS.split(/,\s*/).map((tag) => tag.toUpperCase()));

function hasAncestor(element: DomElement, root: DomElement, tags: Set<string>): boolean {
  for (let parent = element.parentElement; parent && parent !== root; parent = parent.parentElement) {
    if (tags.has(parent.tagName.toUpperCase())) return true;
  }
  return false;
}

export function parseHtml(html: string): CleanedArticle {
  if (!/<(?:html|head|body|article|p|div|h1)\b[^>]*>/i.test(html)) {
    throw new SourceFormatError("the file is not HTML: it has no <html>, <body> or paragraph tags");
  }
  let document: DomDocument;
  try {
    document = parseHTML(html).document as unknown as DomDocument;
  } catch (error) {
    throw new SourceFormatError(`the HTML cannot be parsed: ${(error as Error).message}`);
  }
  const siteName = meta(document, "og:site_name", "application-name");
  const url = meta(document, "og:url") ?? document.querySelector('link[rel="canonical"]')?.getAttribute("href")?.trim() ?? null;
  const published =
    timestamp(meta(document, "article:published_time", "og:article:published_time", "datePublished", "pubdate", "date")) ??
    timestamp(document.querySelector("time[datetime]")?.getAttribute("datetime")) ??
    timestamp(jsonLdDate(document));
  const author = meta(document, "author", "article:author", "byl");
  const h1 = text(document.querySelector("article h1") ?? document.querySelector("h1"));
  const title = meta(document, "og:title", "twitter:title") ?? text(document.querySelector("title"));
  const headline = h1 || (title ? withoutSiteName(title, siteName) : "") || null;

  // Readability rewrites the document it reads; metadata is read first, above.
  let paragraphs: string[] = [];
  let readabilityByline: string | null = null;
  try {
    const article = new Readability<DomElement>(document as never, { serializer: (node) => node as unknown as DomElement }).parse();
    if (article?.content) paragraphs = paragraphsOf(article.content);
    readabilityByline = article?.byline?.trim() || null;
  } catch {
    // Readability gives up on some odd pages; the page's own paragraphs are read instead.
  }
  if (paragraphs.length === 0 && document.body) paragraphs = paragraphsOf(document.body);
  if (paragraphs.length === 0) throw new SourceFormatError("the HTML holds no article text (no paragraphs found)");

  // The paragraphs still go through the text cleaner: it drops furniture Readability kept (share rows,
  // "Most read" boxes, copyright lines) and reads datelines, wire tags and bylines from the text.
  const cleaned = cleanArticle(paragraphs.join("\n\n"), { headline });
  return {
    ...cleaned,
    raw: html,
    headline: headline ?? cleaned.headline,
    byline: bylineName(author) ?? bylineName(readabilityByline) ?? cleaned.byline,
    publishedAt: published ?? cleaned.publishedAt,
    host: siteName ? outletFromName(siteName) : cleaned.host,
    url: url && /^https?:\/\//i.test(url) ? url : null,
  };
}

/** "By Ada Reporter" -> "Ada Reporter"; an address or a long blurb is not a byline. */
function bylineName(value: string | null | undefined): string | null {
  const name = value?.replace(/^by:?\s+/i, "").trim();
  if (!name || name.length > 100 || /^https?:/i.test(name)) return null;
  return name;
}

// ---------------------------------------------------------------------------------------
// IPTC ninjs
// ---------------------------------------------------------------------------------------

function field(item: Record<string, unknown>, name: string): string | null {
  const value = item[name];
  if (value === undefined || value === null) return null;
  if (typeof value !== "string") throw new SourceFormatError(`ninjs "${name}" must be a string`);
  return value.trim() || null;
}

/** ninjs 1.x prints a party as a string; 2.x as an object (or a list of them) with a name. */
function partyName(value: unknown): string | null {
  if (typeof value === "string") return value.trim() || null;
  if (Array.isArray(value)) return partyName(value[0]);
  if (value && typeof value === "object" && typeof (value as { name?: unknown }).name === "string") {
    return (value as { name: string }).name.trim() || null;
  }
  return null;
}

export function parseNinjs(json: string): CleanedArticle {
  let item: unknown;
  try {
    item = JSON.parse(json);
  } catch (error) {
    throw new SourceFormatError(`the file is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof item !== "object" || item === null || Array.isArray(item)) {
    throw new SourceFormatError("a ninjs item must be a JSON object");
  }
  const ninjs = item as Record<string, unknown>;
  const headline = field(ninjs, "headline");
  const bodyText = field(ninjs, "body_text");
  const bodyHtml = field(ninjs, "body_html");
  let paragraphs: string[];
  if (bodyText)
    paragraphs = bodyText
      .split(/\n\s*\n|\r?\n/)
      .map((line) => line.trim())
      .filter(Boolean);
  else if (bodyHtml)
    paragraphs = paragraphsOf((parseHTML(`<html><body>${bodyHtml}</body></html>`).document as unknown as DomDocument).body!);
  else throw new SourceFormatError('a ninjs item needs "body_text" or "body_html"');
  if (paragraphs.length === 0) throw new SourceFormatError("the ninjs item's body is empty");
  for (const name of ["versioncreated", "firstcreated"]) {
    const value = field(ninjs, name);
    if (value && !timestamp(value)) throw new SourceFormatError(`ninjs "${name}" is not a date: ${value}`);
  }

  const cleaned = cleanArticle(paragraphs.join("\n\n"), { headline });
  const credited = partyName(ninjs.copyrightholder) ?? partyName(ninjs.provider);
  const uri = field(ninjs, "uri");
  const located = field(ninjs, "located");
  return {
    ...cleaned,
    raw: json,
    headline: headline ?? cleaned.headline,
    byline: bylineName(field(ninjs, "byline")) ?? cleaned.byline,
    dateline: cleaned.dateline ?? located,
    publishedAt: timestamp(field(ninjs, "versioncreated")) ?? timestamp(field(ninjs, "firstcreated")) ?? cleaned.publishedAt,
    // An agency's feed names the agency as copyright holder or provider: it wrote the item.
    origin: cleaned.origin ?? (credited ? outletFromName(credited, "WIRE_AGENCY") : null),
    host: cleaned.host,
    url: uri && /^https?:\/\//i.test(uri) ? uri : null,
  };
}
