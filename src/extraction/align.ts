/**
 * Story-level alignment: which of a story's claims are about the same real-world quantity.
 *
 * Like record linkage or cross-document coreference, it compares claims from the story's
 * articles and clusters them, instead of trusting a key computed from one sentence:
 *   1. each claim gets features: its dimension (kind and unit family), what it counts or
 *      measures (MEASURE_LEMMAS over the lemmas around the figure, or the fact rules' measure),
 *      its scope and place, the earlier year it belongs to;
 *   2. claims are blocked on those features (hard rules: never two dimensions, scopes, places
 *      or years in one block), so the cost stays linear in the story's size;
 *   3. a block with a known measure is one quantity; a block without one is clustered by how
 *      alike the claims' words are and how close their values are (weak evidence needs both);
 *   4. two claims of one sentence never share a fact unless one restates the other;
 *   5. each cluster's key and label come from its dominant measure and topic, so a re-run over
 *      the same claims gives the same keys.
 * Pure: claims in, facts out.
 */
import { MEASURES, PERSON_MEASURE_NAMES, TOPICS, slug } from "./facts";
import { toCanonical, unitDefinition } from "./lexicon/units";
import type { ClaimContext, ExtractedClaim, FactKind, Scope } from "./types";

/** The parts of a claim alignment reads; stored claims may lack context (then only their key counts). */
export interface AlignClaim {
  factKey: string;
  factLabel: string;
  kind: FactKind;
  unit: string | null;
  value: number | null;
  lower: number | null;
  upper: number | null;
  scope: Scope;
  sentenceStart: number | null;
  context: ClaimContext | null;
}

export interface AlignInput {
  id: string;
  articleId: string;
  claim: AlignClaim | ExtractedClaim;
}

export interface AlignedFact {
  key: string;
  label: string;
  kind: FactKind;
  unit: string | null;
  /** Every claim of a fact has this scope (scope is a hard blocking rule). */
  scope: Scope;
  claimIds: string[];
}

/**
 * What a figure counts, by the lemmas around it: one entry per lemma, so every inflection and
 * synonym the lemmatiser reduces to it ("were killed", "died", "dead", "death toll", "lost
 * their lives", "bodies recovered") lands on one measure. Names match the fact rules' measures.
 */
export const MEASURE_LEMMAS: Readonly<Record<string, readonly string[]>> = {
  killed: ["kill", "die", "dead", "deceased", "death", "toll", "fatality", "perish", "drown", "life", "body", "corpse", "casualty"],
  wounded: ["injure", "injured", "wound", "wounded", "hurt", "injury", "hospitalize", "hospitalise", "maim"],
  missing: ["missing", "unaccounted"],
  evacuated: ["evacuate", "evacuee", "evacuation", "relocate", "flee", "displace", "resettle"],
  crowd: [
    "crowd",
    "turnout",
    "marcher",
    "march",
    "participant",
    "protester",
    "protestor",
    "demonstrator",
    "rally",
    "attend",
    "attendee",
    "part",
    "parade",
  ],
  aboard: ["aboard", "passenger", "board", "onboard", "carry"],
  arrested: ["arrest", "detain"],
  rescued: ["rescue", "save"],
};

/**
 * What a measured figure is, by the lemmas around it, per dimension: a storm's winds and its
 * own movement are both speeds ("winds of up to 144 km/h", "moving north-west at 14 mph").
 */
export const QUANTITY_MEASURE_LEMMAS: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  speed: {
    wind_speed: ["wind", "gust", "windspeed", "gale", "sustain"],
    forward_speed: ["move", "travel", "head", "drift", "crawl", "churn", "swirl", "track", "advance", "forward", "speed", "pace"],
  },
};
/**
 * What a share of a vote is: of those who voted, the share for an option ("97% of those who voted
 * supported", "more than 98 percent favoured"); of the electorate, the turnout ("27% of voters cast
 * ballots", "the turnout of 27.5 percent", "27.26% of citizens took part"). Listed first wins.
 */
export const SHARE_MEASURE_LEMMAS: Readonly<Record<string, readonly string[]>> = {
  support_share: ["favour", "favor", "support", "back", "approve", "endorse", "yes", "oppose", "reject", "against"],
  turnout: ["turnout", "participate", "participation", "part", "ballot", "cast", "voter", "vote", "poll", "abstain"],
};

