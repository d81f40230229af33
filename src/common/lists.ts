import { Arg, Int } from "type-graphql";
import { BadUserInputError } from "../errors";

/**
 * Every list of the schema, by "Type.field": how long it may get and how long the query cost
 * model (src/query-cost.ts) assumes it is.
 *
 * - `cap`: the list grows with the data, so it takes `first` (default and maximum: the cap). The
 *   cost model counts `first` when the query gives it, else `assumed`.
 * - no cap: the list is bounded by something else (a story's articles, a handful of reasons), so
 *   it has no argument and the cost model counts `assumed`.
 *
 * The assumed sizes are a little above what real stories hold (measured on the seed story and
 * the five real events of the evaluation set): 22 to 49 facts a story, up to 17 claims a fact (2
 * on average), up to 9 readings a fact, up to 5 claims a reading, up to 22 claims an article, 5
 * articles a story (50 in the tests' copied story), 35 outlets. A connection is counted by its
 * `first` instead, and its `edges` as one.
 */
export const LIST_LIMITS = {
  "Query.stories": { cap: 200, assumed: 20 },
  "Query.outlets": { cap: 500, assumed: 50 },
  "Query.conflicts": { cap: 500, assumed: 20 },
  "Query.reviewQueue": { cap: 500, assumed: 20 },
  "Query.reviewers": { cap: 1000, assumed: 20 },
  "Story.articles": { cap: 200, assumed: 20 },
  "Story.facts": { cap: 500, assumed: 50 },
  "Story.people": { cap: 200, assumed: 20 },
  "Article.claims": { cap: 1000, assumed: 50 },
  "Article.versions": { cap: 50, assumed: 5 },
  "Fact.claims": { cap: 100, assumed: 10 },
  "Fact.readings": { cap: 100, assumed: 5 },
  "Fact.timeline": { cap: 100, assumed: 10 },
  "Fact.verdicts": { cap: 100, assumed: 5 },
  "Reading.claims": { cap: 100, assumed: 5 },
  "Person.variants": { assumed: 5 },
  "Person.articleIds": { assumed: 5 },
  "Suggestion.reasons": { assumed: 3 },
} as const satisfies Record<string, { cap?: number; assumed: number }>;

type ListLimits = typeof LIST_LIMITS;
export type CappedList = { [K in keyof ListLimits]: ListLimits[K] extends { cap: number } ? K : never }[keyof ListLimits];

/** The `first` argument of a capped list: optional, at most the cap, which is also the default. */
export function FirstArg(list: CappedList): ReturnType<typeof Arg> {
  const { cap } = LIST_LIMITS[list];
  return Arg("first", (_type) => Int, {
    defaultValue: cap,
    description: `How many to return: 1 to ${cap}, the default.`,
  });
}

/** Lists longer than this are handed over on a later turn of the event loop (see firstOf). */
export const YIELD_ABOVE = 20;

/**
 * The first `first` items, after checking `first` against the list's cap. graphql-js completes a
 * list and everything under it in one synchronous stretch once its items are known; a long list
 * is returned on a later turn of the event loop instead, so that between the lists of a big
 * response other requests (and /healthz) get their turn rather than waiting for the whole of it.
 */
export async function firstOf<T>(items: readonly T[], first: number, list: CappedList): Promise<T[]> {
  const taken = items.slice(0, checkListFirst(first, list));
  if (taken.length > YIELD_ABOVE) await new Promise((resolve) => setImmediate(resolve));
  return taken;
}

export function checkListFirst(first: number, list: CappedList): number {
  const { cap } = LIST_LIMITS[list];
  if (!Number.isInteger(first) || first < 1 || first > cap) throw new BadUserInputError("first", `first must be between 1 and ${cap}.`);
  return first;
}
