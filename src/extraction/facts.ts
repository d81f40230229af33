/**
 * What quantity a figure measures. Claims from different articles land on the same fact
 * only if they get the same key, so keys are built from generic parts the sentence shows:
 *   <topic>.<measure>     "bombing.killed", "talks.duration", "relations.cut_year"
 * The topic is an event or subject noun normalised through TOPICS ("blast" and "car bomb"
 * are both "bombing"; "meeting", "session" and "summit" are all "talks"). The measure comes
 * from the words around the figure (MEASURES, duration and elapsed-time patterns).
 * A figure no rule recognises still gets a key of its own, built from its counted noun and
 * the verb that governs it ("hostages.released"), so unrelated figures do not collide.
 */
import type { FactKind } from "./types";
import { FUNCTION_WORDS } from "./lexicon/function-words";
import { isMoney } from "./lexicon/currencies";

/**
 * incident: a single event that can have casualties (a bombing, a crash).
 * generic: an incident word that does not say what kind ("attack", "violence"); it is read
 *   as the article's main incident when the article has one.
 * cumulative: a long conflict whose tolls add up over years; never the same fact as an incident's.
 * subject: a topic with durations and dates but no casualties (talks, relations).
 */
export type TopicClass = "incident" | "generic" | "cumulative" | "subject";

export interface Topic {
  topic: string;
  /** How the topic reads in a label: "the bombing", "the talks". */
  noun: string;
  cls: TopicClass;
}

/** Event and subject nouns. Earlier entries win when two patterns match at the same place. */
export const TOPICS: ReadonlyArray<{ pattern: string; topic: Topic }> = [
  {
    pattern:
      "(?:car|truck|lorry|roadside|suicide|parcel|letter|pipe|nail|motorcycle|tanker) bombs?|suicide bombers?|suicide bombings?|suicide attacks?|bombs?|bombings?|bombers?|blasts?|explosions?|IEDs?",
    topic: { topic: "bombing", noun: "the bombing", cls: "incident" },
  },
  { pattern: "shootings?|gunm[ae]n|gunfire|shoot-?outs?|massacres?", topic: { topic: "shooting", noun: "the shooting", cls: "incident" } },
  {
    pattern: "crash(?:es|ed)?|crash-landed|collisions?|derailments?|air disasters?",
    topic: { topic: "crash", noun: "the crash", cls: "incident" },
  },
  { pattern: "fires?|wildfires?|bushfires?|blazes?|infernos?", topic: { topic: "fire", noun: "the fire", cls: "incident" } },
  {
    pattern: "sinkings?|sank|sunk|capsiz(?:ed|ing|es?)|shipwrecks?|(?:ferry|boat|ship|vessel) disasters?",
    topic: { topic: "sinking", noun: "the sinking", cls: "incident" },
  },
  { pattern: "eruptions?|erupted", topic: { topic: "eruption", noun: "the eruption", cls: "incident" } },
  { pattern: "outbreaks?|epidemics?", topic: { topic: "outbreak", noun: "the outbreak", cls: "incident" } },
  { pattern: "aftershocks?", topic: { topic: "aftershock", noun: "the aftershock", cls: "incident" } },
  { pattern: "earthquakes?|quakes?|tremors?", topic: { topic: "earthquake", noun: "the earthquake", cls: "incident" } },
  { pattern: "floods?|flooding|flash floods?|floodwaters?|flood ?waters?", topic: { topic: "flood", noun: "the flood", cls: "incident" } },
  { pattern: "storms?|hurricanes?|typhoons?|cyclones?|tornado(?:es)?", topic: { topic: "storm", noun: "the storm", cls: "incident" } },
  { pattern: "landslides?|mudslides?|avalanches?", topic: { topic: "landslide", noun: "the landslide", cls: "incident" } },
  { pattern: "stampedes?|crushes?", topic: { topic: "stampede", noun: "the stampede", cls: "incident" } },
  { pattern: "collapses?", topic: { topic: "collapse", noun: "the collapse", cls: "incident" } },
  { pattern: "clashes|riots?|rioting|unrest", topic: { topic: "clashes", noun: "the clashes", cls: "incident" } },
  {
    pattern: "attacks?|assaults?|raids?|air ?strikes?|strikes?|incidents?|violence|ambush(?:es)?",
    topic: { topic: "attack", noun: "the attack", cls: "generic" },
  },
  {
    pattern: "civil wars?|wars?|conflicts?|insurgency|insurgencies|occupation|invasion|fighting|campaign",
    topic: { topic: "conflict", noun: "the conflict", cls: "cumulative" },
  },
  // A session is one sitting of talks: its length is not the talks' length.
  { pattern: "sessions?|sittings?", topic: { topic: "session", noun: "the session", cls: "subject" } },
  {
    pattern: "talks|meetings?|discussions|negotiations|summits?|conferences?|dialogue|encounters?|visits?",
    topic: { topic: "talks", noun: "the talks", cls: "subject" },
  },
  {
    pattern: "disputes?|rows?|wrangl(?:e|es|ing)|feuds?|quarrels?|argued|arguing",
    topic: { topic: "dispute", noun: "the dispute", cls: "subject" },
  },
  { pattern: "searche?s?|search operations?|rescue operations?|manhunts?", topic: { topic: "search", noun: "the search", cls: "subject" } },
  { pattern: "relations|ties", topic: { topic: "relations", noun: "relations", cls: "subject" } },
  {
    pattern: "hostage crisis|hostages?|sieges?|stand-?offs?|kidnappings?",
    topic: { topic: "hostage", noun: "the hostage crisis", cls: "subject" },
  },
  { pattern: "revolutions?|uprisings?|coups?", topic: { topic: "revolution", noun: "the revolution", cls: "subject" } },
  { pattern: "elections?|referendums?|referenda", topic: { topic: "election", noun: "the election", cls: "subject" } },
  { pattern: "protests?|demonstrations?|rall(?:y|ies)", topic: { topic: "protest", noun: "the protest", cls: "subject" } },
  { pattern: "crackdowns?|offensives?|operations?", topic: { topic: "operation", noun: "the operation", cls: "subject" } },
  { pattern: "trials?|hearings?", topic: { topic: "trial", noun: "the trial", cls: "subject" } },
  { pattern: "strikes? by workers|walkouts?", topic: { topic: "strike", noun: "the strike", cls: "subject" } },
];

