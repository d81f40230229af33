/**
 * Turns the raw text of a captured web page into an article: its paragraphs, and the
 * metadata an editor needs to judge it (headline, byline, dateline, publication date,
 * the outlet that wrote it and the site that republished it).
 *
 * Pages arrive copied from newspapers, wire archives and aggregator sites, wrapped in
 * navigation, sidebars and footers. Every rule here is about the *shape* of page furniture
 * (menus, breakpoint names, "Latest news" boxes, copyright notices), never about the
 * content of a particular story, because the same rules must hold for stories we have
 * never seen.
 */
import { findOutlet, outletFromName } from "./outlets";
import type { CleanedArticle, OutletRef } from "./types";
import { MONTHS } from "./lexicon/calendar";

// ---------------------------------------------------------------------------------------
// Vocabulary of page furniture
// ---------------------------------------------------------------------------------------

/**
 * Headings that open a box of links to *other* stories. Everything under them is teaser
 * material until the article demonstrably resumes. Written as regex sources so that
 * run-together headings ("You might also likeRELATED") can be recognised as a sequence.
 */
const SIDEBAR_HEADINGS = [
  "latest news",
  "latest stories",
  "latest articles",
  "latest headlines",
  "latest",
  "must read",
  "must-read",
  "must reads",
  "essential reading",
  "you might also like",
  "you may also like",
  "you might like",
  "you may like",
  "we also recommend",
  "recommended to you",
  "recommended for you",
  "recommended stories",
  "recommended articles",
  "recommended",
  "related articles",
  "related stories",
  "related news",
  "related posts",
  "related content",
  "related coverage",
  "related topics",
  "related links",
  "related",
  "read more",
  "read next",
  "read also",
  "also read",
  "see also",
  "more to read",
  "what to read next",
  "more stories",
  "more news",
  "more headlines",
  "more from [a-z0-9 .&'-]{1,40}",
  "more on this story",
  "more on this topic",
  "most popular",
  "most read",
  "most viewed",
  "most shared",
  "most commented",
  "most emailed",
  "popular posts",
  "popular stories",
  "popular now",
  "popular",
  "trending now",
  "trending stories",
  "trending",
  "top stories",
  "top news",
  "top headlines",
  "editor's picks",
  "editors' picks",
  "editors picks",
  "featured stories",
  "don't miss",
  "dont miss",
  "in case you missed it",
  "around the web",
  "from the web",
  "elsewhere on the web",
  "promoted stories",
  "sponsored stories",
  "sponsored content",
  "partner content",
  "comments",
  "leave a comment",
  "leave a reply",
  "join the conversation",
];

const SIDEBAR_HEADING_LINE = new RegExp(
  `^(?:(?:${[...SIDEBAR_HEADINGS].sort((a, b) => b.length - a.length).join("|")})\\s*[:|•·»›>]?\\s*)+$`,
  "i",
);

/** Lines that are furniture on their own but do not open a box of other stories. */
const FURNITURE_LINES = new Set([
  "exit mobile version",
  "skip to content",
  "skip to main content",
  "skip to navigation",
  "toggle navigation",
  "advertisement",
  "advertisements",
  "advertising",
  "ad",
  "sponsored",
  "story continues below advertisement",
  "share",
  "share this",
  "share this article",
  "share this story",
  "share on facebook",
  "share on twitter",
  "share via email",
  "tweet",
  "email",
  "e-mail",
  "print",
  "print this article",
  "print this page",
  "whatsapp",
  "facebook",
  "twitter",
  "linkedin",
  "reddit",
  "telegram",
  "copy link",
  "link copied",
  "subscribe",
  "subscribe now",
  "sign in",
  "sign up",
  "log in",
  "login",
  "register",
  "menu",
  "search",
  "close",
  "back to top",
  "scroll to top",
  "go to top",
  "top",
  "continue reading",
  "click here",
  "show more",
  "load more",
  "listen to this article",
  "listen",
  "follow us",
  "follow",
  "loading",
  "loading...",
  "image",
  "photo",
  "video",
  "no comments",
  "0 comments",
  "view comments",
  "font size",
  "text size",
  "a a a",
  "a+ a-",
  "save",
  "bookmark",
  "next article",
  "previous article",
  "next post",
  "previous post",
  "next story",
  "previous story",
]);

/** Newsletter, follow and app prompts that sit between paragraphs. */
const CALL_TO_ACTION = [
  /^(?:sign up|subscribe)\b.{0,80}\b(?:newsletter|alerts|updates)\b/i,
  /^(?:follow|like|join) us on\b/i,
  /^(?:download|get) (?:our|the) app\b/i,
  /^click here\b/i,
  /^(?:e-?mail this|send this) (?:to a friend|article|story)\b/i,
  /^printable version$/i,
  /^continue reading the main story$/i,
  /^supported by$/i,
  /^this article (?:was|is) (?:first )?(?:published|originally published)\b.{0,80}$/i,
  /^save (?:this )?(?:articles?|stories|story) (?:to read later|for later)\b/i,
  /^our standards\s*:/i,
];

const SHARE_BUTTONS = new Set([
  "facebook",
  "twitter",
  "x",
  "whatsapp",
  "email",
  "e-mail",
  "print",
  "share",
  "linkedin",
  "reddit",
  "telegram",
  "pinterest",
  "messenger",
  "copy",
  "link",
  "tumblr",
  "sms",
  "flipboard",
  "mail",
  "tweet",
]);

/** A consent banner and its buttons: "We use cookies to ...", "Accept all", "Manage preferences". */
const COOKIE_BANNER =
  /\b(?:we use cookies|(?:this|our) (?:web)?site uses cookies|uses cookies to|use of cookies|cookie (?:policy|settings|preferences|notice)|accept (?:all )?cookies)\b/i;
const CONSENT_BUTTONS =
  /^(?:accept(?: all)?|reject(?: all)?|decline|agree|i agree|got it|ok|manage (?:preferences|settings|cookies|options)|cookie settings|(?:accept|reject)(?: all)? cookies|learn more)$/i;

/** Inline links that pages append to a sentence ("... White House. (Full story)"). */
const INLINE_LINKS =
  /\s*\((?:full story|read more|more|story|video|watch(?: [^()]{0,60})?|listen(?: [^()]{0,60})?|photos?|gallery|map|interactive|audio|related(?: [^()]{0,40})?|see related(?: [^()]{0,40})?)\)/gi;

