import type { ApolloServerPlugin } from "@apollo/server";
import { ApolloArmor } from "@escape.tech/graphql-armor";
import { GraphQLError, Kind, visit, type DocumentNode, type GraphQLSchema, type ValidationRule } from "graphql";
import type { Config } from "./config";
import { queryCost } from "./query-cost";
import type { Context } from "./context";
import { BadUserInputError } from "./errors";

/**
 * Limits on what one GraphQL document may ask for (OWASP GraphQL cheat sheet). Depth, aliases,
 * directives and tokens are graphql-armor's; the cost is src/query-cost.ts's schema-aware model,
 * where every list counts as its `first` or its assumed size (src/common/lists.ts). They are sized
 * from our own queries (test/api/bounded-reads.test.ts prints their costs): the desk's story list
 * costs about 8,100, its fact page about 1,400, the editorial drill-down `story { facts { readings
 * { claims { article { origin { name } } } } } } }` about 5,300, a full page of claims
 * (`claimsConnection(first: 100)` with quotes and articles) about 3,000, and every story with its
 * articles and facts about 25,900. 50,000 leaves room for new fields, while a page nested in a page
 * (100 x 100 rows) or fifteen aliases of a story's facts with their claims and readings (94,500)
 * are refused before they run.
 */
export const QUERY_LIMITS = {
  /** Nesting of fields, the leaf included; introspection is exempt from depth and cost. */
  maxDepth: 10,
  /** src/query-cost.ts: a field costs 1 plus its selection, times the items a list stands for. */
  maxCost: 50_000,
  maxAliases: 15,
  maxDirectives: 10,
  /** Lexical tokens in the document; graphql-js's introspection query has 163. */
  maxTokens: 1000,
  /** express.json body limit: a 5,000-character rationale in UTF-8 fits many times over. */
  maxBodyBytes: 100 * 1024,
} as const;

/**
 * Characters no editorial text needs and that do harm: NUL and other C0 controls (Postgres rejects
 * NUL in text, which would surface as an internal error), lone UTF-16 surrogates (silently turned
 * into U+FFFD on the way to UTF-8, so what is stored is not what was sent), and the bidirectional
 * embedding, override and isolate controls that make a rationale read differently from what it
 * holds ("Trojan Source"). Tab, newline and carriage return are fine; so are the RLM/LRM marks.
 */
const UNSAFE_TEXT =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function unsafeTextReason(text: string): string | null {
  const match = UNSAFE_TEXT.exec(text);
  if (!match) return null;
  const code = match[0].charCodeAt(0);
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
  if (code >= 0xd800 && code <= 0xdfff) return `holds a lone UTF-16 surrogate (${hex}) at offset ${match.index}`;
  if (code >= 0x202a) return `holds a bidirectional control character (${hex}) at offset ${match.index}`;
  return `holds a control character (${hex}) at offset ${match.index}`;
}

/** No argument of the schema nests this deep; deeper variables are refused before anything walks them. */
export const MAX_VARIABLE_DEPTH = 32;

/** The first unsafe string among the variables, with its path, e.g. "input.rationale". */
function unsafeVariable(value: unknown, path: string, depth = 0): { field: string; reason: string } | null {
  if (depth > MAX_VARIABLE_DEPTH && value !== null && typeof value === "object") {
    return { field: path.split(".")[0] || "variables", reason: `nests deeper than ${MAX_VARIABLE_DEPTH} levels` };
  }
  if (typeof value === "string") {
    const reason = unsafeTextReason(value);
    return reason ? { field: path, reason } : null;
  }
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = unsafeVariable(item, `${path}.${i}`, depth + 1);
      if (found) return found;
    }
  } else if (value !== null && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      const found = unsafeVariable(item, path ? `${path}.${key}` : key, depth + 1);
      if (found) return found;
    }
  }
  return null;
}

/** Apollo reuses the parsed document of a repeated query, so its literals are checked once. */
const literalVerdicts = new WeakMap<DocumentNode, string | null>();

function unsafeLiteral(document: DocumentNode): string | null {
  const known = literalVerdicts.get(document);
  if (known !== undefined) return known;
  let reason: string | null = null;
  visit(document, {
    [Kind.STRING]: (node) => {
      reason ??= unsafeTextReason(node.value);
    },
  });
  literalVerdicts.set(document, reason);
  return reason;
}