interface TopicHit extends Topic {
  start: number;
  end: number;
}

/**
 * Patterns built from the measure table are compiled once per measure and use, not once per figure.
 * Keyed by the measure entry and a short name, so a lookup never hashes the long pattern text.
 */
const COMPILED = new WeakMap<object, Map<string, RegExp>>();
function compiled(owner: object, name: string, build: () => string, flags: string): RegExp {
  let byName = COMPILED.get(owner);
  if (!byName) COMPILED.set(owner, (byName = new Map()));
  let regex = byName.get(name);
  if (!regex) byName.set(name, (regex = new RegExp(build(), flags)));
  // Global patterns carry lastIndex between uses.
  regex.lastIndex = 0;
  return regex;
}
const MODULE_PATTERNS = {};

const TOPIC_MATCHERS = TOPICS.map(({ pattern, topic }) => ({ regex: new RegExp(`\\b(?:${pattern})\\b`, "gi"), topic }));

export function topicFor(word: string): Topic | null {
  for (const { regex, topic } of TOPIC_MATCHERS) {
    const whole = new RegExp(`^(?:${regex.source})$`, "i");
    if (whole.test(word.trim())) return topic;
  }
  return null;
}

/** Topic nouns in a sentence with their offsets; overlapping matches keep the longer/earlier entry. */
let lastTopics: { sentence: string; hits: TopicHit[] } | null = null;

export function findTopics(sentence: string): TopicHit[] {
  // Each figure of a sentence asks again; the last answer is kept (copied: callers may sort it).
  if (lastTopics?.sentence === sentence) return [...lastTopics.hits];
  const hits = findTopicsUncached(sentence);
  lastTopics = { sentence, hits };
  return [...hits];
}

function findTopicsUncached(sentence: string): TopicHit[] {
  const hits: TopicHit[] = [];
  for (const { regex, topic } of TOPIC_MATCHERS) {
    regex.lastIndex = 0;
    // exec on the shared global pattern: matchAll would clone it for every sentence.
    for (let match = regex.exec(sentence); match !== null; match = regex.exec(sentence)) {
      const start = match.index;
      const end = start + match[0].length;
      if (hits.some((hit) => hit.start < end && start < hit.end)) continue;
      hits.push({ ...topic, start, end });
    }
  }
  return hits.sort((a, b) => a.start - b.start);
}

/** Measures of people affected by an incident or a detention, by the verb or noun around the figure. */
export const MEASURES: ReadonlyArray<{ measure: string; before: string; after: string; label: string }> = [
  {
    measure: "killed",
    before:
      "killing|killed|kill|kills|claimed the lives of|death toll (?:\\w+ )?(?:of|to|at)|toll (?:\\w+ )?(?:of|to|at)|deaths of|bodies of|(?:death )?toll\\b(?:[^.;:]|\\.(?=\\d)){0,90}?\\b(?:rose|climbed|risen|reached|jumped|increased|stood|stands|soared|went up|was raised|has risen|has climbed) (?:to|at)",
    after: "killed|dead|died|die|deaths|were killed|lost their lives|perished|drowned|fatalities|lives",
    label: "People killed in {topic}",
  },
  {
    measure: "wounded",
    before: "wounding|wounded|injuring|injured|hurting|hurt|maiming",
    after: "wounded|injured|hurt|injuries|were wounded|were injured|maimed",
    label: "People wounded in {topic}",
  },
  { measure: "missing", before: "", after: "missing|unaccounted for", label: "People missing after {topic}" },
  {
    measure: "held",
    before: "holding|held|jailing|imprisoning",
    after: "held|detainees|in custody|jailed|imprisoned|captive|prisoners",
    label: "{subject} held",
  },
  // Being detained is the act of arrest ("12 people were detained"); being held is the state.
  {
    measure: "arrested",
    before: "arresting|arrested|detaining|detained|rounding up|rounded up",
    after: "arrested|were arrested|detained|rounded up|taken into custody",
    label: "{subject} arrested",
  },
  { measure: "released", before: "releasing|released|freeing|freed", after: "released|freed", label: "{subject} released" },
  // Leaving home under threat, whichever verb a reporter picks: evacuated, forced out, moved, displaced.
  {
    measure: "evacuated",
    before: "evacuating|evacuated|displacing|displaced|relocating|relocated|forcing|forced",
    after:
      "evacuated|fled|displaced|relocated|(?:been\\s+)?(?:forced|moved|driven|ordered|made|told)\\s+(?:from|out of|to leave|to flee)\\s+(?:their|his|her)\\s+homes?|left their homes|fled their homes",
    label: "{subject} evacuated",
  },
  { measure: "displaced", before: "", after: "homeless|left homeless", label: "{subject} displaced" },
  // Saved alive, whichever verb: rescued, saved, pulled or plucked alive from the water or the rubble.
  {
    measure: "rescued",
    before: "rescuing|rescued|saving|saved|plucking|plucked|pulling|pulled",
    after:
      "rescued|saved|(?:pulled|plucked|dragged|hauled)\\s+(?:out\\s+)?(?:alive|to safety|from the (?:water|sea|river|rubble|wreckage|debris))",
    label: "{subject} rescued",
  },
  { measure: "deployed", before: "deploying|deployed|deploy|sending|sent|send", after: "deployed", label: "{subject} deployed" },
  { measure: "destroyed", before: "destroying|destroyed", after: "destroyed", label: "{subject} destroyed" },
  { measure: "damaged", before: "damaging|damaged", after: "damaged", label: "{subject} damaged" },
  {
    measure: "treated",
    before: "treating|treated",
    after:
      "treated|received (?:medical )?treatment|needed (?:medical )?treatment|needed hospital treatment|hospitali[sz]ed|taken to hospital",
    label: "{subject} treated for injuries",
  },
  {
    measure: "crowd",
    before: "crowds? (?:of|at)|turnout of|drew|drawing|attracted|attracting",
    after: "marched|rallied|gathered|demonstrated|protested|took part|joined|turned out|took to the streets|attended|packed|filled",
    label: "{subject} taking part",
  },
  {
    measure: "employed",
    before: "employed|employing|employs|employ|workforce of|staff of",
    after: "employees|on the payroll",
    label: "{subject} employed",
  },
];

