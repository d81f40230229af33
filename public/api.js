// The desk's only way to the server: the public GraphQL API over HTTP (and, in live.js, WebSocket).

const TOKEN_KEY = "crosscheck.token";

export const token = {
  get: () => sessionStorage.getItem(TOKEN_KEY),
  set: (value) => sessionStorage.setItem(TOKEN_KEY, value),
  forget: () => sessionStorage.removeItem(TOKEN_KEY),
};

export async function gql(query, variables = {}) {
  const headers = { "content-type": "application/json" };
  const bearer = token.get();
  if (bearer) headers.authorization = `Bearer ${bearer}`;
  try {
    const res = await fetch("/graphql", { method: "POST", headers, body: JSON.stringify({ query, variables }) });
    return await res.json();
  } catch {
    return { errors: [{ message: "The server could not be reached.", extensions: { code: "NETWORK" } }] };
  }
}

const rejected = (errors) => !!errors && errors.some((e) => e.extensions && e.extensions.code === "GRAPHQL_VALIDATION_FAILED");

/**
 * What this server's schema offers beyond the base contract, so that one page works before and
 * after the schema grows. Introspection answers in one request; production servers turn it off,
 * and then each part is probed with a query that only validates when its fields exist (asking for
 * id "0", which no row has, so it reads nothing). A server without a field answers
 * GRAPHQL_VALIDATION_FAILED and the desk leaves that part out.
 */
const TYPES = `{ query: __type(name: "Query") { fields { name } } mutation: __type(name: "Mutation") { fields { name } }
  subscription: __type(name: "Subscription") { fields { name } } fact: __type(name: "Fact") { fields { name } }
  article: __type(name: "Article") { fields { name } } quote: __type(name: "Quote") { fields { name } } }`;

const NEEDS = {
  divergence: { fact: ["divergence", "divergenceNote", "needsReview", "latest", "suggestion", "timeline"] },
  reviewQueue: { query: ["reviewQueue"] },
  versions: { article: ["versions"] },
  quoteField: { quote: ["field"] },
  ingest: { query: ["ingestJob"], mutation: ["submitArticle"] },
  live: { subscription: ["factChanged", "articleAdded"] },
};

const PROBES = {
  divergence: `{ fact(id: "0") { divergence divergenceNote needsReview latest { label } suggestion { reasons } timeline { at } } }`,
  reviewQueue: `{ reviewQueue(storySlug: "") { id } }`,
  versions: `{ article(id: "0") { versions { id } } }`,
  quoteField: `{ article(id: "0") { claims { quote { field } } } }`,
  ingest: `{ ingestJob(id: "0") { id state error article { id } } }`,
};

export async function probeFeatures() {
  const { data, errors } = await gql(TYPES);
  if (data && !errors) {
    const has = (type, field) => !!data[type] && data[type].fields.some((f) => f.name === field);
    return Object.fromEntries(
      Object.entries(NEEDS).map(([name, needs]) => [
        name,
        Object.entries(needs).every(([type, fields]) => fields.every((field) => has(type, field))),
      ]),
    );
  }
  const names = Object.keys(PROBES);
  const answers = await Promise.all(names.map((name) => gql(PROBES[name])));
  const reachable = !answers.some((a) => a.errors && a.errors.some((e) => e.extensions && e.extensions.code === "NETWORK"));
  // Subscriptions cannot be probed over HTTP: try them when the rest of the newer schema is there.
  const found = Object.fromEntries(names.map((name, i) => [name, reachable && !rejected(answers[i].errors)]));
  return { ...found, live: found.ingest };
}
