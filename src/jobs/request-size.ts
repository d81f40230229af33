import express, { type RequestHandler } from "express";
import { Kind, parse } from "graphql";
import { QUERY_LIMITS } from "../security";
import { maxArticleBytes } from "../ingest/load-article";

/** JSON escaping can double a text (quotes, newlines), plus room for the document itself. */
function submitRequestMaxBytes(): number {
  return 2 * maxArticleBytes() + 64 * 1024;
}

type SizedRequest = express.Request & { bodyBytes?: number };

/** True for a document whose every operation is a mutation that only calls submitArticle. */
function onlySubmitsArticles(body: unknown): boolean {
  const query = (body as { query?: unknown } | null)?.query;
  if (typeof query !== "string") return false;
  try {
    const document = parse(query, { maxTokens: QUERY_LIMITS.maxTokens });
    return document.definitions.every(
      (definition) =>
        definition.kind === Kind.OPERATION_DEFINITION &&
        definition.operation === "mutation" &&
        definition.selectionSet.selections.every((selection) => selection.kind === Kind.FIELD && selection.name.value === "submitArticle"),
    );
  } catch {
    return false;
  }
}

/**
 * The request body limit stays QUERY_LIMITS.maxBodyBytes for every operation except submitArticle,
 * which carries a whole article: it may send up to the loader's maxArticleBytes() (then
 * checked as BAD_USER_INPUT, naming the field). body-parser needs one limit, so it gets the larger
 * one and the smaller is enforced here, with the same 413 as before for everything else.
 */
export function graphqlBodyParser(): RequestHandler[] {
  return [
    express.json({
      limit: submitRequestMaxBytes(),
      verify: (req, _res, buffer) => {
        (req as SizedRequest).bodyBytes = buffer.length;
      },
    }),
    (req, _res, next) => {
      const bytes = (req as SizedRequest).bodyBytes ?? 0;
      if (bytes <= QUERY_LIMITS.maxBodyBytes || onlySubmitsArticles(req.body)) return next();
      next(Object.assign(new Error("request entity too large"), { status: 413, type: "entity.too.large" }));
    },
  ];
}