/** How many lemmas either side of a measured figure may name what it is. */
const QUANTITY_MEASURE_REACH = 8;
const QUANTITY_MEASURES = new Set([
  ...Object.values(QUANTITY_MEASURE_LEMMAS).flatMap((measures) => Object.keys(measures)),
  ...Object.keys(SHARE_MEASURE_LEMMAS),
]);

const LEMMA_MEASURE = new Map<string, string>(
  Object.entries(MEASURE_LEMMAS).flatMap(([measure, lemmas]) => lemmas.map((lemma) => [lemma, measure] as const)),
);

/** Measures the fact rules name ("bombing.killed"), kept as they are. */
const RULE_MEASURES = new Set(MEASURES.map((measure) => measure.measure));
/** Keys the fact rules chose on purpose for a part of a group ("people.subset"): never re-read from the words. */
const DELIBERATE = new Set(["subset", "died_later"]);
/** Lemmas that introduce a competing estimate: "police put it at 35,000 while organisers said 120,000". */
const REPORTING = new Set(["say", "estimate", "put", "claim", "report", "count", "tally", "accord", "give"]);

/** Topic classes by topic name: casualties of any incident word in one story are the story's. */
const TOPIC_CLASS = new Map(TOPICS.map(({ topic }) => [topic.topic, topic.cls] as const));

/**
 * Units that count people, whoever they are; a breakdown by sex or age keeps its own unit, and so
 * do passengers (a plane's passengers are not all on board: the crew is not among them).
 */
const PEOPLE_UNITS = new Set([
  "people",
  "persons",
  "person",
  "others",
  "individuals",
  "victims",
  "residents",
  "villagers",
  "civilians",
  "protesters",
  "protestors",
  "demonstrators",
  "marchers",
  "participants",
  "employees",
  "staff",
  "guests",
  "workers",
  "patients",
  "tourists",
  "students",
  "pilgrims",
  "spectators",
  "fans",
  "voters",
]);

/** Words too common to say two figures count the same thing. */
const FILLER = new Set([
  "be",
  "have",
  "do",
  "say",
  "the",
  "a",
  "an",
  "of",
  "in",
  "on",
  "at",
  "to",
  "for",
  "by",
  "with",
  "from",
  "and",
  "or",
  "as",
  "that",
  "which",
  "who",
  "it",
  "they",
  "their",
  "its",
  "he",
  "she",
  "we",
  "this",
  "there",
  "than",
  "more",
  "least",
  "about",
  "some",
  "nearly",
  "almost",
  "over",
  "up",
  "also",
  "people",
  "person",
  "other",
  "another",
  "while",
  "when",
  "after",
  "since",
]);

/** Weakly linked claims must also be this close in value (the larger at most this many times the smaller). */
const WEAK_VALUE_RATIO = 1.6;
/** Shared-word similarity (Jaccard over content lemmas) above which two weak claims are linked. */
const WEAK_SIMILARITY = 0.15;
/** A weak block past this many distinct claims is linked by key only, to stay linear. */
const PAIRWISE_LIMIT = 300;

interface Features {
  input: AlignInput;
  topic: string;
  measure: string | null;
  family: string;
  scope: Scope;
  place: string | null;
  year: string | null;
  words: Set<string>;
  sentence: string;
}

function keyParts(factKey: string): { topic: string; measure: string; year: string | null } {
  const dot = factKey.indexOf(".");
  const topic = dot < 0 ? factKey : factKey.slice(0, dot);
  const rest = dot < 0 ? "" : factKey.slice(dot + 1);
  const year = /_(?:since_)?((?:1[89]|20)\d\d)$/.exec(rest);
  return { topic, measure: year ? rest.slice(0, year.index) : rest, year: year ? year[1] : null };
}

/** How many lemmas either side of a figure may name what it counts. */
const MEASURE_REACH = 4;

/** The nearest measure lemma either side of the figure, after before before at equal distance. */
function measureFromContext(context: ClaimContext | null): string | null {
  if (!context) return null;
  for (let i = 0; i < MEASURE_REACH; i += 1) {
    const found = LEMMA_MEASURE.get(context.after[i] ?? "") ?? LEMMA_MEASURE.get(context.before[i] ?? "");
    if (found) return found;
  }
  return null;
}

/** The nearest measure lemma anywhere before a bare number in its clause, up to a conjunction. */
function subjectMeasure(context: ClaimContext | null): string | null {
  if (!context) return null;
  for (const lemma of context.before) {
    if (CONJUNCTIONS.has(lemma)) return null;
    const found = LEMMA_MEASURE.get(lemma);
    if (found) return found;
  }
  return null;
}

