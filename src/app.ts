import { ApolloServer } from "@apollo/server";
import { unwrapResolverError } from "@apollo/server/errors";
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { ApolloServerPluginLandingPageLocalDefault } from "@apollo/server/plugin/landingPage/default";
import { expressMiddleware } from "@as-integrations/express5";
import cors from "cors";
import express, { type Express } from "express";
import { GraphQLError, type GraphQLFormattedError } from "graphql";
import path from "node:path";
import { PROJECT_ROOT, type Config } from "./config";
import { createContext, type Context } from "./context";
import type { Database } from "./db";
import { graphqlBodyParser } from "./jobs/request-size";
import { mutationsOnPrimary } from "./replicas";
import { crosscheckSchema } from "./schema";
import { logInternalError, metricsRegistry, observabilityPlugin, registerLoaderGauges, requestLogger } from "./observability";
import { createRateLimiter, rateLimitPlugin } from "./rate-limit";
import { createHealth } from "./health";
import { requestBudgetPlugin, withDeadline } from "./request-budget";
import { QUERY_LIMITS, queryProtection } from "./security";

/** Codes a client may see as they are; anything else is an internal failure and is masked. */
const PUBLIC_CODES = new Set([
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "NOT_FOUND",
  "BAD_USER_INPUT",
  "CONFLICT",
  "RATE_LIMITED",
  "RESPONSE_TOO_LARGE",
  "REQUEST_TIMEOUT",
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_REQUEST",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
  "OPERATION_RESOLUTION_FAILURE",
]);

/**
 * In production the messages keep nothing that maps the schema: graphql-js's "Did you mean …?"
 * (enum values in variables and literals) goes. Everywhere, a refused document names the limit it
 * broke instead of calling it a syntax error.
 */
function clientMessage(message: string, code: unknown, production: boolean): string {
  let text = message;
  // graphql-armor hides which limit it was in production (exposeLimits: false) and says only this.
  if (code === "GRAPHQL_VALIDATION_FAILED" && text === "Syntax Error: Query validation error.") {
    return "Limit exceeded: the query is too deep or too costly, or has too many aliases or directives.";
  }
  if ((code === "GRAPHQL_VALIDATION_FAILED" || code === "GRAPHQL_PARSE_FAILED") && /limit|more th[ae]n \d+ tokens/i.test(text)) {
    text = text.replace(/^Syntax Error:\s*/, "Limit exceeded: ").replace(/^(?!Limit exceeded)/, "Limit exceeded: ");
  }
  if (production) text = text.replace(/\s*Did you mean [^?]*\?/g, "");
  return text;
}

export function formatError(formatted: GraphQLFormattedError, error: unknown, production = false): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const code = formatted.extensions?.code;
  if (typeof code === "string" && PUBLIC_CODES.has(code) && (original instanceof GraphQLError || !(original instanceof Error))) {
    // Apollo adds a stacktrace in development; the contract promises none.
    const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, message: clientMessage(formatted.message, code, production), extensions };
  }
  // No SQL, no stack, no driver message: the client learns only that it was our fault; the log gets the cause.
  logInternalError(original, formatted.path);
  return { message: "Internal server error", path: formatted.path, extensions: { code: "INTERNAL_SERVER_ERROR" } };
}

export interface CrosscheckApp {
  app: Express;
  apollo: ApolloServer<Context>;
  stop(): Promise<void>;
}