/**
 * Rejects a request whose strings (variables or literals) hold unsafe characters before any
 * resolver runs: BAD_USER_INPUT naming the variable, and nothing reaches the database.
 */
export const textHygienePlugin: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ request, document }) {
        const variable = unsafeVariable(request.variables ?? {}, "");
        if (variable) throw badText(variable.field, `${variable.field} ${variable.reason}.`);
        const literal = unsafeLiteral(document);
        if (literal) throw badText("query", `A string in the query ${literal}.`);
      },
    };
  },
};

function badText(field: string, message: string): BadUserInputError {
  const error = new BadUserInputError(field, message);
  error.extensions.http = { status: 400 };
  return error;
}

export interface QueryProtection {
  plugins: ApolloServerPlugin<Context>[];
  validationRules: ValidationRule[];
  /** graphql-js stops lexing past this many tokens, before any work is spent on a parse tree. */
  parseOptions: { maxTokens: number };
}

/**
 * graphql-armor's validation rules plug into Apollo's validation step, so a rejected document gets
 * GRAPHQL_VALIDATION_FAILED, a 400, and never reaches a resolver (no SQL runs). The token limit is
 * graphql-js's own `maxTokens` parse option rather than armor's parser plugin: armor throws from
 * parsingDidStart, which Apollo treats as an unexpected failure (a 500); graphql-js reports a
 * syntax error (GRAPHQL_PARSE_FAILED, 400).
 */
export function queryProtection(config: Pick<Config, "production">): QueryProtection {
  // In production the limits and suggestions stay private: an attacker learns only "rejected".
  const exposeLimits = !config.production;
  const armor = new ApolloArmor({
    maxDepth: { n: QUERY_LIMITS.maxDepth, ignoreIntrospection: true, flattenFragments: true, exposeLimits },
    // The cost is ours (costPlugin below): armor's cost rule cannot tell a list from an object.
    costLimit: { enabled: false },
    maxAliases: { n: QUERY_LIMITS.maxAliases, exposeLimits },
    maxDirectives: { n: QUERY_LIMITS.maxDirectives, exposeLimits },
    maxTokens: { enabled: false },
    // "Did you mean …?" maps the schema for someone without introspection; keep it for developers.
    blockFieldSuggestion: { enabled: config.production },
  }).protect();
  return {
    plugins: [textHygienePlugin, costPlugin(config), ...(armor.plugins as ApolloServerPlugin<Context>[])],
    validationRules: armor.validationRules as ValidationRule[],
    parseOptions: { maxTokens: QUERY_LIMITS.maxTokens },
  };
}

/**
 * The query cost limit as a refusal: GRAPHQL_VALIDATION_FAILED and a 400, as for the other
 * limits, with the numbers outside production. Null when the operation is within the limit.
 */
export function costRefusal(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  operationName: string | null | undefined,
  production: boolean,
): GraphQLError | null {
  const cost = queryCost(schema, document, variables, operationName);
  if (cost <= QUERY_LIMITS.maxCost) return null;
  const shown = Number.isFinite(cost) ? Math.round(cost).toLocaleString("en") : "unbounded";
  const message = production
    ? "Limit exceeded: the query is too costly."
    : `Limit exceeded: the query's estimated cost is ${shown}, over the limit of ${QUERY_LIMITS.maxCost.toLocaleString("en")}. Lists count as their \`first\` or an assumed size: ask for fewer fields, smaller \`first\` or fewer aliases.`;
  return new GraphQLError(message, { extensions: { code: "GRAPHQL_VALIDATION_FAILED", http: { status: 400 } } });
}

/**
 * Runs the cost model once the operation is known, before any resolver: it needs the variables
 * (a `first` sent as a variable counts too), which a validation rule never sees, and Apollo caches
 * validation per document.
 */
function costPlugin(config: Pick<Config, "production">): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, request, operationName }) {
          const refusal = costRefusal(schema, document, request.variables, operationName, config.production);
          if (refusal) throw refusal;
        },
      };
    },
  };
}