/**
 * "7 km from Shirpur", "350 km away from Mumbai", "10 km north of the city", "five kilometres on
 * the outskirts of Shirpur", "20 km outside Varna": a distance is from somewhere.
 */
function distanceFrom(context: ClaimContext | null): string | null {
  if (!context) return null;
  const after = context.after.filter((lemma) => !DISTANCE_FILLER.has(lemma));
  if (after[0] === "outside" || after[0] === "off") return after[1] ?? null;
  const at = after.findIndex((lemma) => lemma === "from" || lemma === "of");
  if (at < 0 || at > 1 || (at === 0 && after[0] === "of")) return null;
  if (at > 0 && !DIRECTIONS.test(after[0]) && after[0] !== "outskirt") return null;
  return after[at + 1] ?? null;
}

const DISTANCE_FILLER = new Set(["away", "on", "in", "the", "to"]);
const DIRECTIONS =
  /^(?:north|south|east|west|northeast|northwest|southeast|southwest|north-east|north-west|south-east|south-west|short|inland|upstream|downstream)$/;

/** The measure of a figure with a dimension: the one whose lemma stands nearest, before before after at equal distance. */
function quantityMeasure(claim: AlignClaim): string | null {
  const dimension = unitDefinition(claim.unit)?.dimension;
  const measures = dimension ? QUANTITY_MEASURE_LEMMAS[dimension] : undefined;
  if (!measures || !claim.context) return null;
  // A capitalised first word may reach here unlemmatised ("Gusts"): a plural -s is dropped too.
  const measureOf = (lemma: string | undefined) =>
    lemma === undefined
      ? undefined
      : Object.entries(measures).find(([, lemmas]) => lemmas.includes(lemma) || lemmas.includes(lemma.replace(/s$/, "")))?.[0];
  // A conjunction starts another clause: "moving at 12 km/h, and gusts of 160 km/h".
  const clause = (lemmas: string[]) => {
    const stop = lemmas.slice(0, QUANTITY_MEASURE_REACH).findIndex((lemma) => CONJUNCTIONS.has(lemma));
    return stop < 0 ? lemmas.slice(0, QUANTITY_MEASURE_REACH) : lemmas.slice(0, stop);
  };
  const before = clause(claim.context.before);
  const after = clause(claim.context.after);
  for (let i = 0; i < QUANTITY_MEASURE_REACH; i += 1) {
    const found = measureOf(before[i]) ?? measureOf(after[i]);
    if (found) return found;
  }
  return null;
}

const CONJUNCTIONS = new Set(["and", "but", "while", "whereas", "or"]);

/**
 * The measure of a percentage in a vote. "of those who voted", "of those who took part" name the
 * base: the share is among the voters, so never the turnout.
 */
function shareMeasure(context: ClaimContext | null): string | null {
  if (!context) return null;
  const within = (lemmas: string[]) => {
    const stop = lemmas.slice(0, QUANTITY_MEASURE_REACH).findIndex((lemma) => CONJUNCTIONS.has(lemma));
    return stop < 0 ? lemmas.slice(0, QUANTITY_MEASURE_REACH) : lemmas.slice(0, stop);
  };
  const near = new Set([...within(context.before), ...within(context.after)]);
  if (SHARE_MEASURE_LEMMAS.support_share.some((lemma) => near.has(lemma))) return "support_share";
  const amongVoters = context.after[0] === "of" && /^(?:those|that|who)$/.test(context.after[1] ?? "");
  if (amongVoters) return SHARE_MEASURE_LEMMAS.turnout.some((lemma) => near.has(lemma)) ? "support_share" : null;
  return SHARE_MEASURE_LEMMAS.turnout.some((lemma) => near.has(lemma)) ? "turnout" : null;
}

/** "58 injured", "four fatalities", "17 dead": a unit that is itself a measure word counts people. */
function measureWord(unit: string): boolean {
  return LEMMA_MEASURE.has(unit) || LEMMA_MEASURE.has(unit.replace(/ies$/, "y").replace(/s$/, ""));
}

function unitMeasure(unit: string): string | null {
  return LEMMA_MEASURE.get(unit) ?? LEMMA_MEASURE.get(unit.replace(/ies$/, "y").replace(/s$/, "")) ?? null;
}