/**
 * The measures that count people an incident harmed, moved or took, in the order an editor decides
 * them (the review queue's order). One copy: alignment, the review queue and the reading of a bare
 * "one" ("one was found dead") all use it.
 */
/** The people an incident harmed: the casualties, which lead PERSON_MEASURES. */
const CASUALTIES = ["killed", "wounded", "missing"] as const;
export const PERSON_MEASURES: readonly string[] = [...CASUALTIES, "evacuated", "rescued", "arrested"];
export const PERSON_MEASURE_NAMES: ReadonlySet<string> = new Set(PERSON_MEASURES);
const CASUALTY_MEASURES: ReadonlySet<string> = new Set(CASUALTIES);

/** Nouns that count people without saying who they are: the key's subject becomes the measure's own word. */
const GENERIC_PERSON_NOUNS = new Set([
  "people",
  "persons",
  "person",
  "others",
  "individuals",
  "men",
  "detainees",
  "detainee",
  "prisoners",
  "prisoner",
  "agents",
  "personnel",
  "suspects",
  "captives",
  "inmates",
  "workers",
  "employees",
  "staff",
]);

/** Verbs that make "cut off relations" a date of rupture, for "Year relations were cut". */
const RUPTURE_PATTERN =
  /\b(?:severed|sever|broke off|broken off|break off|cut off|cut|suspended|ended|froze|frozen|downgraded|were broken|was broken)\b/i;

/** A superlative or "first" that makes "in 27 years" mean "since the last such one". */
const SUPERLATIVE_PATTERN = /\b(?:first|most|highest|biggest|largest|worst|deadliest|bloodiest|strongest|longest|lowest|last|only)\b/i;

const STOPWORDS = new Set([...FUNCTION_WORDS, "some", "all", "also", "till"]);

export interface FigureInSentence {
  sentence: string;
  /** The quote's span (hedge through counted noun), offsets within `sentence`. */
  spanStart: number;
  spanEnd: number;
  kind: FactKind;
  unit: string | null;
  /** The counted noun as written ("detainees", "Iranian-Americans"), or the noun a compound measures ("talks" in "four-hour talks"). */
  noun: string | null;
  /** "five of these Iranians", "hundreds of the 3,455 troops": a part of a group named elsewhere. */
  partitive: boolean;
  /** "three other Iranian-Americans": the remainder of a group, not the group. */
  other: boolean;
  /** The article's main incident topic, for generic words like "attack". */
  mainIncident: Topic | null;
}

export interface FactAssignment {
  factKey: string;
  factLabel: string;
  /** A governing word worth keeping in the claim's text: "killing", "lasted", "holding". */
  lead: string | null;
  /** A trailing word worth keeping in the claim's text: "ago". */
  trail: string | null;
  /** True when a verb of harm, detention or movement counts people ("killed five"): a bare count is of people. */
  measured?: boolean;
  /** "Two quakes in 1999 killed ...": the earlier year a figure belongs to. */
  pastYear?: number;
}

