import { getNullableType, isListType, validate, type DocumentNode, type GraphQLSchema } from "graphql";
import { createComplexityRule, type ComplexityEstimatorArgs } from "graphql-query-complexity";
import { LIST_LIMITS } from "./common/lists";

/** A list the schema gained without an entry in LIST_LIMITS still counts as this many items. */
export const UNLISTED_LIST_SIZE = 20;

/**
 * How many items the cost model counts for a field: the `first` a query gives for a capped list,
 * else the list's assumed size; a connection's page size (its `first`, 20 unless given) for the
 * whole page, and its `edges` as one; one for everything else.
 */
export function countedItems({ type, field, node, args }: Pick<ComplexityEstimatorArgs, "type" | "field" | "node" | "args">): number {
  const first = typeof args.first === "number" ? Math.max(1, args.first) : null;
  const limits = (LIST_LIMITS as Record<string, { assumed: number } | undefined>)[`${type.name}.${field.name}`];
  if (limits) {
    const given = node.arguments?.some((argument) => argument.name.value === "first") ?? false;
    return given && first !== null ? first : limits.assumed;
  }
  if (isListType(getNullableType(field.type))) return type.name.endsWith("Connection") && field.name === "edges" ? 1 : UNLISTED_LIST_SIZE;
  return first ?? 1;
}

/**
 * A field costs one, plus what it selects, times the items it stands for. graphql-armor's cost
 * rule reads neither the schema nor variables, so a list without `first` counted as one item
 * however long it was; this model knows which fields are lists and sees `first` in variables too.
 * Introspection is free, as before: depth and token limits bound it.
 */
function estimate(options: ComplexityEstimatorArgs): number {
  if (options.field.name.startsWith("__")) return 0;
  return countedItems(options) * (1 + options.childComplexity);
}

/**
 * The cost of the operation a request runs. Variables that do not coerce make the operation count
 * zero here; execution then refuses it before any resolver runs. A document whose fragments expand
 * past the rule's node limit (10,000 selections) costs more than any limit.
 */
export function queryCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  operationName?: string | null,
): number {
  // Apollo parses a query text once and hands back the same document after, so a document's cost
  // per schema, operation and variables is worked out once: most requests are the same few queries.
  const key = `${operationName ?? ""}\n${JSON.stringify(variables ?? {})}`;
  let known = costs.get(schema)?.get(document);
  const cached = known?.get(key);
  if (cached !== undefined) return cached;
  const cost = computeCost(schema, document, variables, operationName);
  if (key.length <= MAX_CACHED_KEY) {
    let bySchema = costs.get(schema);
    if (!bySchema) costs.set(schema, (bySchema = new WeakMap()));
    if (!known) bySchema.set(document, (known = new Map()));
    if (known.size >= MAX_CACHED_PER_DOCUMENT) known.delete(known.keys().next().value!);
    known.set(key, cost);
  }
  return cost;
}

const costs = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, Map<string, number>>>();
/** Variables past this length (as JSON) are not worth a cache entry; their cost is worked out each time. */
const MAX_CACHED_KEY = 2000;
/** Different variables for one document: the oldest entry goes first. */
const MAX_CACHED_PER_DOCUMENT = 50;

function computeCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  operationName?: string | null,
): number {
  let cost = 0;
  const rule = createComplexityRule({
    maximumComplexity: Number.POSITIVE_INFINITY,
    estimators: [estimate],
    variables: variables ?? {},
    ...(operationName ? { operationName } : {}),
    onComplete: (complexity: number) => {
      cost = Math.max(cost, complexity);
    },
  });
  try {
    validate(schema, document, [rule]);
  } catch {
    return Number.POSITIVE_INFINITY;
  }
  return cost;
}