/** Builds the express app without listening, so tests can drive it through supertest. */
export async function createApp(prisma: Database, config: Config): Promise<CrosscheckApp> {
  const protection = queryProtection(config);
  const rateLimiter = createRateLimiter(config.rateLimits, config.databaseUrl);
  const apollo = new ApolloServer<Context>({
    schema: await crosscheckSchema(),
    introspection: !config.production,
    includeStacktraceInErrorResponses: false,
    formatError: (formatted, error) => formatError(formatted, error, config.production),
    allowBatchedHttpRequests: false,
    validationRules: protection.validationRules,
    parseOptions: protection.parseOptions,
    // main.ts owns the signals: it closes HTTP first, then Apollo, Prisma and Postgres, in order.
    stopOnTerminationSignals: false,
    plugins: [
      // No field carries a cache hint and no response is cached; the default cache-control plugin
      // would still wrap every field resolver to collect hints (about 5 % of a request's CPU).
      ApolloServerPluginCacheControlDisabled(),
      config.production ? ApolloServerPluginLandingPageDisabled() : ApolloServerPluginLandingPageLocalDefault({ embed: true }),
      ...protection.plugins,
      requestBudgetPlugin(config),
      rateLimitPlugin(),
      ...(config.replicaUrls.length ? [mutationsOnPrimary] : []),
      observabilityPlugin(),
    ],
  });
  await apollo.start();

  const app = express();
  app.disable("x-powered-by");
  // res.send would hash every GraphQL answer for an ETag no client revalidates (they are POSTs);
  // the static files keep theirs (serve-static sets its own).
  app.set("etag", false);
  if (config.trustProxy) app.set("trust proxy", /^\d+$/.test(config.trustProxy) ? Number(config.trustProxy) : config.trustProxy);
  app.use(requestLogger());

  // Prometheus scrape: request durations, errors by code, pool use, loader counts. With
  // METRICS_TOKEN set it needs "Authorization: Bearer <METRICS_TOKEN>".
  registerLoaderGauges(prisma);
  app.get("/metrics", async (req, res) => {
    if (config.metricsToken && req.headers.authorization !== `Bearer ${config.metricsToken}`) {
      res.status(401).json({ error: "Send Authorization: Bearer <METRICS_TOKEN>." });
      return;
    }
    res.setHeader("Content-Type", metricsRegistry.contentType);
    res.send(await metricsRegistry.metrics());
  });

  // Liveness and readiness on a database connection of their own, never queued behind busy reads.
  const health = createHealth(prisma, config);
  app.get("/healthz", health.healthz);
  app.get("/readyz", health.readyz);

  // The editorial desk (public/): a static page that uses nothing but the public GraphQL API.
  // The page has no inline script or style, so a strict policy costs nothing and backs up its
  // textContent-only rendering of untrusted article text.
  const deskPolicy = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
  app.use(
    express.static(path.join(PROJECT_ROOT, "public"), {
      index: "index.html",
      maxAge: config.production ? "1h" : 0,
      setHeaders: (res) => {
        res.setHeader("Content-Security-Policy", deskPolicy);
        res.setHeader("X-Content-Type-Options", "nosniff");
      },
    }),
  );

  // graphql-ws's browser client (an ES module) for the desk's live updates, from our own origin.
  const liveClient = browserModuleDir("graphql-ws/client");
  if (liveClient) app.use("/vendor/graphql-ws", express.static(liveClient, { maxAge: config.production ? "1h" : 0 }));

  app.use(
    "/graphql",
    cors<cors.CorsRequest>({ origin: config.corsOrigins, credentials: false, maxAge: 600 }),
    ...graphqlBodyParser(),
    // Production: an anonymous request may use persisted queries but not register one (a query
    // sent with its hash runs as an ordinary query and is not stored).
    (req: express.Request, _res: express.Response, next: express.NextFunction) => {
      const body = req.body as { query?: unknown; extensions?: { persistedQuery?: unknown } } | undefined;
      if (config.production && !req.headers.authorization && body?.query !== undefined && body.extensions?.persistedQuery) {
        delete body.extensions.persistedQuery;
      }
      next();
    },
    withDeadline(
      expressMiddleware(apollo, { context: async ({ req }) => createContext(prisma, req, { production: config.production, rateLimiter }) }),
      config,
    ),
  );

  // body-parser's failures (413 too large, 400 malformed JSON) answer in GraphQL's error shape, not HTML.
  app.use(
    "/graphql",
    (error: { status?: number; type?: string }, _req: express.Request, res: express.Response, next: express.NextFunction) => {
      if (typeof error?.status !== "number" || error.status < 400 || error.status >= 500) return next(error);
      const message =
        error.type === "entity.too.large"
          ? `The request body is larger than ${QUERY_LIMITS.maxBodyBytes} bytes.`
          : "The request body is not valid JSON.";
      res.status(error.status).json({ errors: [{ message, extensions: { code: "BAD_REQUEST" } }] });
    },
  );

  return {
    app,
    apollo,
    stop: async () => {
      await apollo.stop();
      await rateLimiter.close();
      await health.stop();
    },
  };
}

/** The folder of an installed package's entry point, or null when the package is not installed. */
function browserModuleDir(specifier: string): string | null {
  try {
    return path.dirname(require.resolve(specifier));
  } catch {
    return null;
  }
}