export function slug(words: string): string {
  return words
    .toLowerCase()
    .replace(/['’]s\b/g, "")
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "detainees" for people in general, else the counted noun itself: "iranian-americans", "journalists". */
function subjectOf(noun: string | null): string {
  if (!noun) return "people";
  const lower = noun.toLowerCase();
  if (GENERIC_PERSON_NOUNS.has(lower)) return "people";
  return lower;
}

/** "put the number of people detained at 40", "estimated the crowd at 35,000": what is counted is named before. */
const ESTIMATE_OF =
  /\b(?:put|puts|putting|estimated|estimates|estimating|placed|places|gave|give|gives|set|sets)\s+(?:the\s+)?(?:(?:number|figure|toll|tally|count|total)\s+of\s+((?:[\w'’-]+\s+){1,4}?)|(crowd|turnout|attendance)\s+)at\s+$/i;

/** ", including 30 police officers,": an aside between the counted group and its verb. */
const ASIDE = "(?:,\\s*(?:including|among them|among whom|of whom|most of them|many of them|mostly)\\b[^,.;]{0,60},\\s*)?";

function measureAround(
  figure: FigureInSentence,
): { measure: (typeof MEASURES)[number]; lead: string | null; afterEnd: number | null } | null {
  const before = figure.sentence.slice(Math.max(0, figure.spanStart - 40), figure.spanStart);
  let after = figure.sentence.slice(figure.spanEnd, figure.spanEnd + 60);
  const estimate = ESTIMATE_OF.exec(figure.sentence.slice(Math.max(0, figure.spanStart - 90), figure.spanStart));
  if (estimate) {
    if (estimate[2]) return { measure: MEASURES.find((measure) => measure.measure === "crowd")!, lead: null, afterEnd: null };
    const words = estimate[1].trim().split(/\s+/);
    after = ` ${(words.length > 1 ? words.slice(1) : words).join(" ")}`;
  }
  // "All 68 people on board a regional airliner were killed": a short place phrase before the verb.
  const aboard =
    /^\s+(?:on board|aboard|onboard|in|at|on|inside)\s+(?:[\w'’-]+\s+){1,4}?(?=(?:were|was|had been|have been|are|is)\s)/i.exec(after);
  if (aboard) after = after.slice(aboard[0].length - 1);
  for (const measure of MEASURES) {
    if (
      measure.measure === "killed" &&
      compiled(
        measure,
        "killedTest",
        () => `(?:${measure.before})\\s+(?:(?:the|a|an|at least|more than|some|about|nearly|almost)\\s+)*$`,
        "i",
      ).test(figure.sentence.slice(Math.max(0, figure.spanStart - 160), figure.spanStart))
    ) {
      // The toll's verb can stand far from the figure ("the death toll from ... climbed to 239").
      const match = compiled(
        measure,
        "killedExec",
        () => `\\b(${measure.before})\\s+(?:(?:the|a|an|at least|more than|some|about|nearly|almost)\\s+)*$`,
        "i",
      ).exec(figure.sentence.slice(Math.max(0, figure.spanStart - 160), figure.spanStart));
      if (match) return { measure, lead: /toll/i.test(match[1]) ? null : match[1], afterEnd: null };
    }
  }
  for (const measure of MEASURES) {
    if (!measure.before) continue;
    const match = compiled(
      measure,
      "before",
      () => `\\b(${measure.before})\\s+(?:(?:the|a|an|another|some|remaining|all|only|at least|more than)\\s+)*$`,
      "i",
    ).exec(before);
    if (match) return { measure, lead: match[1], afterEnd: null };
  }
  const following = measureFollowing(after);
  if (following) return { measure: following.measure, lead: null, afterEnd: figure.spanEnd + following.length };
  // "more than 100,000 dead", "50 deaths", "2,500 injured people": the counted noun is the harm itself.
  const phrase = figure.sentence.slice(figure.spanStart, figure.spanEnd);
  for (const measure of MEASURES) {
    if (!CASUALTY_MEASURES.has(measure.measure)) continue;
    // "left 12 missing": the state is read as the counted word.
    if (
      compiled(measure, "phraseAfter", () => `\\b(?:${measure.after})\\s*\\S*$`, "i").test(phrase) ||
      (measure.before && compiled(measure, "phraseBefore", () => `\\b(?:${measure.before})\\s+\\w+$`, "i").test(phrase))
    ) {
      return { measure, lead: null, afterEnd: null };
    }
  }
  return null;
}

/**
 * The measure whose verb follows a figure ("12 were killed", "one was found dead", "21 people who
 * remain missing"), with the length of text it takes; null when none does.
 */
export function measureFollowing(after: string): { measure: (typeof MEASURES)[number]; length: number } | null {
  for (const measure of MEASURES) {
    const pattern = compiled(
      measure,
      "after",
      () =>
        `^[\\s"”’]*${ASIDE}(?:,\\s*)?(?:(?:who|that|which|have|has|had|were|was|are|is|been|being|so far|reportedly|also|all|now|later|confirmed|reported|were reported|are reported|believed|feared|thought|presumed|found|left|remain|remained|still)\\s+)*(?:to be\\s+)?(?:\\w+ly\\s+)?(${measure.after})\\b`,
      "i",
    );
    const match = pattern.exec(after);
    if (match) return { measure, length: match[0].length };
  }
  return null;
}

const YEAR = "(?:1[89]|20)\\d\\d";

/**
 * A figure about an earlier event or a running total, not the story's own: "Two large quakes in
 * 1999 killed some 20,000 people", "since 2017, when as many as 600,000 people ...", "In 1996, a
 * Boeing crashed ..., killing all 123", "More than 500 people have died in fires since 2006".
 * "The deadliest since 1976, killing 264" is the story's own figure.
 */
function pastYearOf(figure: FigureInSentence): { year: string; since: boolean } | null {
  const before = figure.sentence.slice(0, figure.spanStart);
  const after = figure.sentence.slice(figure.spanEnd);
  // A full date ("2019-08-31", "Aug 31, 2019") dates the report, not an earlier event.
  const earlier = [
    ...before.matchAll(compiled(MODULE_PATTERNS, "earlierYear", () => `(\\b\\w+\\s+)?\\b(${YEAR})\\b(?![-/.]\\d)(,?\\s+when\\b)?`, "g")),
  ]
    .filter((match) => !/\b[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s*$/.test(before.slice(0, (match.index ?? 0) + (match[1] ?? "").length)))
    .pop();
  if (earlier) {
    const lead = (earlier[1] ?? "").trim().toLowerCase();
    if (!/^(?:since|than|ever|before|by|until|till)$/.test(lead) || earlier[3]) return { year: earlier[2], since: false };
  }
  const later = compiled(MODULE_PATTERNS, "laterYear", () => `^[^.;]{0,80}?\\b(since|in)\\s+(${YEAR})\\b`, "i").exec(after);
  if (later) return { year: later[2], since: later[1].toLowerCase() === "since" };
  return null;
}

/** The incident a casualty figure belongs to. */
function casualtyTopic(figure: FigureInSentence, afterEnd: number | null): Topic {
  const hits = findTopics(figure.sentence).filter((hit) => hit.cls !== "subject");
  // "killed in the conflict": the event named right after the verb is the one that counts.
  const tailStart = afterEnd ?? figure.spanEnd;
  const tail = figure.sentence.slice(tailStart, tailStart + 50);
  const direct = /^\s*(?:in|by|during|from|since)\s+(?:the\s+|a\s+|an\s+|that\s+|this\s+)?(?:[\w-]+\s+){0,2}/i.exec(tail);
  if (direct) {
    const named = hits.find((hit) => hit.start >= tailStart && hit.start <= tailStart + direct[0].length + 1);
    if (named) return resolveGeneric(named, figure.mainIncident);
  }
  const specific = hits.filter((hit) => hit.cls === "incident");
  const pool = specific.length > 0 ? specific : hits;
  if (pool.length > 0) {
    const centre = figure.spanStart;
    const nearest = [...pool].sort((a, b) => Math.abs(a.start - centre) - Math.abs(b.start - centre))[0];
    return resolveGeneric(headOfCoordination(figure.sentence, hits, nearest), figure.mainIncident);
  }
  return figure.mainIncident ?? { topic: "incident", noun: "the incident", cls: "incident" };
}

/**
 * "floods and landslides", "storms, floods and landslides": an event named as a list is keyed by
 * the list's first topic, so "the toll from floods and landslides" and "killed in floods and
 * landslides" land on one key whichever of the words stands nearer the figure.
 */
function headOfCoordination(sentence: string, hits: TopicHit[], chosen: TopicHit): TopicHit {
  let head = chosen;
  for (let i = hits.indexOf(head) - 1; i >= 0; i -= 1) {
    const gap = sentence.slice(hits[i].end, head.start);
    if (!/^\s*(?:,\s*|(?:,\s*)?(?:and|or|and\/or|&)\s+)$/i.test(gap)) break;
    head = hits[i];
  }
  return head;
}

function resolveGeneric(hit: Topic, mainIncident: Topic | null): Topic {
  if (hit.cls === "generic" && mainIncident) return mainIncident;
  return { topic: hit.topic, noun: hit.noun, cls: hit.cls };
}

/** The first topic after `from` in the sentence, of any class except those listed. */
function topicAfter(sentence: string, from: number, exclude: TopicClass[] = []): TopicHit | null {
  return findTopics(sentence).find((hit) => hit.start >= from && !exclude.includes(hit.cls)) ?? null;
}

function topicBefore(sentence: string, before: number, exclude: TopicClass[] = []): TopicHit | null {
  const hits = findTopics(sentence).filter((hit) => hit.end <= before && !exclude.includes(hit.cls));
  return hits.length > 0 ? hits[hits.length - 1] : null;
}

/** Up to two content words right before the figure, for fallback keys: "missing since" -> "missing". */
let lastAnchors: { sentence: string; words: { end: number; word: string }[] } | null = null;

/** The last content word of the sentence that ends by `before`; the sentence's content words are listed once. */
function anchorBefore(sentence: string, before: number): string | null {
  if (lastAnchors?.sentence !== sentence) {
    const words: { end: number; word: string }[] = [];
    for (const match of sentence.matchAll(/[A-Za-z][A-Za-z'’-]*/g)) {
      const word = match[0];
      if (!STOPWORDS.has(word.toLowerCase()) && /^[a-z]/.test(word) && !/ly$/.test(word))
        words.push({ end: (match.index ?? 0) + word.length, word: word.toLowerCase() });
    }
    lastAnchors = { sentence, words };
  }
  const { words } = lastAnchors;
  // Binary search for the last word ending by `before`. A word cut by `before` counts only up to it, as a slice would.
  let low = 0;
  let high = words.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (words[mid].end <= before) low = mid + 1;
    else high = mid;
  }
  return low > 0 ? words[low - 1].word : null;
}

const UNIT_LABELS: Readonly<Record<string, string>> = {
  years: "Years",
  months: "Months",
  days: "Days",
  weeks: "Weeks",
  hours: "Hours",
  minutes: "Minutes",
  seconds: "Seconds",
};

/** Assigns a fact key and label to a numeric figure. */
export function factFor(figure: FigureInSentence): FactAssignment {
  const { sentence } = figure;
  const after = sentence.slice(figure.spanEnd);
  const before = sentence.slice(0, figure.spanStart);

  if (figure.kind === "DATE") return dateFact(figure);

  if (figure.kind === "DURATION") {
    const unit = figure.unit ?? "years";
    const unitLabel = UNIT_LABELS[unit] ?? capitalise(unit);
    const ago = /^\s+ago\b/i.test(after);
    // "the first talks in 27 years", "the most high-profile meeting in almost 30 years",
    // "the first meeting ... since relations were cut 27 years ago": the gap since the last such event.
    const inGap = /\b(?:in|for the first time in|in more than|in over)\s*$/i.test(before);
    const superlative = SUPERLATIVE_PATTERN.exec(before);
    if ((inGap || ago) && superlative) {
      // "the first talks in 27 years" names the event after the superlative; "the quake was the strongest in 200 years" before it.
      const topic = topicAfter(sentence, superlative.index, ["cumulative"]) ?? topicBefore(sentence, superlative.index, ["cumulative"]);
      if (topic) {
        return {
          factKey: `${topic.topic}.${unit}_since_last`,
          factLabel: `${unitLabel} since the last such ${topic.noun.replace(/^the /, "")}`,
          lead: null,
          trail: ago ? "ago" : null,
        };
      }
    }
    if (ago) {
      const clause = sentence.slice(Math.max(0, figure.spanStart - 80), figure.spanStart);
      const topic = topicBefore(sentence, figure.spanStart) ?? topicAfter(sentence, figure.spanEnd);
      if (topic?.topic === "relations" && RUPTURE_PATTERN.test(clause)) {
        return { factKey: `relations.${unit}_since_cut`, factLabel: `${unitLabel} since relations were cut`, lead: null, trail: "ago" };
      }
      const name = topic?.topic ?? anchorBefore(sentence, figure.spanStart) ?? "event";
      return { factKey: `${name}.${unit}_ago`, factLabel: `${unitLabel} since ${topic?.noun ?? name}`, lead: null, trail: "ago" };
    }
    // "14 months after Iran's Islamic Revolution", "a quarter of a century after ... were held hostage"
    const relative = /^\s+(after|before|later|earlier)\b/i.exec(after);
    // "battled the blaze for 12 hours before bringing it under control" is a duration, not a gap.
    if (relative && !/\bfor\s+$/i.test(before)) {
      const direction = relative[1].toLowerCase() === "before" || relative[1].toLowerCase() === "earlier" ? "before" : "after";
      const topic = topicAfter(sentence, figure.spanEnd) ?? topicBefore(sentence, figure.spanStart);
      const name = topic?.topic ?? anchorBefore(sentence, figure.spanStart) ?? "event";
      return {
        factKey: `${name}.${unit}_${direction}`,
        factLabel: `${unitLabel} ${direction} ${topic?.noun ?? name}`,
        lead: null,
        trail: null,
      };
    }
    // "18 months of talks", "almost two decades of wrangling": the span of what follows "of".
    const named = topicAfterOf(after);
    if (named) {
      return { factKey: durationKey(named.topic, unit), factLabel: `How long ${named.noun} lasted`, lead: null, trail: null };
    }
    // "four-hour talks", "a three-day summit", "the 12-hour standoff"
    if (figure.noun) {
      const topic = topicFor(figure.noun);
      const name = topic?.topic ?? slug(figure.noun);
      return {
        factKey: durationKey(name, unit),
        factLabel: `How long ${topic?.noun ?? `the ${figure.noun.toLowerCase()}`} lasted`,
        lead: null,
        trail: null,
      };
    }
    // "the meeting -- which lasted four hours --", "the encounter ... lasted four hours"
    const lasted = /\b(lasted|lasting|lasts|last|went on for|continued for|took)\s+(?:for\s+)?$/i.exec(before);
    if (lasted) {
      const topic = topicBefore(sentence, lasted.index, ["cumulative"]) ?? findTopics(sentence)[0] ?? null;
      const durational = findTopics(sentence).filter((hit) => hit.end <= lasted.index && hit.topic !== "relations");
      const subject = durational.length > 0 ? firstOrRelative(sentence, durational, lasted.index) : topic;
      const name = subject?.topic ?? "event";
      return {
        factKey: durationKey(name, unit),
        factLabel: `How long ${subject?.noun ?? "the event"} lasted`,
        lead: lasted[1],
        trail: null,
      };
    }
    // "The summit was originally planned for two days": a plan, not what happened.
    const planned = /\b(?:planned|scheduled|due|expected|set|meant|supposed)\s+(?:to\s+(?:last|run)\s+)?for\s+$/i.exec(before);
    if (planned) {
      const topic = topicBefore(sentence, planned.index, ["cumulative"]);
      const name = topic?.topic ?? "event";
      return {
        factKey: `${name}.planned_duration`,
        factLabel: `How long ${topic?.noun ?? "the event"} was planned to last`,
        lead: null,
        trail: null,
      };
    }
    // "held hostage for 444 days", "a siege of 12 days"
    const span = /\b(?:for|of)\s+$/i.exec(before);
    if (span) {
      let topic: Topic | null = topicBefore(sentence, span.index, ["cumulative"]);
      // "Our men worked for 17 hours": fighting the story's incident, whose length it is.
      if (
        !topic &&
        figure.mainIncident &&
        /\b(?:worked|battled|fought|burned|burnt|raged|blazed|smouldered|smoldered|struggled|toiled)\s+for\s+$/i.test(before)
      )
        topic = figure.mainIncident;
      const name = topic?.topic ?? anchorBefore(sentence, span.index) ?? "event";
      return { factKey: durationKey(name, unit), factLabel: `How long ${topic?.noun ?? name} lasted`, lead: null, trail: null };
    }
    const anchor = anchorBefore(sentence, figure.spanStart) ?? "time";
    return { factKey: `${anchor}.${unit}`, factLabel: `${unitLabel} (${anchor})`, lead: null, trail: null };
  }

  // Counts and quantities.
  const measured = figure.kind === "COUNT" ? measureAround(figure) : null;
  // "killing 24 of the passengers", "37 of its staff were missing": harm to a part is still the toll.
  const casualty =
    measured !== null && CASUALTY_MEASURES.has(measured.measure.measure) && !/\d/.test(sentence.slice(figure.spanEnd, figure.spanEnd + 12));
  if (figure.partitive && !casualty) {
    const subject = slug(figure.noun ?? "people");
    return { factKey: `${subject}.subset`, factLabel: `Some of the ${figure.noun ?? "people"}`, lead: null, trail: null };
  }
  if (figure.other) {
    const subject = slug(figure.noun ?? "people");
    return { factKey: `${subject}.others`, factLabel: `Other ${figure.noun ?? "people"}`, lead: null, trail: null };
  }

  if (measured) {
    const { measure } = measured;
    const past = pastYearOf(figure);
    const pastKey = past ? `_${past.since ? "since_" : ""}${past.year}` : "";
    const pastLabel = past ? ` (${past.since ? "since " : "in "}${past.year})` : "";
    const pastYear = past ? { pastYear: Number(past.year) } : {};
    if (CASUALTY_MEASURES.has(measure.measure)) {
      const topic = casualtyTopic(figure, measured.afterEnd);
      // "13 people had died later in hospital": a part of the toll, counted on its own.
      const later =
        measure.measure === "killed" &&
        measured.afterEnd !== null &&
        /^\s*(?:later|subsequently|since|in hospital|on the way to hospital|of (?:their )?(?:injuries|wounds)|from (?:their )?(?:injuries|wounds))\b/i.test(
          figure.sentence.slice(measured.afterEnd),
        );
      if (later) {
        return {
          factKey: `${topic.topic}.died_later${pastKey}`,
          factLabel: `People who died later of ${topic.noun}${pastLabel}`,
          lead: null,
          trail: null,
          measured: true,
          ...pastYear,
        };
      }
      return {
        factKey: `${topic.topic}.${measure.measure}${pastKey}`,
        factLabel: measure.label.replace("{topic}", topic.noun) + pastLabel,
        lead: measured.lead,
        trail: null,
        measured: true,
        ...pastYear,
      };
    }
    // "about 4,500 factories employing some 4 million people": a whole industry's workforce, not the employer's.
    const employers =
      measure.measure === "employed"
        ? /\b([a-z]+s)\s+(?:that\s+|which\s+)?(?:employing|employ)\s+(?:(?:some|about|around|nearly|almost|more than|over|at least)\s+)?$/.exec(
            before,
          )
        : null;
    if (employers && !/ss$/.test(employers[1])) {
      return {
        factKey: `${slug(employers[1])}.employed${pastKey}`,
        factLabel: `People employed by ${employers[1]}${pastLabel}`,
        lead: measured.lead,
        trail: null,
        measured: true,
        ...pastYear,
      };
    }
    const subject = subjectOf(figure.noun);
    const subjectKey = subject === "people" && measure.measure === "held" ? "detainees" : slug(subject);
    const subjectLabel =
      subject === "people" && measure.measure === "held"
        ? "Detainees"
        : capitalise(subject === "people" ? subject : (figure.noun ?? subject));
    return {
      factKey: `${subjectKey}.${measure.measure}${pastKey}`,
      factLabel: measure.label.replace("{subject}", subjectLabel) + pastLabel,
      lead: measured.lead,
      trail: null,
      measured: !/^(?:destroyed|damaged)$/.test(measure.measure),
      ...pastYear,
    };
  }

  if (figure.kind === "QUANTITY" && figure.unit === "magnitude") {
    const topic = findTopics(sentence).find((hit) => hit.cls === "incident") ?? figure.mainIncident;
    const name = topic?.topic ?? "event";
    return { factKey: `${name}.magnitude`, factLabel: `Magnitude of ${topic?.noun ?? "the event"}`, lead: null, trail: null };
  }
  if (figure.kind === "QUANTITY" && figure.unit === "percent") {
    const change = percentChange(sentence, figure.spanStart);
    if (change) return { factKey: change.key, factLabel: change.label, lead: null, trail: null };
  }
  const dimension = figure.kind === "QUANTITY" ? dimensionOf(sentence, figure.spanStart, figure.spanEnd) : null;
  if (dimension) {
    const topic = findTopics(sentence).find((hit) => hit.cls === "incident") ?? figure.mainIncident;
    const name = topic?.topic ?? "event";
    return {
      factKey: `${name}.${dimension}`,
      factLabel: `${capitalise(dimension)} of ${topic?.noun ?? "the event"}`,
      lead: null,
      trail: null,
    };
  }
  if (figure.kind === "QUANTITY") {
    const unit = figure.unit ?? "amount";
    // "a fund worth 3 billion dollars", "a cost of $2 billion": the money is the noun's.
    const owner =
      !figure.noun && isMoney(unit)
        ? (/\b([a-z]+)\s+(?:worth|valued at|totalling|totaling|of)\s+(?:about|some|around|nearly|almost|more than|over|up to|at least|an estimated\s+)?$/.exec(
            before,
          )?.[1] ?? null)
        : null;
    if (owner && !STOPWORDS.has(owner)) {
      return { factKey: `${slug(owner)}.${slug(unit)}`, factLabel: `${capitalise(unit)}: ${owner}`, lead: null, trail: null };
    }
    // "the quake struck 15 km from the capital": a measure in an incident sentence belongs to the incident.
    const incident = findTopics(sentence).find((hit) => hit.cls === "incident");
    const topic = figure.noun ? slug(figure.noun) : (incident?.topic ?? anchorBefore(sentence, figure.spanStart) ?? "amount");
    return { factKey: `${topic}.${slug(unit)}`, factLabel: `${capitalise(unit)}: ${topic.replace(/_/g, " ")}`, lead: null, trail: null };
  }

  const noun = figure.noun ?? figure.unit;
  if (noun) {
    const verb = governingVerb(sentence, figure.spanStart, figure.spanEnd);
    return {
      factKey: `${slug(noun)}.${verb ?? "count"}`,
      factLabel: verb ? `${capitalise(noun.toLowerCase())} ${verb}` : `Number of ${noun.toLowerCase()}`,
      lead: null,
      trail: null,
    };
  }
  const anchor = anchorBefore(sentence, figure.spanStart) ?? "figure";
  return { factKey: `count.${anchor}`, factLabel: `Figure (${anchor})`, lead: null, trail: null };
}

/**
 * A span in months or years ("18 months of talks") is kept apart from one in hours or days
 * ("a three-day summit"): both are "how long the talks lasted" in words, but the first is the
 * negotiation and the second the meeting, and agreement compares values without units.
 */
function durationKey(name: string, unit: string): string {
  return unit === "months" || unit === "years" ? `${name}.duration_${unit}` : `${name}.duration`;
}

/** "of often bitter negotiations", "of wrangling": the topic named by an "of" phrase after a span. */
function topicAfterOf(after: string): Topic | null {
  const of = /^\s+of\s+((?:[A-Za-z'’-]+\s*){1,4})/.exec(after);
  if (!of) return null;
  const words = of[1].trim().split(/\s+/);
  for (let i = 0; i < words.length; i += 1) {
    const two = words.slice(i, i + 2).join(" ");
    const topic = (words.length > i + 1 ? topicFor(two) : null) ?? topicFor(words[i]);
    if (topic && topic.cls !== "cumulative") return topic;
    if (STOPWORDS.has(words[i].toLowerCase()) && words[i].toLowerCase() !== "the") return null;
  }
  return null;
}

/** Words that change an amount, for "cut the budget by 25%": which way it went. */
const CHANGE_VERBS =
  /\b(?:(cut|cuts|cutting|reduce|reduces|reduced|reducing|lower|lowers|lowered|slash|slashes|slashed|fall|falls|fell|drop|drops|dropped|decline|declines|declined|shrink|shrinks|shrank|decrease|decreases|decreased)|(raise|raises|raised|increase|increases|increased|rise|rises|rose|grow|grows|grew|boost|boosts|boosted|double|doubled|jump|jumps|jumped))\b/gi;

function singular(noun: string): string {
  if (/(?:ch|sh|x|ss)es$/.test(noun)) return noun.slice(0, -2);
  if (/ies$/.test(noun)) return `${noun.slice(0, -3)}y`;
  if (/[^s]s$/.test(noun)) return noun.slice(0, -1);
  return noun;
}

/** The head of a noun phrase: the word before "of", else the last word. */
function headOf(phrase: string): string | null {
  const words = phrase.replace(/['’]s\b/g, "").match(/[A-Za-z][A-Za-z-]*/g) ?? [];
  const ofAt = words.findIndex((word) => word.toLowerCase() === "of");
  const content = (ofAt > 0 ? words.slice(0, ofAt) : words).filter(
    (word) => !STOPWORDS.has(word.toLowerCase()) && !/^(?:to|will|would|could|should|may|might|must|can)$/i.test(word),
  );
  const head = content[content.length - 1];
  return head ? singular(head.toLowerCase()) : null;
}

/**
 * "cut the budget of the office by 25%", "catches of bigeye tuna are to fall by 30 per cent":
 * a change in percent belongs to what changed and which way, not to the nearest word.
 */
function percentChange(sentence: string, start: number): { key: string; label: string } | null {
  const before = sentence.slice(0, start);
  const by =
    /\b(by|to)\s+(?:(?:about|some|nearly|almost|around|roughly|more than|over|just|close to|up to|at least|an estimated)\s+)?$/i.exec(
      before,
    );
  if (!by) return null;
  // "turnout rose by 4.5 percent to 62.4 percent": after "to" the figure is the new level.
  const level = by[1].toLowerCase() === "to";
  const verbs = [...before.slice(0, by.index).matchAll(CHANGE_VERBS)];
  const verb = verbs[verbs.length - 1];
  if (!verb) return null;
  const direction = verb[1] ? "cut" : "rise";
  const verbAt = verb.index ?? 0;
  let object = before.slice(verbAt + verb[0].length, by.index);
  object = (object.split(/,|\band\b/).pop() ?? "").replace(/\bby\b.*$/, "");
  let head = headOf(object);
  if (!head) {
    const clause = before.slice(0, verbAt).split(/[,;:]/).pop() ?? "";
    const ofAt = clause.search(/\bof\b/);
    head = headOf(ofAt > 0 ? clause.slice(0, ofAt) : clause.replace(/\b(?:are|is|was|were|will|would|to|has|have|had|been|be)\b/g, " "));
  }
  if (!head) return null;
  if (level) return { key: `${slug(head)}.percent`, label: `${capitalise(head)} (percent)` };
  return { key: `${slug(head)}.${direction}_percent`, label: `${direction === "cut" ? "Cut in" : "Rise in"} ${head} (percent)` };
}

/** "at an altitude of 4,200 metres", "at a depth of 10 km", "4,200 metres above sea level". */
function dimensionOf(sentence: string, start: number, end: number): string | null {
  const before = sentence.slice(Math.max(0, start - 40), start);
  const after = sentence.slice(end, end + 50).replace(/^\s*\([^)]*\)/, "");
  if (/\b(?:altitude|elevation|height)\s+of\s+$/i.test(before) || /^\s+(?:above sea level|high)\b/i.test(after)) return "altitude";
  if (/\bdepth\s+of\s+$/i.test(before) || /^\s+(?:deep|underground|below the (?:surface|ground))\b/i.test(after)) return "depth";
  return null;
}

/** For "which lasted", the noun right before; otherwise the sentence's first topic (its subject). */
function firstOrRelative(sentence: string, hits: TopicHit[], verbAt: number): TopicHit {
  const head = sentence.slice(0, verbAt);
  if (/\b(?:which|that)\s+$/i.test(head) || /\b(?:which|that)\s+\w+\s+$/i.test(head)) return hits[hits.length - 1];
  return hits[0];
}

/** A lower-case verb right before or after the counted phrase, for fallback keys: "released", "taking". */
function governingVerb(sentence: string, start: number, end: number): string | null {
  const before = /\b([a-z]+(?:ed|ing))\s+(?:(?:the|a|an|some|remaining|its|their|all)\s+)*$/.exec(
    sentence.slice(Math.max(0, start - 40), start),
  );
  // "carrying 64 passengers", "including five Americans": a count, whatever the verb of having.
  if (
    before &&
    /^(?:carrying|carried|including|included|involving|involved|totalling|totaling|numbering|having|containing|contained)$/.test(before[1])
  )
    return null;
  if (before) return before[1].toLowerCase();
  const after = /^\s+(?:(?:were|was|are|is|have been|has been|had been)\s+)?([a-z]+ed)\b/.exec(sentence.slice(end, end + 40));
  if (after) return after[1].toLowerCase();
  return null;
}

function dateFact(figure: FigureInSentence): FactAssignment {
  const { sentence } = figure;
  const before = sentence.slice(0, figure.spanStart);
  // "severed diplomatic ties with Tehran in 1980", "broke off diplomatic ties with Iran in April 1980"
  const clause = before.slice(-90);
  const rupture = RUPTURE_PATTERN.exec(clause);
  if (rupture && /\b(?:relations|ties)\b/i.test(clause.slice(rupture.index)) && /\b(?:in|since|by)\s+(?:the\s+)?$/i.test(before)) {
    return { factKey: "relations.cut_year", factLabel: "Year relations were cut", lead: null, trail: null };
  }
  // "the 1979 hostage crisis", "the 1979 Islamic Revolution": the event named right after the year.
  const following = /^\s+(?:[A-Z][\w'’-]*\s+){0,2}([\w-]+(?:\s+crisis)?)/.exec(sentence.slice(figure.spanEnd));
  if (following && /^\s*the\s+$/i.test(before.slice(-5))) {
    const topic = topicAfter(sentence, figure.spanEnd);
    if (topic && topic.start <= figure.spanEnd + following[0].length + 1) {
      return { factKey: `${topic.topic}.year`, factLabel: `Year of ${topic.noun}`, lead: null, trail: null };
    }
  }
  const direction =
    /\b(from|since|until|till|by|before|after)\s+(?:the\s+(?:start|end|beginning|middle)\s+of\s+)?(?:the\s+)?(?:early\s+|late\s+|mid-?)?$/i.exec(
      before,
    );
  const anchor = anchorBefore(sentence, direction ? direction.index : figure.spanStart) ?? "date";
  const suffix = direction ? `${direction[1].toLowerCase()}_` : "";
  const unit = figure.unit === "year" ? "year" : "date";
  return {
    factKey: `${anchor}.${suffix}${unit}`,
    factLabel: `${capitalise(unit)} (${anchor}${direction ? ` ${direction[1].toLowerCase()}` : ""})`,
    lead: null,
    trail: null,
  };
}

/** TEXT facts about an attack: the weapon and the place. */
export function weaponFact(topic: Topic): { factKey: string; factLabel: string } {
  return { factKey: `${topic.topic}.weapon`, factLabel: `Weapon used in ${topic.noun}` };
}

export function locationFact(topic: Topic): { factKey: string; factLabel: string } {
  return { factKey: `${topic.topic}.location`, factLabel: `Where ${topic.noun} happened` };
}