/** A whole-event count of a measure only people undergo (PERSON_MEASURES) counts people, whatever noun names their role ("12 miners"). */
function familyOf(claim: AlignClaim, measure: string | null): string {
  const unit = claim.unit;
  if (claim.kind === "COUNT" && measure !== null && PERSON_MEASURE_NAMES.has(measure) && claim.scope === "EVENT" && unit !== "passengers")
    return "COUNT:people";
  // "58 injured", "17 dead" count people; "64 passengers" count only the passengers among those on board.
  if (claim.kind === "COUNT" && measure === "aboard" && unit === "passengers") return "COUNT:passengers";
  if (claim.kind === "COUNT" && measure !== null && (unit === null || PEOPLE_UNITS.has(unit) || unit === "passengers" || measureWord(unit)))
    return `COUNT:people`;
  // "114 mph" and "183 km/h", "six miles" and "10 km": one dimension, compared in its canonical unit.
  const dimension = unitDefinition(unit)?.dimension;
  if (dimension) return `${claim.kind}:${dimension}`;
  return `${claim.kind}:${unit ?? ""}`;
}

function featuresOf(input: AlignInput): Features {
  const claim = input.claim;
  const parts = keyParts(claim.factKey);
  const numeric = claim.kind === "COUNT" || claim.kind === "QUANTITY";
  let measure: string | null = null;
  if (numeric && RULE_MEASURES.has(parts.measure)) measure = parts.measure;
  else if (DELIBERATE.has(parts.measure)) measure = null;
  // The words around a count of people (or a share) say what it counts; "17,000 islands" is counted by its noun.
  else if (claim.kind === "QUANTITY" && claim.unit === "percent") {
    measure = shareMeasure(claim.context) ?? measureFromContext(claim.context);
  } else if (claim.kind === "COUNT" && (claim.unit === null || PEOPLE_UNITS.has(claim.unit) || measureWord(claim.unit))) {
    measure = measureFromContext(claim.context);
    // "The number of dead ... rose on Saturday to 18", "the death toll could be as high as 73":
    // a bare number's subject, anywhere before it in its clause, says what it counts.
    if (measure === null && claim.unit === null) measure = subjectMeasure(claim.context);
  }
  // "64 passengers": a counted noun that is itself a measure word says what is counted.
  if (measure === null && claim.kind === "COUNT" && claim.unit && !DELIBERATE.has(parts.measure)) measure = unitMeasure(claim.unit);
  if (measure === null && claim.kind === "QUANTITY") measure = quantityMeasure(claim);
  let reference = false;
  if (claim.kind === "QUANTITY" && unitDefinition(claim.unit)?.dimension === "length") {
    const from = distanceFrom(claim.context);
    if (from) {
      measure = `distance_from_${slug(from)}`;
      reference = true;
    }
  }
  // "Six women were among the 13 killed", "seven of the deceased were women": one group's share of a toll.
  const group = claim.kind === "COUNT" ? groupOf(claim) : null;
  if (group) measure = measureFromContext(claim.context) ?? measure;
  const cls = TOPIC_CLASS.get(parts.topic);
  // Incident words are grouped per story later (topicGroups); other topics stay as they are.
  // "people.aboard" and "passengers.aboard" name who is counted, not an incident: one block.
  const person = PEOPLE_UNITS.has(parts.topic) || measureWord(parts.topic);
  // A measured figure of the event ("winds of up to 144 km/h") is the event's, whatever word leads its key.
  const measured = measure !== null && (QUANTITY_MEASURES.has(measure) || measure.startsWith("distance_from_"));
  const topic = measured
    ? `incident:${cls === "incident" ? parts.topic : "event"}`
    : measure !== null &&
        cls !== "cumulative" &&
        cls !== "subject" &&
        (cls || person || group || parts.topic === "incident" || fallbackKey(claim.factKey))
      ? `incident:${cls ? parts.topic : "event"}`
      : parts.topic;
  // A place bounds a count of something the event did (killed, evacuated); for other counts
  // ("17,000 islands in Indonesia") it is just where the thing is.
  let scope = claim.scope;
  if (scope === "SUB_AREA" && claim.context?.scopeCue === "place" && measure === null) scope = "EVENT";
  // "400 km north of Mumbai": the place a distance is measured from is no part of the event.
  if (scope === "SUB_AREA" && claim.context?.scopeCue === "place" && reference) scope = "EVENT";
  const breakdown = group !== null && measure !== null && PERSON_MEASURE_NAMES.has(measure);
  if (breakdown) scope = "SUB_AREA";
  const words = new Set(
    [...(claim.context?.before ?? []), ...(claim.context?.after ?? [])].filter((word) => !FILLER.has(word) && word.length > 1),
  );
  return {
    input,
    topic,
    measure,
    family: breakdown ? "COUNT:people" : familyOf(claim, measure),
    scope,
    place: breakdown ? `group:${group}` : scope === "SUB_AREA" ? (claim.context?.place ?? null) : null,
    // An earlier event by its year, a rule's threshold by itself: never the same background.
    year:
      scope === "BACKGROUND"
        ? (parts.year ??
          (claim.context?.scopeYear ? String(claim.context.scopeYear) : claim.context?.scopeCue === "threshold" ? "threshold" : null))
        : null,
    words,
    sentence: `${input.articleId}\u0000${claim.sentenceStart ?? `q${input.id}`}`,
  };
}

