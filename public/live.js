// Live updates over graphql-ws (the GraphQL over WebSocket protocol) on the API's own /graphql.
// The client library is served from the server itself (CSP 'self'); a server without it, or
// without subscriptions, leaves the desk working as before, only not live.
import { token } from "./api.js";

const CLIENT = "./vendor/graphql-ws/client.js";
const FACT_CHANGED = `subscription($slug: String!) { factChanged(storySlug: $slug) {
  id version agreement currentVerdict { id createdAt reviewer { id name } trustedClaim { id text } } } }`;
const ARTICLE_ADDED = `subscription($slug: String!) { articleAdded(storySlug: $slug) {
  id headline origin { name } host { name } } }`;

export function connectLive(storySlug, { features, onFact, onArticle, onState }) {
  let client = null,
    closed = false;
  const stops = [];
  if (!features.live) {
    onState("offline");
    return { close() {} };
  }
  onState("connecting");
  import(CLIENT).then(
    ({ createClient }) => {
      if (closed) return;
      client = createClient({
        url: `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/graphql`,
        lazy: false,
        retryAttempts: 20,
        shouldRetry: () => true,
        connectionParams: () => (token.get() ? { authorization: `Bearer ${token.get()}` } : {}),
        on: {
          connected: () => onState("live"),
          closed: () => {
            if (!closed) onState("offline");
          },
        },
        onNonLazyError: () => onState("offline"),
      });
      const subscribe = (query, pick, handle) =>
        stops.push(
          client.subscribe(
            { query, variables: { slug: storySlug } },
            {
              next: ({ data }) => {
                if (data && data[pick]) handle(data[pick]);
              },
              error: () => onState("offline"),
              complete: () => undefined,
            },
          ),
        );
      subscribe(FACT_CHANGED, "factChanged", onFact);
      subscribe(ARTICLE_ADDED, "articleAdded", onArticle);
    },
    () => onState("offline"),
  );
  return {
    close() {
      closed = true;
      for (const stop of stops) stop();
      if (client) client.dispose();
    },
  };
}