/** "Read more: <other story>" and similar one-line plugs for another article. */
const PLUG_LINE = /^(?:read more|read also|also read|related|related article|related story|see also|watch|listen|more)\s*[:|»›>]\s*\S/i;

const SITE_SUFFIX = "com|org|net|info|news|co\\.uk|co|ir|de|fr|uk|eu|int|tv|io";
const DOMAIN = new RegExp(`\\b(?:www\\.)?[A-Za-z0-9][A-Za-z0-9-]*(?:\\.[A-Za-z0-9-]+)*\\.(?:${SITE_SUFFIX})\\b`, "i");
const DOMAIN_LINE = new RegExp(`^(?:www\\.)?[A-Za-z0-9][A-Za-z0-9-]*\\.(?:${SITE_SUFFIX})$`, "i");

// ---------------------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------------------

const MONTH =
  "(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\\.?";
/** The same, without a capture group, for use inside larger patterns. */
const MONTH_NAME = MONTH.replace("(", "(?:");
const WEEKDAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];
const WEEKDAY = "(Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sun|Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat)\\.?";
const ORDINAL = "(?:st|nd|rd|th)?";

const DAY_MONTH_YEAR = new RegExp(`(?:${WEEKDAY},?\\s+)?(\\d{1,2})${ORDINAL}\\s+(?:of\\s+)?${MONTH},?\\s+(\\d{4})`, "i");
const MONTH_DAY_YEAR = new RegExp(`(?:${WEEKDAY},?\\s+)?${MONTH}\\s+(\\d{1,2})${ORDINAL},?\\s+(\\d{4})`, "i");
const ISO_DATE = /\b(\d{4})-(\d{2})-(\d{2})(?![0-9])/;
const RELATIVE_TIME = /\b(?:\d+|an?|one)\s+(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago\b/i;
const PUBLICATION_LABEL = /^(?:first\s+)?(?:published|posted|publication date|date published|released|date)(?:\s+on)?\s*[:|-]?\s*/i;
/** "date 2019-08-31 MUMBAI: At least 20 …": a labelled date stamp glued to the paragraph after it. */
const GLUED_DATE_STAMP = /^((?:date|published|posted|updated)\s*:?\s*\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?)\s+(\S.*)$/i;
const UPDATE_LABEL = /^(?:last\s+)?(?:updated|modified|edited)(?:\s+on)?\s*[:|-]?\s*/i;

export interface PageDate {
  iso: string;
  month: number;
  day: number;
  /** 0 = Sunday, when the text printed a weekday. */
  weekday: number | null;
}

function weekdayIndex(printed: string | undefined): number | null {
  if (!printed) return null;
  const lower = printed.toLowerCase().replace(/\.$/, "");
  const found = WEEKDAYS.findIndex((day) => day.startsWith(lower.slice(0, 3)));
  return found >= 0 ? found : null;
}

function makeDate(year: number, month: number, day: number, weekday: number | null): PageDate | null {
  const moment = new Date(Date.UTC(year, month - 1, day));
  if (moment.getUTCFullYear() !== year || moment.getUTCMonth() !== month - 1 || moment.getUTCDate() !== day) return null;
  const iso = `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  return { iso, month, day, weekday };
}

/** The first full calendar date (with a year) printed in `text`, and where it was. */
function findFullDate(text: string): { date: PageDate; start: number; end: number } | null {
  const found: { date: PageDate; start: number; end: number }[] = [];
  const dmy = DAY_MONTH_YEAR.exec(text);
  if (dmy) {
    const date = makeDate(Number(dmy[4]), MONTHS[dmy[3].toLowerCase()], Number(dmy[2]), weekdayIndex(dmy[1]));
    if (date) found.push({ date, start: dmy.index, end: dmy.index + dmy[0].length });
  }
  const mdy = MONTH_DAY_YEAR.exec(text);
  if (mdy) {
    const date = makeDate(Number(mdy[4]), MONTHS[mdy[2].toLowerCase()], Number(mdy[3]), weekdayIndex(mdy[1]));
    if (date) found.push({ date, start: mdy.index, end: mdy.index + mdy[0].length });
  }
  const iso = ISO_DATE.exec(text);
  if (iso) {
    const date = makeDate(Number(iso[1]), Number(iso[2]), Number(iso[3]), null);
    if (date) found.push({ date, start: iso.index, end: iso.index + iso[0].length });
  }
  found.sort((a, b) => a.start - b.start);
  return found[0] ?? null;
}

/**
 * A line that is nothing but a date stamp: "Monday 28 May 2007",
 * "May 28, 2007 / 9:26 AM / 12 years ago", "Published: 2007-05-28 10:02 GMT".
 */
/** "11:36pm", "9:26 AM", "18:47": a clock time printed beside a date stamp, as "HH:MM". */
function clockTime(text: string): string | null {
  const twelve = /\b(\d{1,2})[:.](\d{2})(?::\d{2})?\s*([ap])\.?m\b\.?/i.exec(text);
  if (twelve) {
    const hour = Number(twelve[1]);
    const minute = Number(twelve[2]);
    if (hour < 1 || hour > 12 || minute > 59) return null;
    const hours = (hour % 12) + (twelve[3].toLowerCase() === "p" ? 12 : 0);
    return `${String(hours).padStart(2, "0")}:${twelve[2]}`;
  }
  const day = /\b([01]?\d|2[0-3]):([0-5]\d)(?::[0-5]\d)?\b/.exec(text);
  return day ? `${day[1].padStart(2, "0")}:${day[2]}` : null;
}

function parseDateLine(line: string): { date: PageDate | null; relative: boolean; labelled: boolean; time: string | null } | null {
  if (line.length > 90) return null;
  const labelled = PUBLICATION_LABEL.test(line);
  const unlabelled = line
    .replace(PUBLICATION_LABEL, "")
    .replace(UPDATE_LABEL, "")
    .replace(/(\d{4}-\d{2}-\d{2})T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?/, "$1");
  const full = findFullDate(unlabelled);
  const relative = RELATIVE_TIME.test(unlabelled);
  if (!full && !relative) return null;
  let rest = full ? unlabelled.slice(0, full.start) + " " + unlabelled.slice(full.end) : unlabelled;
  rest = rest
    .replace(RELATIVE_TIME, " ")
    .replace(/\b\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?/gi, " ")
    .replace(
      /\b(?:GMT|UTC|BST|CET|CEST|EET|EEST|EST|EDT|CST|CDT|PST|PDT|IRST|AST|IST|MSK|UK|ET|PT|CT|local time)\b(?:[+-]\d{1,2}(?::?\d{2})?)?/g,
      " ",
    )
    .replace(new RegExp(`^\\s*${WEEKDAY}`, "i"), " ")
    .replace(/\b(?:at|on|updated|published|posted)\b/gi, " ")
    .replace(/[\s/|·•,;:()–—-]+/g, "");
  if (rest.length > 0) return null;
  return { date: full?.date ?? null, relative, labelled, time: full ? clockTime(unlabelled.replace(/\d{4}-\d{2}-\d{2}/, " ")) : null };
}

// ---------------------------------------------------------------------------------------
// Datelines and bylines
// ---------------------------------------------------------------------------------------

const PLACE_WORD = "[A-Z][A-Za-z.'’]*(?:-[A-Za-z.'’]+)*";
/** "Dhule (Maharashtra)": Indian wires print the state in brackets after the town. */
const PLACE = `${PLACE_WORD}(?:(?:\\s+|\\s*/\\s*)(?:${PLACE_WORD}|of|es|de|la|du|am))*(?:\\s*\\([A-Z][A-Za-z.'’ -]{1,30}\\))?`;
const QUALIFIER = `(?:,\\s*(?:\\d{1,2}${ORDINAL}\\s+${MONTH_NAME}|${MONTH_NAME}\\s+\\d{1,2}${ORDINAL}|\\d{4}|[A-Z][A-Za-z.]*(?:\\s+[A-Z][A-Za-z.]*){0,2}))`;
const TAG = "\\(([^()\\n]{1,60})\\)";
const DASH = "(?:--|[–—]|-(?=\\s|$))";
/** "BAGHDAD, May 28 (Reuters) -", "BAGHDAD, Iraq (CNN) --", "WASHINGTON (AP) —": tag, then maybe a dash. */
const DATELINE_TAG_FIRST = new RegExp(`^(${PLACE})((?:${QUALIFIER}){0,3})\\s*${TAG}(?:\\s*(${DASH}))?\\s*`);
/** "Baghdad – (dpa – Deutsche Presse-Agentur)", "BAGHDAD, May 28 —": a dash, then maybe a tag. */
const DATELINE_DASH_FIRST = new RegExp(`^(${PLACE})((?:${QUALIFIER}){0,3})\\s*(${DASH})\\s*(?:${TAG})?\\s*`);
const MONTH_DAY = new RegExp(`(?:${MONTH}\\s+(\\d{1,2})|(\\d{1,2})${ORDINAL}\\s+${MONTH})`, "i");

export interface Dateline {
  /** Normalised place + date + tag, e.g. "BAGHDAD, May 28 (Reuters)". */
  text: string;
  /** The wire tag without parentheses, e.g. "Reuters", or null when none was printed. */
  tag: string | null;
  /** Month and day when the dateline prints them. */
  month: number | null;
  day: number | null;
  /** A full date, when the dateline prints a year too. */
  date: PageDate | null;
  /** Length of the dateline at the start of the paragraph, dash included. */
  length: number;
}

const OUTLET_LABEL = /^([A-Z][A-Za-z0-9.&' -]{1,40}?):\s+/;
const OUTLET_DASH_LABEL = /^([A-Z][A-Za-z0-9.&' -]{1,40}?)\s*(?:--|[–—]|-(?=\s))\s*/;
/** "Source: AFP", "Via: Reuters": republishers credit the writer on a line of its own. */
const SOURCE_LINE = /^(?:sources?|via|courtesy(?: of)?|credit)\s*:\s*(.{2,60})$/i;

/** The dateline at the start of a lead paragraph, or null. */
export function findDateline(paragraph: string): Dateline | null {
  let offset = 0;
  let text = paragraph;
  // "Iran Focus: London, Mar. 17 – ..." : an outlet's label can precede the dateline.
  const label = OUTLET_LABEL.exec(text);
  if (label && findOutlet(label[1])) {
    offset = label[0].length;
    text = text.slice(offset);
  }
  let place: string;
  let qualifiers: string;
  let tag: string | null;
  let dash: string | undefined;
  let whole: string;
  const tagFirst = DATELINE_TAG_FIRST.exec(text);
  const dashFirst = tagFirst ? null : DATELINE_DASH_FIRST.exec(text);
  if (tagFirst) {
    [whole, place, qualifiers, tag, dash] = tagFirst;
  } else if (dashFirst) {
    [whole, place, qualifiers, dash, tag] = dashFirst;
    tag = tag ?? null;
  } else {
    return null;
  }
  tag = tag?.trim() || null;
  // "NCRI – Iran's regime ...": an outlet's name before a dash is a label, not a place.
  if (!tag && !qualifiers && findOutlet(place)) return null;
  // "Tehran, May 28, IRNA --": some agencies print their name as the last qualifier.
  const lastQualifier = /,\s*([^,]+)$/.exec(qualifiers);
  if (!tag && lastQualifier && findOutlet(lastQualifier[1])) {
    tag = lastQualifier[1].trim();
    qualifiers = qualifiers.slice(0, lastQualifier.index);
  }
  if (whole.length > 110 || (tag !== null && !/^[A-Za-z]/.test(tag))) return null;
  const shouting = /[A-Z]{3}/.test(place) && place === place.toUpperCase();
  const monthDay = MONTH_DAY.exec(qualifiers);
  // A tag needs a dash, or a place set in capitals, to be a dateline rather than an aside;
  // a bare dash needs capitals or a date, or any "Name – ..." sentence would qualify.
  // "Savar, Dhaka – ...": a place with its region before the dash is a dateline too.
  const placed = !tag && !monthDay && /^(?:,\s*[A-Z][A-Za-z.'’-]*(?:\s+[A-Z][A-Za-z.'’-]*)?)+$/.test(qualifiers.trim());
  // "Dhule (Maharashtra), Aug 31 (IANS) At least …": a date and a known agency's tag need no dash.
  const creditedDate = tag !== null && monthDay !== null && findOutlet(tag) !== null;
  if (tag ? !dash && !shouting && !creditedDate : !(shouting || monthDay || placed)) return null;
  let month: number | null = null;
  let day: number | null = null;
  if (monthDay) {
    month = MONTHS[(monthDay[1] ?? monthDay[4]).toLowerCase()] ?? null;
    day = Number(monthDay[2] ?? monthDay[3]);
  }
  const printed = `${place}${qualifiers.replace(/\s+/g, " ")}`.trim();
  return {
    text: tag ? `${printed} (${tag.replace(/\s+/g, " ")})` : printed,
    tag,
    month,
    day,
    date: findFullDate(qualifiers)?.date ?? null,
    length: offset + whole.length,
  };
}

const NAME_TOKEN = "(?:\\p{Lu}[\\p{L}'’.-]*[\\p{L}.]|\\p{Lu}\\.)";
const NAME_PARTICLE = "(?:de|da|del|van|von|der|den|al|el|bin|ibn|la|le|du)(?:[- ])";
const PERSON_NAME = `${NAME_TOKEN}(?:[ -](?:${NAME_PARTICLE})?${NAME_TOKEN}){0,4}`;
const BYLINE_NAMES = `(${PERSON_NAME}(?:\\s*(?:,|and|&)\\s+${PERSON_NAME})*?)`;
/** "By Jane Doe, Reuters", "By Ali Hassan in Kabul", "By Mina Obi @minaobi August 17, 2014": names, then an affiliation, a handle or a date. */
const BYLINE_LINE = new RegExp(`^By:?\\s+${BYLINE_NAMES}\\s*(?:(?:,|\\||–|—|-|\\bin\\b|@)\\s*.{0,60})?$`, "u");
const TRAILING_BYLINE = new RegExp(`\\s+By\\s+${BYLINE_NAMES}\\s*$`, "u");
/** "Nick Thorpe" over "Central Europe correspondent": a name line with the writer's role under it. */
const NAME_LINE = new RegExp(`^${PERSON_NAME}$`, "u");
const ROLE_LINE = /^(?:[A-Z][\w'’&-]*\s+){0,4}(?:correspondent|editor|reporter|writer|analyst|journalist|producer|columnist)$/i;

/** "ROBERT H. REID" -> "Robert H. Reid": bylines set in capitals are a typographic choice. */
function readableCase(names: string): string {
  // "STEPHEN McGRATH": mostly capitals is a capitalised byline, even with a "Mc" in it.
  const letters = names.replace(/[^\p{L}]/gu, "");
  const upper = letters.replace(/[^\p{Lu}]/gu, "");
  if (letters.length === 0 || upper.length / letters.length < 0.8) return names;
  return names
    .toLowerCase()
    .replace(/(^|[\s'’.-])(\p{Ll})/gu, (_whole, boundary: string, letter: string) => boundary + letter.toUpperCase())
    .replace(/\b(Ma?c)(\p{Ll})(?=\p{Ll}{2})/gu, (_whole, prefix: string, letter: string) => prefix + letter.toUpperCase())
    .replace(/\bAnd\b/g, "and");
}

function bylineFromLine(line: string): string | null {
  if (line.length > 100) return null;
  const match = BYLINE_LINE.exec(line);
  if (!match) return null;
  // "By Ross Colvin, Reuters": an outlet after the name is an affiliation, not a co-author.
  const names = match[1]
    .split(/\s*,\s*/)
    .filter((name) => !findOutlet(name))
    .join(", ");
  return names ? readableCase(names) : null;
}

// ---------------------------------------------------------------------------------------
// Line shapes
// ---------------------------------------------------------------------------------------

type LineKind =
  "text" | "url" | "date" | "navigation" | "site-name" | "sidebar-heading" | "sidebar" | "furniture" | "copyright" | "byline" | "source";

interface PageLine {
  text: string;
  kind: LineKind;
  /** A breadcrumb above it ended with this line: it is the headline. */
  namedByBreadcrumb: boolean;
  date: ReturnType<typeof parseDateLine>;
}

/** A sentence's end: its stop, perhaps inside a closing quote or bracket ("…he said." or "…to leave.”"), not a quote alone ("…to decry 'Occupy Central'" is a title). */
const SENTENCE_END = /[.!?…]["”’')\]]*$/;

function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

function isProse(text: string): boolean {
  if (/(?:\.\.\.|…)$/.test(text)) return false;
  const words = wordCount(text);
  return (words >= 8 && SENTENCE_END.test(text)) || words >= 25;
}

function comparable(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

function isCopyright(line: string): boolean {
  return /^(?:©|\(c\)\s*\d|copyright\b)/i.test(line) || /all rights reserved/i.test(line) || (line.includes("©") && line.length < 250);
}

function isFurniture(line: string): boolean {
  const bare = line
    .toLowerCase()
    .replace(/[:.!»›>|]+$/, "")
    .trim();
  if (FURNITURE_LINES.has(bare)) return true;
  // Responsive-layout breakpoint names leak into text captures as bullet lists.
  if (/^(?:[•·*▪◦-]\s*)?[a-z0-9]+(?:-[a-z0-9]+)+$/.test(line)) return true;
  // Share/comment counters ("0 : 0", "12 | 4", "37 comments", "1.2K shares").
  if (/^[\d.,]+[kKmM]?\s+(?:comments?|shares?|views?|reactions?|likes?)$/i.test(line)) return true;
  // Share/comment counters ("0 : 0", "12 | 4").
  if (/^\d+\s*[:|/]\s*\d+$/.test(line)) return true;
  // Lone dashes, bullets and separators.
  if (/^[\p{P}\p{S}\s]+$/u.test(line)) return true;
  if (/^\d+\s+min(?:ute)?s?\s+read$/i.test(line) || /^reading time\b/i.test(line)) return true;
  if (/^(?:tags?|topics?|filed under|categories|category)\s*:/i.test(line)) return true;
  // The wire agencies' redistribution notice, printed under their copy.
  if (line.length < 200 && /\bmay not be (?:re)?published\b|\bmay not be reproduced\b/i.test(line)) return true;
  if (PLUG_LINE.test(line) && !isProse(line.replace(PLUG_LINE, ""))) return true;
  if (CALL_TO_ACTION.some((pattern) => pattern.test(line))) return true;
  // "Facebook Twitter WhatsApp Email", "Share: Facebook | Twitter": a row of share buttons.
  const buttons = line.split(/[\s|:•·,/]+/).filter(Boolean);
  if (buttons.length > 0 && buttons.every((word) => SHARE_BUTTONS.has(word.toLowerCase()))) return true;
  if (line.length < 300 && COOKIE_BANNER.test(line)) return true;
  if (line.split(/\s*[|•·]\s*/).every((part) => CONSENT_BUTTONS.test(part.trim()))) return true;
  // "This was published 18 years ago": an archive banner, not the article.
  if (/^(?:this (?:article |story |page )?was )?(?:first )?published\s+(?:\w+\s+){1,3}ago\.?$/i.test(line)) return true;
  // A time stamp without a date ("Updated 10:04 GMT") says nothing about publication.
  if (
    /^(?:last\s+)?(?:updated|published|posted|modified)\b/i.test(line) &&
    /\d/.test(line) &&
    line.length <= 60 &&
    !SENTENCE_END.test(line)
  ) {
    return true;
  }
  return false;
}

/** Photo credits and captions: an outlet's name alone, or "AFP/Getty Images", "Photo: Reuters". */
function isCredit(line: string): boolean {
  if (line.length > 80 || SENTENCE_END.test(line.replace(/\)$/, ""))) return false;
  if (/^\(?(?:photo|image|picture|photograph|file photo|video|graphic)s?(?:\s+credit)?\s*:/i.test(line)) return true;
  if (/^(?:image|media|video) (?:caption|copyright|source)\b/i.test(line)) return true;
  // "Ready for lunch. Reuters//Liau Chung-ren": a caption ending on its agency and photographer.
  const photographer =
    /(?:^|[.\s])([A-Z][\w&'-]*(?:\s[A-Z][\w&'-]*){0,3})\s*\/{1,2}\s*\p{Lu}[\p{L}.'’-]+(?:[ -]\p{Lu}[\p{L}.'’-]+){0,3}$/u.exec(line);
  if (photographer && findOutlet(photographer[1].trim())) return true;
  return line
    .replace(/^\(|\)$/g, "")
    .split(/\s*\/\s*/)
    .some((part, index, parts) => findOutlet(part) !== null && (parts.length > 1 || index === 0) && wordCount(line) <= 6);
}

/** Capital letters glued to the previous word: menus captured without their separators. */
function runTogetherCount(line: string): number {
  return (line.match(/[a-z]{2}[A-Z]/g) ?? []).length;
}

/**
 * A breadcrumb ends with the headline printed under it, either glued to the last menu item
 * ("...World News IranIran-US talks") or after a separator ("World › Iran-US talks").
 */
function endsWithGlued(line: string, next: string): boolean {
  if (line.length <= next.length || wordCount(next) < 2 || !line.toLowerCase().endsWith(next.toLowerCase())) return false;
  const before = line.slice(0, line.length - next.length);
  return /[\p{L}\p{N}]$/u.test(before) || /[>»›/|•:-]\s*$/.test(before);
}

function isNavigation(line: string, next: string | undefined): boolean {
  if (/^Home(?:[A-Z]|\s*[>»›/|•]|$)/.test(line)) return true;
  if (next && endsWithGlued(line, next)) return true;
  if (SENTENCE_END.test(line)) return false;
  if (runTogetherCount(line) >= 3) return true;
  // "Home  World  Business  Sport": menu items captured with double spaces for separators.
  const items = line.split(/\s{2,}|\t+/);
  if (items.length >= 4 && items.every((item) => wordCount(item) <= 3 && /^\p{Lu}/u.test(item))) return true;
  return (line.match(/\s[>»›|/]\s/g) ?? []).length >= 2;
}

/** A short site name or acronym standing alone at the top of the page ("NCRI", "ExampleNews.com"). */
function isSiteName(line: string): boolean {
  if (/^[A-Z][A-Z0-9&]{1,9}$/.test(line)) return true;
  if (DOMAIN_LINE.test(line)) return true;
  const known = findOutlet(line);
  return known !== null && wordCount(line) <= 5;
}

/** Month names in the languages local outlets print their date stamps in. */
const FOREIGN_MONTHS =
  "enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre|janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre|januar|februar|märz|juni|juli|oktober|dezember|janeiro|fevereiro|março|maio|junho|julho|setembro|outubro|dezembro";

/** "08/06/2024, 21:05", "Sábado 10 de febrero de 2018": a page's date stamp, not a publication date we can trust. */
function isForeignOrNumericDate(line: string): boolean {
  if (/^\d{1,2}[/.]\d{1,2}[/.]\d{2,4}(?:,?\s+\d{1,2}:\d{2}(?::\d{2})?)?$/.test(line)) return true;
  return (
    line.length <= 60 &&
    new RegExp(`^(?:\\p{L}+,?\\s+)?\\d{1,2}\\.?\\s+(?:de\\s+)?(?:${FOREIGN_MONTHS})\\s+(?:de\\s+)?\\d{4}$`, "iu").test(line)
  );
}

/**
 * A local site's name at the top of its page ("The Daily Observer", "Hürriyet Daily News"):
 * a few capitalised words with no sentence in them, standing above the menus, a date stamp or a
 * section kicker rather than above the article.
 */
function isMastheadAbove(line: string, next: PageLine | undefined): boolean {
  if (wordCount(line) > 5 || /\d|[.!?:,;]$/.test(line) || !next) return false;
  const words = line.split(/\s+/);
  if (!words.every((word) => /^\p{Lu}/u.test(word) || /^(?:of|the|del|de|la|le|du|des|der|di|al|el|y|and|&)$/.test(word))) return false;
  if (/^[A-Z][a-z]+(?:[A-Z][a-z]+)+$/.test(line)) return next.kind !== "text" || /^[A-Z]{3,}$/.test(next.text);
  if (words.length < 2) return false;
  return (
    next.kind === "navigation" ||
    next.kind === "date" ||
    next.kind === "furniture" ||
    next.kind === "site-name" ||
    /^[A-Z]{3,}$/.test(next.text)
  );
}

function classify(lines: string[]): PageLine[] {
  const page: PageLine[] = lines.map((text) => ({ text, kind: "text", namedByBreadcrumb: false, date: null }));
  let seenContent = false;
  page.forEach((line, index) => {
    const next = page[index + 1]?.text;
    const date = parseDateLine(line.text);
    if (index === 0 && /^https?:\/\/\S+$/.test(line.text)) line.kind = "url";
    else if (date) {
      line.kind = "date";
      line.date = date;
    } else if (isCopyright(line.text)) line.kind = "copyright";
    else if (SOURCE_LINE.test(line.text)) line.kind = "source";
    else if (SIDEBAR_HEADING_LINE.test(line.text.replace(/[’‘]/g, "'"))) line.kind = "sidebar-heading";
    else if (isFurniture(line.text) || isForeignOrNumericDate(line.text)) line.kind = "furniture";
    // The line under "Image caption" is the caption.
    else if (index > 0 && /^(?:image|media|video|photo) caption$/i.test(page[index - 1].text)) line.kind = "furniture";
    else if (isNavigation(line.text, next)) {
      line.kind = "navigation";
      if (next && endsWithGlued(line.text, next)) page[index + 1].namedByBreadcrumb = true;
    } else if (!seenContent && isSiteName(line.text)) line.kind = "site-name";
    else if (isCredit(line.text)) line.kind = "furniture";
    else if (bylineFromLine(line.text)) line.kind = "byline";
    if (line.kind === "text") seenContent = true;
  });
  const first = page.findIndex((line) => line.kind === "text");
  if (
    first >= 0 &&
    page.slice(0, first).every((line) => line.kind !== "site-name" && line.kind !== "byline") &&
    isMastheadAbove(page[first].text, page[first + 1])
  ) {
    page[first].kind = "site-name";
  }
  return page;
}

/**
 * Marks the contents of "Latest news"-style boxes. A box runs until two article-like
 * paragraphs in a row show that the article has resumed: teaser lists alternate short
 * headlines with truncated snippets, so they never produce two full paragraphs in a row.
 */
function markSidebars(page: PageLine[]): void {
  let inSidebar = false;
  for (let index = 0; index < page.length; index++) {
    const line = page[index];
    if (line.kind === "sidebar-heading") {
      inSidebar = true;
      continue;
    }
    if (!inSidebar || line.kind !== "text") continue;
    const following = page.slice(index + 1).find((other) => other.kind === "text");
    if (isProse(line.text) && wordCount(line.text) >= 15 && following && isProse(following.text)) {
      inSidebar = false;
      continue;
    }
    line.kind = "sidebar";
  }
}

/**
 * Pages captured from a layout sometimes break a paragraph over lines. A line that stops
 * mid-sentence followed by one that starts in lower case is the same paragraph.
 */
function joinBrokenLines(lines: string[]): string[] {
  const joined: string[] = [];
  for (const line of lines) {
    const previous = joined[joined.length - 1];
    if (
      previous !== undefined &&
      wordCount(previous) >= 6 &&
      !/[.!?:;…"”’')\]]$/.test(previous) &&
      /^[a-z]/.test(line) &&
      wordCount(line) >= 2 &&
      !/^[a-z0-9]+(?:-[a-z0-9]+)+$/.test(line)
    ) {
      joined[joined.length - 1] = `${previous} ${line}`;
    } else {
      joined.push(line);
    }
  }
  return joined;
}

// ---------------------------------------------------------------------------------------
// Teasers, origin, host, publication date
// ---------------------------------------------------------------------------------------

interface Teaser {
  label: string | null;
  byline: string | null;
}

/** What a paragraph says once its outlet label, dateline, byline and ellipsis are set aside. */
function teaserCore(paragraph: string): { core: string; label: string | null; byline: string | null } {
  let text = paragraph;
  let label: string | null = null;
  const labelled = OUTLET_LABEL.exec(text);
  if (labelled && wordCount(labelled[1]) <= 5) {
    label = labelled[1];
    text = text.slice(labelled[0].length);
  }
  const dateline = findDateline(text);
  if (dateline) text = text.slice(dateline.length);
  let byline: string | null = null;
  const trailing = TRAILING_BYLINE.exec(text);
  if (trailing) {
    byline = trailing[1];
    text = text.slice(0, trailing.index);
  }
  text = text.replace(/(?:\.\.\.|…)\s*$/, "");
  return { core: comparable(text), label, byline };
}

function repeats(teaser: string, lead: string): boolean {
  if (teaser.length < 30 || lead.length < 30) return false;
  if (lead.startsWith(teaser) || teaser.startsWith(lead)) return true;
  const teaserWords = new Set(teaser.split(" "));
  const leadWords = new Set(lead.split(" "));
  let shared = 0;
  for (const word of teaserWords) if (leadWords.has(word)) shared++;
  return shared / Math.max(teaserWords.size, leadWords.size) >= 0.85;
}

/**
 * Aggregators put a summary above the article that the lead then repeats
 * ("Reuters: <lead sentence> By <reporter>"). Returns the teasers found among the first
 * paragraphs, keyed by line index.
 */
function findTeasers(page: PageLine[]): Map<number, Teaser> {
  const teasers = new Map<number, Teaser>();
  const textIndexes = page.flatMap((line, index) => (line.kind === "text" ? [index] : [])).slice(0, 6);
  for (let position = 0; position + 1 < textIndexes.length; position++) {
    const candidate = teaserCore(page[textIndexes[position]].text);
    const lead = teaserCore(page[textIndexes[position + 1]].text);
    const summaryShaped = wordCount(page[textIndexes[position]].text) >= 10 && !page[textIndexes[position]].namedByBreadcrumb;
    if (summaryShaped && repeats(candidate.core, lead.core)) {
      teasers.set(textIndexes[position], { label: candidate.label, byline: candidate.byline });
    }
  }
  return teasers;
}

/** Outlets named in parentheses near the top of the story: "(AP)", "(Reuters)". */
function outletTagIn(paragraph: string): OutletRef | null {
  for (const label of [OUTLET_LABEL.exec(paragraph), OUTLET_DASH_LABEL.exec(paragraph)]) {
    const outlet = label ? findOutlet(label[1]) : null;
    if (outlet) return outlet;
  }
  for (const match of paragraph.slice(0, 240).matchAll(/\(([^()]{2,60})\)/g)) {
    const outlet = findOutlet(match[1]);
    if (outlet && outlet.kind !== "AGGREGATOR" && outlet.kind !== "ADVOCACY") return outlet;
  }
  return null;
}

/** Origin credits name a wire agency; anything else in those places is a reporter, a photo desk or a site. */
function creditedAgency(printed: string): OutletRef | null {
  const outlet = findOutlet(printed.trim().replace(/^[-–—\s]+|[.\s]+$/g, ""));
  return outlet && outlet.kind === "WIRE_AGENCY" ? outlet : null;
}

/** "By IANS", "By Ross Colvin, Reuters": a byline near the top that credits an agency. */
function agencyInByline(page: PageLine[], leadIndex: number): OutletRef | null {
  for (const line of page.slice(0, leadIndex + 2)) {
    const byline = /^By:?\s+(.{2,80})$/.exec(line.text);
    if (!byline) continue;
    for (const part of byline[1].split(/\s*(?:,|\||\band\b|&|\/)\s*/)) {
      const agency = creditedAgency(part);
      if (agency) return agency;
    }
  }
  return null;
}

/** "PRAGUE, January 22 – RIA Novosti. The referendum ...": the agency printed right after the dateline. */
function agencyAfterDateline(leadText: string, dateline: Dateline | null): OutletRef | null {
  if (!dateline) return null;
  const credit = /^([A-Z][A-Za-z .&'-]{1,40}?)\s*(?:[.:]|\s[-–—])\s+/.exec(leadText.slice(dateline.length));
  return credit ? creditedAgency(credit[1]) : null;
}

/** "— AFP", "(Reuters)", "Associated Press" on the last lines, or closing the last paragraph. */
function closingCredit(page: PageLine[]): OutletRef | null {
  const last = page
    .filter((line) => line.kind === "text" || line.kind === "furniture")
    .slice(-3)
    .reverse();
  for (const line of last) {
    const alone = /^[-–—\s]*\(?([A-Z][A-Za-z .&'-]{1,40})\)?\.?$/.exec(line.text);
    const closing = /(?:\s[-–—]+\s*|\s\()([A-Z][A-Za-z .&'-]{1,40}?)\)?\.?$/.exec(line.text);
    const agency =
      (alone && creditedAgency(alone[1])) ?? (closing && !/\(/.test(line.text.slice(0, closing.index)) ? creditedAgency(closing[1]) : null);
    if (agency) return agency;
  }
  return null;
}

/** The site named by a copyright notice, when the notice names one. */
function hostFromCopyright(line: string): OutletRef | null {
  const domain = DOMAIN.exec(line);
  if (domain) {
    return outletFromName(domain[0].replace(/^www\./i, ""), "AGGREGATOR");
  }
  const name = line
    .replace(/all rights reserved\.?/gi, " ")
    .replace(/©|\(c\)|\bcopyright\b/gi, " ")
    .replace(/\b\d{4}\b(?:\s*[-–—]\s*\d{4}\b)?/g, " ")
    .replace(/\s+/g, " ")
    .replace(/^[\s.,|-]+|[\s.,|-]+$/g, "");
  if (!name || wordCount(name) > 6) return null;
  return outletFromName(name, "OTHER");
}

function contradicts(date: PageDate, dateline: Dateline | null): boolean {
  if (!dateline || dateline.month === null || dateline.day === null) return false;
  return dateline.month !== date.month || dateline.day !== date.day;
}

function weekdayIsWrong(date: PageDate): boolean {
  if (date.weekday === null) return false;
  return new Date(`${date.iso}T00:00:00Z`).getUTCDay() !== date.weekday;
}

/**
 * The publication date, from a date stamp above the article or a labelled "Published"
 * line. A page's own "today" stamp is told apart by where it stands: above the site's
 * navigation or name (page chrome), or disagreeing with the dateline's month and day or with
 * its own weekday.
 * When in doubt the answer is null; a wrong date is worse than none.
 */
function publicationDate(page: PageLine[], leadIndex: number, dateline: Dateline | null): { iso: string; time: string | null } | null {
  if (dateline?.date) return { iso: dateline.date.iso, time: null };
  for (let index = 0; index < page.length; index++) {
    const line = page[index];
    if (line.kind !== "date" || !line.date?.date) continue;
    if (index > leadIndex && !line.date.labelled) continue;
    const date = line.date.date;
    // Standing above the site's own name or menus, the date belongs to the page, not the article.
    // A date labelled "Published"/"Posted" is the article's whatever stands under it.
    const chromeBelow = page
      .slice(index + 1, Math.max(index + 1, leadIndex))
      .some((other) => other.kind === "navigation" || other.kind === "site-name");
    if (chromeBelow && !line.date.labelled) continue;
    if (contradicts(date, dateline) || weekdayIsWrong(date)) continue;
    return { iso: date.iso, time: line.date.time };
  }
  return null;
}

// ---------------------------------------------------------------------------------------
// The article
// ---------------------------------------------------------------------------------------

function isWholeDateline(line: string): boolean {
  const dateline = findDateline(line);
  return dateline !== null && dateline.length >= line.length;
}

function isTitleLike(text: string): boolean {
  if (wordCount(text) > 30) return false;
  return !/[.,;:]$/.test(text) || /\b(?:U\.S|U\.N|U\.K|Inc|Jr|Sr|St|Co)\.$/.test(text);
}

function removeInlineLinks(paragraph: string): string {
  return paragraph.replace(INLINE_LINKS, "").replace(/ {2,}/g, " ").trim();
}

export interface CleanOptions {
  /**
   * The headline, when the source gives it apart from the text (an HTML page's <h1>, a ninjs
   * headline): then the text holds only the article's paragraphs, and none of them is taken for a
   * headline or a kicker.
   */
  headline?: string | null;
}

export function cleanArticle(raw: string, options: CleanOptions = {}): CleanedArticle {
  const structured = options.headline !== undefined;
  const lines = joinBrokenLines(
    raw
      .replace(/\r\n?/g, "\n")
      .split("\n")
      .map((line) => line.replace(/^[\s\u200b-\u200d\ufeff]+|[\s\u200b-\u200d\ufeff]+$/g, ""))
      .flatMap((line) => {
        const stamp = GLUED_DATE_STAMP.exec(line);
        return stamp ? [stamp[1], stamp[2]] : [line];
      })
      .filter((line) => line.length > 0),
  );
  const page = classify(lines);
  markSidebars(page);

  const url = page[0]?.kind === "url" ? page[0].text : null;

  const teasers = findTeasers(page);
  for (const index of teasers.keys()) page[index].kind = "furniture";

  // The lead is the paragraph that carries the dateline, or failing that the first full paragraph.
  let leadIndex = page.findIndex(
    (line) => line.kind === "text" && (isProse(line.text) || isWholeDateline(line.text)) && findDateline(line.text) !== null,
  );
  if (leadIndex < 0) leadIndex = page.findIndex((line) => line.kind === "text" && isProse(line.text));
  if (leadIndex < 0) leadIndex = page.findIndex((line) => line.kind === "text");
  if (leadIndex < 0) leadIndex = page.length;

  // A dateline printed on a line of its own belongs to the paragraph under it.
  let leadText = leadIndex < page.length ? page[leadIndex].text : "";
  let dateline = findDateline(leadText);
  if (dateline && dateline.length >= leadText.length) {
    const following = page.findIndex((line, index) => index > leadIndex && line.kind === "text");
    if (following >= 0) {
      page[following].text = `${leadText} ${page[following].text}`;
      page[leadIndex].kind = "furniture";
      leadIndex = following;
      leadText = page[leadIndex].text;
      dateline = findDateline(leadText);
    }
  }

  // Above the lead: the headline, and perhaps a standfirst worth keeping.
  let headline: string | null = null;
  const header = page.slice(0, leadIndex).filter((line) => line.kind === "text");
  const headlineLine = structured
    ? header.find((line) => comparable(line.text) === comparable(options.headline ?? ""))
    : (header.find((line) => line.namedByBreadcrumb) ??
      // Section kickers ("World", "Iran nuclear talks") are shorter than headlines.
      header.find((line) => isTitleLike(line.text) && wordCount(line.text) >= 5) ??
      header.find((line) => isTitleLike(line.text) && wordCount(line.text) >= 3) ??
      // A single word over the article ("india", "World") is a section label, not a headline.
      header.find((line) => isTitleLike(line.text) && wordCount(line.text) >= 2));
  if (headlineLine) headline = headlineLine.text;
  if (structured) headline = options.headline ?? null;
  // A standfirst right under the headline ("The toll stands at 5, with 24 others injured") is the
  // article's own summary, often with its figures: it stays, sentence or not.
  // Pages often print the headline twice (above a byline, then over the article): the standfirst
  // follows the last printing.
  const headlineAt = headlineLine ? header.map((line) => comparable(line.text)).lastIndexOf(comparable(headlineLine.text)) : -1;
  const standfirst = headlineAt >= 0 ? header[headlineAt + 1] : undefined;
  const keepStandfirst =
    standfirst !== undefined &&
    wordCount(standfirst.text) >= 8 &&
    wordCount(standfirst.text) <= 60 &&
    !/(?:\.\.\.|…)$/.test(standfirst.text) &&
    comparable(standfirst.text) !== comparable(headlineLine!.text);
  for (const line of header) {
    if (line === standfirst && keepStandfirst) continue;
    if (line === headlineLine || (!structured && !isProse(line.text))) line.kind = "furniture";
  }
  // The headline printed again below the byline or over a photo is the title, not a paragraph.
  const title = headline === null ? "" : comparable(headline);
  if (title) for (const line of page) if (line.kind === "text" && comparable(line.text) === title) line.kind = "furniture";

  let byline: string | null = null;
  const bylineLine = page.find((line) => line.kind === "byline");
  if (bylineLine) byline = bylineFromLine(bylineLine.text);
  if (!byline) {
    for (let index = 0; index + 1 < leadIndex; index++) {
      if (NAME_LINE.test(page[index].text) && wordCount(page[index].text) <= 4 && ROLE_LINE.test(page[index + 1].text)) {
        byline = readableCase(page[index].text);
        page[index].kind = "furniture";
        page[index + 1].kind = "furniture";
        break;
      }
    }
  }
  for (const teaser of teasers.values()) byline = byline ?? teaser.byline;

  const body = page
    .filter((line) => line.kind === "text")
    .map((line) => removeInlineLinks(line.text))
    .filter((paragraph) => paragraph.length > 0)
    .join("\n\n");

  let origin: OutletRef | null = null;
  if (dateline?.tag) origin = findOutlet(dateline.tag) ?? outletFromName(dateline.tag, "OTHER");
  for (const teaser of teasers.values()) {
    if (!origin && teaser.label) origin = findOutlet(teaser.label);
  }
  if (!origin) {
    for (const index of [...teasers.keys(), leadIndex]) {
      if (index < page.length) origin = origin ?? outletTagIn(page[index].text);
    }
  }
  // "Peru plane crash ... / BBC News / 10 February 2018": a republished story credits its writer on a line under the headline.
  const headlineIndex = headlineLine ? page.indexOf(headlineLine) : -1;
  if (!origin && headlineIndex >= 0) {
    for (const line of page.slice(headlineIndex + 1, leadIndex)) {
      const credited = wordCount(line.text) <= 4 ? findOutlet(line.text) : null;
      if (credited && credited.kind !== "AGGREGATOR") {
        origin = credited;
        break;
      }
    }
  }
  const sourceLine = page.find((line) => line.kind === "source");
  if (!origin && sourceLine) {
    const credited = SOURCE_LINE.exec(sourceLine.text)?.[1].trim().replace(/\.$/, "") ?? "";
    // "Source: Al Jazeera and news agencies": the outlet named first wrote it.
    const first = credited.split(/\s+(?:and|&)\s+/)[0];
    origin = findOutlet(credited) ?? findOutlet(first) ?? (wordCount(credited) <= 5 ? outletFromName(credited, "OTHER") : null);
  }

  origin = origin ?? agencyInByline(page, leadIndex) ?? agencyAfterDateline(leadText, dateline) ?? closingCredit(page);

  let host: OutletRef | null = null;
  for (const line of page) {
    if (line.kind !== "copyright") continue;
    const named = hostFromCopyright(line.text);
    // An agency's notice travels with its copy ("Copyright 2007 The Associated Press"):
    // it names the writer, not the site that published the page.
    if (named && named.kind !== "WIRE_AGENCY") host = host ?? named;
  }
  const siteName = page.find((line) => line.kind === "site-name");
  if (!host && siteName) host = outletFromName(siteName.text, DOMAIN_LINE.test(siteName.text) ? "AGGREGATOR" : "OTHER");

  const published = publicationDate(page, leadIndex, dateline);
  return {
    raw,
    body,
    headline,
    byline,
    dateline: dateline?.text ?? null,
    publishedAt: published?.iso ?? null,
    publishedTime: published?.time ?? null,
    origin,
    host,
    url,
  };
}