/** Groups a toll is broken down by, by lemma. */
const GROUP_LEMMAS = new Set(["woman", "man", "child", "girl", "boy", "minor", "baby", "infant"]);
const GROUP_UNITS: Readonly<Record<string, string>> = {
  women: "woman",
  men: "man",
  children: "child",
  girls: "girl",
  boys: "boy",
  minors: "minor",
  babies: "baby",
  infants: "infant",
};

const GROUP_PLURALS = new Map(Object.entries(GROUP_UNITS).map(([plural, lemma]) => [lemma, plural] as const));

/** The group a count is of: its counted noun ("six women"), or what the figure is said to be ("seven of the dead were women"). */
function groupOf(claim: AlignClaim): string | null {
  const byUnit = claim.unit ? GROUP_UNITS[claim.unit] : undefined;
  if (byUnit) return byUnit;
  const after = claim.context?.after ?? [];
  const be = after.slice(0, 4).indexOf("be");
  return be >= 0 && GROUP_LEMMAS.has(after[be + 1] ?? "") ? after[be + 1] : null;
}

function similarity(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const word of a) if (b.has(word)) shared += 1;
  return shared / (a.size + b.size - shared);
}

/** A claim's figures in its dimension's canonical unit, when its unit has one. */
function canonical(claim: AlignClaim): { value: number | null; lower: number | null; upper: number | null } {
  return {
    value: toCanonical(claim.unit, claim.value),
    lower: toCanonical(claim.unit, claim.lower),
    upper: toCanonical(claim.unit, claim.upper),
  };
}

function valuesClose(first: AlignClaim, second: AlignClaim): boolean {
  const a = canonical(first);
  const b = canonical(second);
  const bounded = (x: typeof a): boolean => x.value !== null || x.lower !== null || x.upper !== null;
  // TEXT claims have no figures at all; "tens of thousands" has bounds but no point value.
  if (!bounded(a) || !bounded(b)) return !bounded(a) && !bounded(b);
  const overlap =
    (a.upper === null || b.lower === null || a.upper >= b.lower) && (b.upper === null || a.lower === null || b.upper >= a.lower);
  if (overlap) return true;
  if (a.value === null || b.value === null) return false;
  // A ratio measures magnitudes; a year is a position in time, and 1979 and 2010 are within any
  // ratio. Two dates are close only when they overlap.
  if (first.kind === "DATE" || second.kind === "DATE") return false;
  const low = Math.min(Math.abs(a.value), Math.abs(b.value));
  const high = Math.max(Math.abs(a.value), Math.abs(b.value));
  return low > 0 && high / low <= WEAK_VALUE_RATIO;
}

/** A fallback key ("people.count", "count.another") says nothing about what is counted; "aftershocks.count" does. */
function fallbackKey(factKey: string): boolean {
  return /^(?:count|amount|figure|time|date|people|persons|others|am|pm)\.|\.(?:subset|others)$/.test(factKey);
}

function restates(first: AlignClaim, second: AlignClaim): boolean {
  const a = canonical(first);
  const b = canonical(second);
  return a.value === b.value && a.lower === b.lower && a.upper === b.upper;
}

/** The later of two figures in one sentence is a competing estimate when a reporting verb stands before it. */
function competing(a: Features, b: Features): boolean {
  const later = (a.input.claim.context?.before.length ?? 0) >= (b.input.claim.context?.before.length ?? 0) ? a : b;
  return (later.input.claim.context?.before ?? []).slice(0, 4).some((lemma) => REPORTING.has(lemma));
}

class UnionFind {
  private readonly parent: number[];
  constructor(size: number) {
    this.parent = Array.from({ length: size }, (_, i) => i);
  }
  find(i: number): number {
    while (this.parent[i] !== i) {
      this.parent[i] = this.parent[this.parent[i]];
      i = this.parent[i];
    }
    return i;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

/** Weak claims: linked by shared key (when the key says what is counted) or shared words, and close values. */
function clusterWeak(members: Features[]): Features[][] {
  const sameKey = (a: Features, b: Features) => a.input.claim.factKey === b.input.claim.factKey;
  if (members.length > PAIRWISE_LIMIT) {
    const byKey = new Map<string, Features[]>();
    for (const member of members) byKey.set(member.input.claim.factKey, [...(byKey.get(member.input.claim.factKey) ?? []), member]);
    return [...byKey.values()];
  }
  const sets = new UnionFind(members.length);
  for (let i = 0; i < members.length; i += 1) {
    for (let j = i + 1; j < members.length; j += 1) {
      const a = members[i];
      const b = members[j];
      if (a.sentence === b.sentence) continue;
      const keyed = sameKey(a, b) && !fallbackKey(a.input.claim.factKey);
      const numeric = a.input.claim.kind !== "TEXT";
      const alike = sameKey(a, b) || (a.input.articleId !== b.input.articleId && similarity(a.words, b.words) >= WEAK_SIMILARITY);
      if (keyed || (alike && (!numeric || valuesClose(a.input.claim, b.input.claim)))) sets.union(i, j);
    }
  }
  const clusters = new Map<number, Features[]>();
  members.forEach((member, i) => clusters.set(sets.find(i), [...(clusters.get(sets.find(i)) ?? []), member]));
  return [...clusters.values()];
}

/** Never two claims of one sentence in one fact, unless one restates the other: later ones move out. */
function splitSentences(cluster: Features[]): Features[][] {
  const parts: Features[][] = [];
  for (const member of cluster) {
    const home = parts.find((part) =>
      part.every(
        (other) => other.sentence !== member.sentence || restates(other.input.claim, member.input.claim) || competing(other, member),
      ),
    );
    if (home) home.push(member);
    else parts.push([member]);
  }
  return parts;
}

function mostCommon(values: string[]): string {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0][0];
}

function mostCommonOrNull(values: Array<string | null>): string | null {
  const present = values.filter((value): value is string => value !== null);
  return present.length === 0 ? null : mostCommon(present);
}

const SCOPE_LABEL: Record<Scope, string> = { EVENT: "", SUB_AREA: "part", BACKGROUND: "background" };

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Key and label from the cluster itself: its dominant measure and topic, its scope. */
function nameOf(cluster: Features[]): { key: string; label: string } {
  const head = cluster[0];
  const keys = cluster.map((member) => member.input.claim.factKey);
  const dominantKey = mostCommon(keys);
  const dominant = cluster.find((member) => member.input.claim.factKey === dominantKey)!;
  if (head.measure === null) return { key: dominantKey, label: dominant.input.claim.factLabel };
  const topic = head.topic.replace(/^incident:/, "");
  let key = `${topic}.${head.measure}`;
  let label = dominantKey === key ? dominant.input.claim.factLabel : `${capitalise(head.measure.replace(/_/g, " "))} (${topic})`;
  // The unit most of the cluster's claims use (a fact may hold "mph" and "km/h"); ties by name, so re-runs agree.
  const unit = head.family === "COUNT:people" ? null : mostCommonOrNull(cluster.map((member) => member.input.claim.unit));
  if (unit) {
    key += `.${slug(unit)}`;
    label += ` (${unit})`;
  }
  if (head.scope === "SUB_AREA" && head.place?.startsWith("group:")) {
    const group = head.place.slice("group:".length);
    key += `.${slug(group)}`;
    label += ` (${GROUP_PLURALS.get(group) ?? group})`;
  } else if (head.scope === "SUB_AREA") {
    key += head.place ? `.in_${slug(head.place)}` : ".part";
    label += head.place ? ` in ${head.place.replace(/\b\w/g, (c) => c.toUpperCase())}` : " (a part of the event)";
  } else if (head.scope === "BACKGROUND") {
    key += head.year === "threshold" ? ".threshold" : head.year ? `_${head.year}` : ".background";
    label += head.year === "threshold" ? " (a threshold)" : head.year ? ` (${head.year})` : ` (${SCOPE_LABEL.BACKGROUND})`;
  }
  return { key, label };
}

/**
 * One story is one event, told with different incident words ("the blast", "the fire"): the
 * topics of a measure are merged unless one article uses both for different figures (then they
 * are two incidents, like a flood's toll and one landslide's). Most used topic first.
 */
function groupTopics(features: Features[]): void {
  const byBlock = new Map<string, Features[]>();
  for (const feature of features) {
    if (!feature.topic.startsWith("incident:")) continue;
    const block = [feature.measure, feature.family, feature.scope, feature.place ?? "", feature.year ?? ""].join("|");
    byBlock.set(block, [...(byBlock.get(block) ?? []), feature]);
  }
  for (const members of byBlock.values()) {
    const count = new Map<string, number>();
    const perArticle = new Map<string, Map<string, Set<string>>>();
    for (const member of members) {
      count.set(member.topic, (count.get(member.topic) ?? 0) + 1);
      const topics = perArticle.get(member.input.articleId) ?? new Map<string, Set<string>>();
      topics.set(member.topic, (topics.get(member.topic) ?? new Set()).add(String(member.input.claim.value)));
      perArticle.set(member.input.articleId, topics);
    }
    const apart = (a: string, b: string) =>
      [...perArticle.values()].some(
        (topics) => topics.has(a) && topics.has(b) && [...topics.get(b)!].some((value) => !topics.get(a)!.has(value)),
      );
    const groups: string[][] = [];
    for (const topic of [...count.keys()].sort((a, b) => count.get(b)! - count.get(a)! || a.localeCompare(b))) {
      const home = groups.find((group) => group.every((other) => !apart(other, topic)));
      if (home) home.push(topic);
      else groups.push([topic]);
    }
    const groupOf = new Map(groups.flatMap((group) => group.map((topic) => [topic, group[0]] as const)));
    for (const member of members) member.topic = groupOf.get(member.topic)!;
  }
}

/** "hk" for "hong kong": outlets abbreviate multi-word places by their initials. */
function initials(place: string): string {
  const words = place.split(/\s+/);
  return words.length > 1 ? words.map((word) => word[0]).join("") : place;
}

/** One place at some level: equal, one inside the other's name ("fujian" in "fujian province"), or its initials. */
function sameArea(a: string, b: string): boolean {
  return a === b || a.includes(b) || b.includes(a) || initials(a) === b || initials(b) === a;
}

/**
 * Every place an article's lead names is the event's, at some level (a city, its district, the
 * country); a figure of the event's doing confined to any other place is one part of the event.
 * Sibling places decide too: when the story confines one measure to two or more places that
 * leads of several articles do not name, one of them named by no lead at all ("14 killed in
 * Zhejiang", "three in Taiwan"), each of those figures is a part, even where one article's lead
 * names that place.
 */
function placeScopes(features: Features[]): void {
  const leads = new Map<string, string>();
  for (const feature of features) {
    const place = feature.input.claim.context?.eventPlace;
    if (place) leads.set(feature.input.articleId, place);
  }
  const eventPlaces = [...new Set(leads.values())];
  const leadCount = (place: string) => [...leads.values()].filter((lead) => sameArea(lead, place)).length;
  const isEventPlace = (place: string) => eventPlaces.some((other) => sameArea(other, place));
  const candidates = features.filter((feature) => {
    const context = feature.input.claim.context;
    return (
      feature.measure !== null &&
      feature.input.claim.kind === "COUNT" &&
      Boolean(context?.place) &&
      (feature.scope === "EVENT" || context?.scopeCue === "place")
    );
  });
  const siblingsByMeasure = new Map<string, string[]>();
  for (const feature of candidates) {
    const place = feature.input.claim.context!.place!;
    if (leadCount(place) >= 2) continue;
    const places = siblingsByMeasure.get(feature.measure!) ?? [];
    if (!places.some((other) => sameArea(other, place))) places.push(place);
    siblingsByMeasure.set(feature.measure!, places);
  }
  for (const feature of candidates) {
    const place = feature.input.claim.context!.place!;
    const siblings = siblingsByMeasure.get(feature.measure!) ?? [];
    // Two articles whose leads each name their own spot of the event ("Victory Square", "Bucharest") are no breakdown.
    const breakdown = siblings.length >= 2 && siblings.some((other) => leadCount(other) === 0);
    const part = (breakdown && siblings.some((other) => sameArea(other, place))) || !isEventPlace(place);
    feature.scope = part ? "SUB_AREA" : "EVENT";
    feature.place = part ? place : null;
  }
}

/** One edit (an insertion, a deletion, a substitution or two neighbours swapped) apart: "Shirpur" and "Shirupur". */
function oneEditApart(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i += 1;
  if (a.length === b.length)
    return a.slice(i + 1) === b.slice(i + 1) || (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** How long a place name must be before one edit is read as a spelling ("Shirpur"/"Shirupur"), not another place. */
const SPELLING_MIN_LENGTH = 6;

/**
 * Outlets transliterate place names differently ("Shirpur", "Shirupur"): names one edit apart
 * are one place, spelled the way most of the story's claims spell it. Only distinct names are
 * compared, a handful per story.
 */
function unifySpellings(features: Features[]): void {
  const count = new Map<string, number>();
  const nameOf = (feature: Features): string[] =>
    [feature.place, feature.measure?.startsWith("distance_from_") ? feature.measure.slice("distance_from_".length) : null].filter(
      (name): name is string => Boolean(name),
    );
  for (const feature of features) for (const name of nameOf(feature)) count.set(name, (count.get(name) ?? 0) + 1);
  const names = [...count.keys()]
    .filter((name) => name.length >= SPELLING_MIN_LENGTH)
    .sort((a, b) => count.get(b)! - count.get(a)! || a.localeCompare(b));
  if (names.length > PAIRWISE_LIMIT) return;
  const spelling = new Map<string, string>();
  for (const name of names) {
    const home = names.find(
      (other) => other !== name && !spelling.has(other) && oneEditApart(name, other) && names.indexOf(other) < names.indexOf(name),
    );
    if (home) spelling.set(name, home);
  }
  if (spelling.size === 0) return;
  for (const feature of features) {
    if (feature.place && spelling.has(feature.place)) feature.place = spelling.get(feature.place)!;
    const from = feature.measure?.startsWith("distance_from_") ? feature.measure.slice("distance_from_".length) : null;
    if (from && spelling.has(from)) feature.measure = `distance_from_${spelling.get(from)}`;
  }
}

export function alignFacts(inputs: AlignInput[]): AlignedFact[] {
  const features = inputs.map(featuresOf);
  placeScopes(features);
  unifySpellings(features);
  groupTopics(features);
  const blocks = new Map<string, Features[]>();
  for (const feature of features) {
    const claim = feature.input.claim;
    const block =
      claim.kind === "TEXT"
        ? `TEXT|${claim.factKey}`
        : [
            feature.measure === null ? "weak" : `m:${feature.measure}`,
            feature.family,
            feature.measure === null ? "" : feature.topic,
            feature.scope,
            feature.place ?? "",
            feature.year ?? "",
          ].join("|");
    blocks.set(block, [...(blocks.get(block) ?? []), feature]);
  }
  const clusters: Features[][] = [];
  for (const [block, members] of [...blocks].sort(([a], [b]) => a.localeCompare(b))) {
    const grouped = block.startsWith("weak|") ? clusterWeak(members) : [members];
    for (const cluster of grouped) clusters.push(...splitSentences(cluster));
  }
  // Biggest first, so the main fact keeps the plain key and a split-off part gets the suffix.
  const named = clusters
    .map((cluster) => ({ cluster, ...nameOf(cluster) }))
    .sort(
      (a, b) =>
        a.key.localeCompare(b.key) || b.cluster.length - a.cluster.length || a.cluster[0].input.id.localeCompare(b.cluster[0].input.id),
    );
  const used = new Map<string, number>();
  return named.map(({ cluster, key, label }) => {
    const seen = used.get(key) ?? 0;
    used.set(key, seen + 1);
    const head = cluster[0].input.claim;
    return {
      key: seen === 0 ? key : `${key}_${seen + 1}`,
      label: seen === 0 ? label : `${label} (${seen + 1})`,
      kind: head.kind,
      unit: mostCommonOrNull(cluster.map((member) => member.input.claim.unit)) ?? head.unit,
      scope: cluster[0].scope,
      claimIds: cluster.map((member) => member.input.id),
    };
  });
}
