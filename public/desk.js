// The editorial desk: plain DOM on the public GraphQL API, no build step. It opens on the first
// fact that needs a decision, so the first screen already holds the readings, their quotes and the
// verdict form. Parts that need newer server fields (divergence, review queue, live updates,
// adding articles) switch themselves on when the server has them: see probeFeatures() in api.js.
import { gql, probeFeatures, token } from "./api.js";
import { $, el, outletName, plural, when, words } from "./dom.js";
import { connectLive } from "./live.js";
import { setupReport } from "./report.js";
import { renderTimeline } from "./timeline.js";

const OUTLETS = "outlets { name kind trust { upheld overruled score } }";
const FIELDS = { rationale: "rationale", trustedClaimId: "trusted claim", factId: "fact", expectedVersion: "fact version" };
const FILTERS = {
  review: { label: "Needs review", empty: "No fact needs a decision." },
  conflicts: { label: "Conflicts", empty: "No conflicts in this story." },
  all: { label: "All", empty: "No facts yet." },
};

let features = {};
let me = null;
let story = null;
let facts = []; // the story's facts, in the server's order
let queue = null; // ids of Query.reviewQueue, in its order (null on servers without it)
let fact = null; // the open fact
let filter = "review";
let draftClaimId = null; // the claim the editor chose by hand, kept across live refreshes
let openSeq = 0; // only the newest openFact() may render
let recording = false; // this page is recording a verdict
let live = null;
const changed = new Set(); // fact ids whose figures changed since the page loaded them

function say(text) {
  $("status").textContent = text;
}
function fail(errors) {
  say(`Could not load: ${errors[0].message}`);
}

// ---- queries, built for what this server offers ----
function listQuery() {
  const extra = features.divergence ? "divergence divergenceNote needsReview latest { label }" : "";
  return `query($slug: String!) {
    story(slug: $slug) { slug title facts { id key label kind unit agreement version ${extra}
      currentVerdict { id reviewer { name } }
      readings { label lower upper claims { id article { origin { name } } } } } }
    ${features.reviewQueue ? "reviewQueue(storySlug: $slug) { id }" : ""}
  }`;
}

function factQuery() {
  const extra = features.divergence
    ? "divergence divergenceNote needsReview latest { label } suggestion { reasons reading { label } } timeline { at claim { id } }"
    : "";
  return `query($id: ID!) {
    fact(id: $id) {
      id key label kind unit agreement version ${extra}
      currentVerdict { id createdAt reviewer { id name } trustedClaim { id } }
      readings { label lower upper independentSources claims { id rank hedge text value lower upper attribution
        quote { exact prefix suffix start end ${features.quoteField ? "field" : ""} }
        article { id headline publishedAt body origin { name slug } host { name } ${features.versions ? "versions { id }" : ""} } } }
      verdicts { id rationale createdAt retracted reviewer { name } trustedClaim { id text } }
    }
    ${OUTLETS}
  }`;
}

// ---- stories and the fact list ----
async function loadStories() {
  const { data, errors } = await gql(`{ stories { slug title } ${OUTLETS} }`);
  if (errors) return fail(errors);
  renderOutlets(data.outlets);
  const select = $("story");
  for (const s of data.stories) select.append(el("option", { value: s.slug, textContent: s.title }));
  const wanted = new URLSearchParams(location.hash.slice(1));
  if (wanted.get("story")) select.value = wanted.get("story");
  if (FILTERS[wanted.get("filter")]) filter = wanted.get("filter");
  if (select.value) await loadStory(select.value, wanted.get("fact"));
  else say("No stories yet.");
}

async function loadStory(slug, factId) {
  fact = null;
  draftClaimId = null;
  changed.clear();
  const ok = await loadFactList(slug);
  if (!ok) return;
  startLive();
  const open = factId || firstToDecide();
  const conflicts = facts.filter((f) => f.agreement === "CONFLICT").length;
  say(`${story.title}: ${plural(facts.length, "fact")}, ${conflicts} in conflict, ${needsDecision().length} to decide.`);
  if (open) await openFact(open, false);
  else showNoFact();
}

/** The facts waiting for an editor: the server's review queue, or undecided conflicts where it has none. */
function needsDecision() {
  if (queue) return queue.map((id) => facts.find((f) => f.id === id)).filter(Boolean);
  return facts.filter((f) => f.agreement === "CONFLICT" && !f.currentVerdict);
}

function firstToDecide() {
  const first = needsDecision()[0];
  return first && first.id;
}

async function loadFactList(slug = story.slug) {
  const { data, errors } = await gql(listQuery(), { slug });
  if (errors) {
    fail(errors);
    return false;
  }
  if (!data.story) {
    say("That story no longer exists.");
    return false;
  }
  const before = new Map(facts.map((f) => [f.id, figures(f)]));
  story = { slug: data.story.slug, title: data.story.title };
  facts = data.story.facts;
  queue = data.reviewQueue ? data.reviewQueue.map((f) => f.id) : null;
  if (before.size) for (const f of facts) if (before.get(f.id) !== figures(f)) changed.add(f.id);
  if (filter === "review" && !needsDecision().length) filter = "all";
  renderFacts();
  return true;
}

function shownFacts() {
  if (filter === "review") return needsDecision();
  if (filter === "conflicts") return facts.filter((f) => f.agreement === "CONFLICT");
  return facts;
}

/** "killed" reads better than "people" after "19 · 24" when the label says what happened to them. */
function unitWord(f) {
  if (f.kind === "DATE" || f.kind === "TEXT" || !f.unit) return "";
  const participle = /^people (\w+ed)\b/i.exec(f.label);
  return f.unit === "people" && participle ? participle[1].toLowerCase() : f.unit;
}

/** "19 · 24 killed", "27 · almost 30 years": numeric readings from low to high, as figures are read. */
function figures(f) {
  const unit = unitWord(f);
  const readings =
    f.kind === "TEXT" ? f.readings : [...f.readings].sort((a, b) => (a.lower ?? 0) - (b.lower ?? 0) || (a.upper ?? 0) - (b.upper ?? 0));
  return `${readings.map((r) => r.label).join(" · ")}${unit ? ` ${unit}` : ""}`;
}

/** Outlets whose reports fall into more than one reading: the ones that changed their figure. */
function revisers(f) {
  const seen = new Map();
  for (const r of f.readings)
    for (const name of new Set(r.claims.map((c) => c.article.origin.name))) seen.set(name, (seen.get(name) || 0) + 1);
  return [...seen].filter(([, n]) => n > 1).map(([name]) => name);
}

/** A few words on why the readings differ, for the list; the fact panel shows the server's full note. */
function divergencePhrase(f) {
  switch (f.divergence) {
    case "REVISION": {
      const who = revisers(f);
      return who.length ? `revised by ${who.join(" and ")}` : "revised";
    }
    case "UPDATE": {
      const noun = /\b(killed|dead|died|deaths?)\b/i.test(f.label) ? "toll" : "figure";
      const latest = f.latest && f.readings.find((r) => r.label === f.latest.label);
      const others = f.readings.filter((r) => r !== latest);
      if (!latest || !others.length) return `${noun} updated`;
      const rose = others.every((r) => figureOf(r) < figureOf(latest));
      const fell = others.every((r) => figureOf(r) > figureOf(latest));
      return rose ? `${noun} rose` : fell ? `${noun} fell` : `${noun} updated`;
    }
    case "DISAGREEMENT":
      return "sources disagree";
    case "SCOPE":
      return "different scopes";
    case "DEFINITION":
      return "counted differently";
    default:
      return null;
  }
}

function figureOf(reading) {
  const ends = [reading.lower, reading.upper].filter((v) => v != null && Number.isFinite(v));
  return ends.length ? ends.reduce((a, b) => a + b) / ends.length : 0;
}

function badge(agreement) {
  return el("span", { class: `badge ${agreement.toLowerCase()}`, textContent: agreement.replace("_", " ") });
}

function renderFilters() {
  const counts = { review: needsDecision().length, conflicts: facts.filter((f) => f.agreement === "CONFLICT").length, all: facts.length };
  $("filters").replaceChildren(
    el("legend", { textContent: "Show" }),
    ...Object.entries(FILTERS).map(([name, { label }]) =>
      el(
        "label",
        { class: "filter" },
        el("input", { type: "radio", name: "filter", value: name, checked: filter === name }),
        ` ${label} `,
        el("span", { class: "count", textContent: `(${counts[name]})` }),
      ),
    ),
  );
}

function renderFacts() {
  renderFilters();
  const shown = shownFacts();
  // A re-render (a fact opened, a live update) must not take the keyboard focus from the list.
  const focusedId = document.activeElement?.closest?.("#facts button")?.dataset.factId;
  $("facts").replaceChildren(
    ...(shown.length
      ? shown.map((f) =>
          el(
            "li",
            {},
            el(
              "button",
              {
                type: "button",
                class: `fact${changed.has(f.id) ? " fresh" : ""}`,
                "data-fact-key": f.key,
                "data-fact-id": f.id,
                "aria-current": fact && fact.id === f.id ? "true" : "false",
                on: () => openFact(f.id, true),
              },
              el(
                "span",
                { class: "tags" },
                badge(f.agreement),
                f.needsReview ? el("span", { class: "badge review", textContent: "needs review" }) : null,
                changed.has(f.id) ? el("span", { class: "badge fresh", textContent: "new figures" }) : null,
              ),
              el("span", { class: "label", textContent: f.label }),
              el("span", { class: "figures", textContent: figures(f) }),
              divergencePhrase(f) ? el("span", { class: "why", textContent: divergencePhrase(f) }) : null,
              f.currentVerdict ? el("span", { class: "decided", textContent: `decided by ${f.currentVerdict.reviewer.name}` }) : null,
            ),
          ),
        )
      : [el("li", { class: "hint", textContent: FILTERS[filter].empty })]),
  );
  if (focusedId)
    $("facts")
      .querySelector(`button[data-fact-id="${CSS.escape(focusedId)}"]`)
      ?.focus();
}

function showNoFact() {
  $("fact-h").textContent = "Nothing waits for a decision";
  $("fact-hint").textContent = "Every conflict has a verdict. Pick any fact in the list to review it.";
  for (const id of ["verdict", "fact-notes", "versions"]) $(id).hidden = true;
  renderTimeline($("timeline"), null);
}

// ---- one fact ----
async function openFact(id, focus) {
  const seq = ++openSeq;
  if (!fact || fact.id !== id) {
    draftClaimId = null;
    $("fact-live").replaceChildren();
  }
  say("Loading the fact…");
  const { data, errors } = await gql(factQuery(), { id });
  if (seq !== openSeq) return;
  if (errors) return fail(errors);
  if (!data.fact) return say("That fact no longer exists.");
  fact = data.fact;
  changed.delete(fact.id);
  history.replaceState(null, "", `#story=${encodeURIComponent(story.slug)}&fact=${fact.id}&filter=${filter}`);
  renderFact();
  renderOutlets(data.outlets);
  renderFacts();
  const claims = fact.readings.reduce((n, r) => n + r.claims.length, 0);
  say(`${fact.label}: ${plural(fact.readings.length, "reading")} from ${plural(claims, "claim")}.`);
  if (focus) $("fact-h").focus();
}

function allClaims(f) {
  return f.readings.flatMap((r) => r.claims);
}
function readingOf(f, claimId) {
  return f.readings.find((r) => r.claims.some((c) => c.id === claimId));
}

// The sentence around a quote: cut after . ! ? and a space, or at a line break, but not after
// an initial such as the "S." of "U.S.".
const END = /[.!?]["”’)]*(?=\s|$)|\n/g;
function sentenceEnds(text, offset) {
  const ends = [];
  for (const m of text.matchAll(END))
    if (m[0] === "\n" || !/(^|[^A-Za-z])[A-Z]$/.test(text.slice(Math.max(0, m.index - 2), m.index)))
      ends.push(offset + m.index + m[0].length);
  return ends;
}
function sentence(body, start, end) {
  const from = Math.max(0, start - 400),
    before = sentenceEnds(body.slice(from, start), from).pop() ?? from;
  const after = sentenceEnds(body.slice(end, end + 400), end)[0] ?? Math.min(body.length, end + 400);
  return [body.slice(before, start).trimStart(), body.slice(start, end), body.slice(end, after)];
}

function inHeadline(claim) {
  return claim.quote.field === "HEADLINE";
}

function quoteNode(claim) {
  const q = claim.quote,
    text = inHeadline(claim) ? claim.article.headline : claim.article.body;
  if (text.slice(q.start, q.end) !== q.exact)
    return el("blockquote", { class: "quote" }, `…${q.prefix}`, el("mark", { textContent: q.exact }), `${q.suffix}…`);
  if (inHeadline(claim)) {
    return el(
      "blockquote",
      { class: "quote headline" },
      el("span", { class: "where", textContent: "Headline: " }),
      text.slice(0, q.start),
      el("mark", { textContent: q.exact }),
      text.slice(q.end),
    );
  }
  const [before, exact, after] = sentence(text, q.start, q.end);
  return el("blockquote", { class: "quote" }, before, el("mark", { textContent: exact }), after);
}

function rankNode(rank) {
  return el("span", { class: `rank ${rank.toLowerCase()}`, textContent: rank });
}

function hedgeText(claim) {
  return `${when(claim.article.publishedAt)} · hedge: ${words(claim.hedge)}${claim.attribution ? `, according to ${claim.attribution}` : ""}`;
}

function renderFact() {
  $("fact-h").textContent = fact.label;
  $("fact-hint").replaceChildren(badge(fact.agreement), ` ${fact.key}`, fact.unit ? ` · ${fact.unit}` : "");
  renderNotes();
  const chosen = draftClaimId || (allClaims(fact).find((c) => c.rank === "PREFERRED") || {}).id;
  const suggested = fact.suggestion && fact.suggestion.reading.label;
  $("readings").replaceChildren(
    ...fact.readings.map((reading) =>
      el(
        "section",
        { class: `reading${reading.label === suggested ? " suggested" : ""}`, "data-reading": reading.label },
        el(
          "h3",
          {},
          el("span", { class: "value", textContent: reading.label }),
          fact.unit ? ` ${fact.unit}` : "",
          reading.label === suggested ? el("span", { class: "advice-tag", textContent: "suggested" }) : null,
        ),
        el("p", { class: "sources", textContent: `${plural(reading.independentSources, "independent source")}` }),
        el(
          "ul",
          { class: "claims" },
          ...reading.claims.map((claim) => {
            const radioId = `trust-${claim.id}`;
            return el(
              "li",
              { class: `claim ${claim.rank.toLowerCase()}`, "data-claim": claim.id },
              el(
                "div",
                { class: "row" },
                el("input", { type: "radio", name: "trusted", id: radioId, value: claim.id, checked: chosen === claim.id }),
                el("label", { htmlFor: radioId }, "Trust ", el("strong", { textContent: outletName(claim.article) })),
                inHeadline(claim) ? el("span", { class: "rank headline", textContent: "HEADLINE" }) : null,
                rankNode(claim.rank),
              ),
              el("p", { class: "hedge", textContent: hedgeText(claim) }),
              quoteNode(claim),
              el(
                "button",
                {
                  type: "button",
                  class: "link",
                  on: () => openArticle(claim.article.id, claim.id),
                  "aria-label": `Read the article from ${outletName(claim.article)}`,
                },
                "Read the article",
              ),
            );
          }),
        ),
      ),
    ),
  );
  $("verdicts").replaceChildren(
    ...(fact.verdicts.length
      ? fact.verdicts.map((v) =>
          el(
            "li",
            { class: v.retracted ? "retracted" : "" },
            el(
              "p",
              { class: "meta" },
              el("strong", { textContent: v.reviewer.name }),
              ` · ${new Date(v.createdAt).toLocaleString()} · trusted “`,
              el("span", { textContent: v.trustedClaim.text }),
              "”",
              v.retracted ? el("span", { class: "rank deprecated", textContent: "RETRACTED" }) : null,
            ),
            el("p", { class: "rationale", textContent: v.rationale }),
          ),
        )
      : [el("li", { class: "hint empty", textContent: "No verdicts yet." })]),
  );
  $("verdict").hidden = false;
  $("verdict-error").replaceChildren();
  countRationale();
  renderTimeline($("timeline"), fact);
  renderVersions();
}

/** Why the readings differ, whether a new report reopened a decided fact, and the server's advice. */
function renderNotes() {
  const notes = [];
  if (fact.divergenceNote || fact.divergence) {
    notes.push(
      el(
        "p",
        { class: "note why", id: "why" },
        el("strong", { textContent: "Why they differ: " }),
        fact.divergenceNote || divergencePhrase(fact),
      ),
    );
  }
  if (fact.needsReview)
    notes.push(el("p", { class: "note review", id: "needs-review" }, el("strong", { textContent: "Needs review: " }), reviewReason()));
  if (fact.suggestion) {
    notes.push(
      el(
        "div",
        { class: "note advice", id: "advice" },
        el("strong", { textContent: "Advice, not a decision: " }),
        `the evidence points to ${fact.suggestion.reading.label}${fact.unit ? ` ${fact.unit}` : ""}; nothing is selected for you. `,
        el("span", { class: "reasons" }, ...fact.suggestion.reasons.map((r) => el("span", { class: "reason", textContent: r }))),
      ),
    );
  }
  $("fact-notes").replaceChildren(...notes);
  $("fact-notes").hidden = !notes.length;
}

function reviewReason() {
  const trusted = fact.currentVerdict && readingOf(fact, fact.currentVerdict.trustedClaim.id);
  const newer =
    fact.latest && fact.latest.label !== (trusted && trusted.label)
      ? fact.latest.label
      : (fact.readings.find((r) => r !== trusted) || {}).label;
  if (trusted && newer) return `a new report says ${newer} after the verdict trusted ${trusted.label}.`;
  return "a report added after the verdict falls outside the reading it trusted.";
}

/** REVISION facts: the outlet's versions next to each other, oldest first, each with its figure. */
function renderVersions() {
  const box = $("versions");
  const columns = fact.divergence === "REVISION" ? versionColumns() : [];
  box.hidden = columns.length < 2;
  if (box.hidden) return box.replaceChildren();
  box.replaceChildren(
    el("h3", { textContent: `Versions side by side: ${columns[0].article.origin.name}` }),
    el(
      "div",
      { class: "version-grid" },
      ...columns.map(({ article, claims }) =>
        el(
          "article",
          { class: "version" },
          el("p", { class: "meta" }, el("strong", { textContent: outletName(article) }), ` · ${when(article.publishedAt)}`),
          el("p", { class: "version-headline", textContent: article.headline }),
          ...claims.map((claim) =>
            el("div", {}, el("p", { class: "value", textContent: readingOf(fact, claim.id).label }), quoteNode(claim)),
          ),
        ),
      ),
    ),
  );
}

function versionColumns() {
  const order = fact.timeline ? fact.timeline.map((p) => p.claim.id) : [];
  const byArticle = new Map();
  for (const claim of allClaims(fact)) {
    const entry = byArticle.get(claim.article.id) || { article: claim.article, claims: [] };
    entry.claims.push(claim);
    byArticle.set(claim.article.id, entry);
  }
  const revised = new Set(revisers(fact));
  const linked = (a) => !a.versions || a.versions.some((v) => byArticle.has(v.id));
  const columns = [...byArticle.values()].filter(({ article }) => revised.has(article.origin.name) && linked(article));
  const rank = ({ claims }) => Math.min(...claims.map((c) => order.indexOf(c.id) + 1 || Infinity));
  return columns.sort((a, b) => rank(a) - rank(b));
}

function renderOutlets(outlets) {
  $("outlets").replaceChildren(
    ...outlets.map((o) =>
      el(
        "tr",
        {},
        el("th", { scope: "row" }, o.name, el("span", { class: "kind", textContent: words(o.kind) })),
        el("td", { textContent: o.trust.upheld }),
        el("td", { textContent: o.trust.overruled }),
        el("td", { textContent: o.trust.score == null ? "–" : `${Math.round(o.trust.score * 100)}%` }),
      ),
    ),
  );
}

// ---- one article ----
async function openArticle(id, claimId) {
  const { data, errors } = await gql(
    `query($id: ID!) { article(id: $id) {
    headline byline dateline publishedAt origin { name } host { name } body claims { id quote { start end ${features.quoteField ? "field" : ""} } rank } } }`,
    { id },
  );
  if (errors) return fail(errors);
  const a = data.article;
  const marks = (text, field) => {
    const parts = [];
    let at = 0;
    for (const c of a.claims.filter((c) => (c.quote.field || "BODY") === field).sort((x, y) => x.quote.start - y.quote.start)) {
      if (c.quote.start < at) continue;
      parts.push(text.slice(at, c.quote.start));
      parts.push(
        el("mark", {
          class: c.id === claimId ? "current" : c.rank.toLowerCase(),
          title: c.rank,
          textContent: text.slice(c.quote.start, c.quote.end),
        }),
      );
      at = c.quote.end;
    }
    parts.push(text.slice(at));
    return parts;
  };
  $("article-h").replaceChildren(...marks(a.headline, "HEADLINE"));
  $("article-meta").replaceChildren(
    ...[outletName(a), a.byline, a.dateline, a.publishedAt && when(a.publishedAt)]
      .filter(Boolean)
      .map((t, i) => el("span", { textContent: (i ? " · " : "") + t })),
  );
  $("article-body").replaceChildren(...marks(a.body, "BODY"));
  $("article").hidden = false;
  $("article-h").focus();
  const current = document.querySelector("#article mark.current");
  if (current) current.scrollIntoView({ block: "center" });
  say(`Opened “${a.headline}” with ${plural(a.claims.length, "claim")} highlighted.`);
}

// ---- verdicts ----
function countRationale() {
  $("count").textContent = `${$("rationale").value.length} / 5000 characters`;
}

function showError(err) {
  const box = $("verdict-error"),
    code = err.extensions && err.extensions.code,
    field = err.extensions && err.extensions.field;
  let text;
  if (code === "CONFLICT") text = "Someone decided this while you were reading. Refresh to see their verdict.";
  else if (code === "UNAUTHENTICATED")
    text = "Your reviewer token is missing or not valid. Paste it in the Reviewer token field at the top.";
  else if (code === "FORBIDDEN") text = "Your role may not record verdicts. Ask an editor for a reviewer token.";
  else if (code === "BAD_USER_INPUT") text = `Please check the ${FIELDS[field] || field || "form"}: ${err.message}`;
  else if (code === "NOT_FOUND") text = `This ${FIELDS[field] || "fact"} no longer exists. Refresh the fact.`;
  else text = `The verdict was not recorded: ${err.message}`;
  box.replaceChildren(el("p", { textContent: text }));
  if (code === "CONFLICT" || code === "NOT_FOUND")
    box.append(el("button", { type: "button", on: () => openFact(fact.id, true) }, "Refresh"));
  if (code === "UNAUTHENTICATED") $("token").focus();
  if (field === "rationale") $("rationale").focus();
  if (field === "trustedClaimId") document.querySelector("input[name=trusted]").focus();
  say("The verdict was not recorded.");
}

async function submitVerdict(event) {
  event.preventDefault();
  const trusted = document.querySelector("input[name=trusted]:checked"),
    rationale = $("rationale").value;
  if (!trusted)
    return showError({ message: "choose one claim to trust.", extensions: { code: "BAD_USER_INPUT", field: "trustedClaimId" } });
  if (!rationale.trim())
    return showError({
      message: "write why you trust this claim (1 to 5000 characters).",
      extensions: { code: "BAD_USER_INPUT", field: "rationale" },
    });
  $("submit").disabled = true;
  recording = true;
  try {
    say("Recording the verdict…");
    const { errors } = await gql(`mutation($input: RecordVerdictInput!) { recordVerdict(input: $input) { id } }`, {
      input: { factId: fact.id, trustedClaimId: trusted.value, rationale, expectedVersion: fact.version },
    });
    $("submit").disabled = false;
    if (errors) return showError(errors[0]);
    $("rationale").value = "";
    draftClaimId = null;
    $("fact-live").replaceChildren();
    await openFact(fact.id, false);
    say("Verdict recorded. The ranks below are updated.");
    await loadFactList();
  } finally {
    $("submit").disabled = false;
    recording = false;
  }
}

// ---- live updates (graphql-ws), when the server offers subscriptions ----
function startLive() {
  if (live) live.close();
  live = connectLive(story.slug, { features, onFact: factChangedElsewhere, onArticle: articleArrived, onState: showLiveState });
}

function showLiveState(state) {
  const text = {
    connecting: "Connecting for live updates…",
    live: "Live: others' verdicts and new articles appear here",
    offline: "Not live: reload to see others' work",
  }[state];
  $("live-state").textContent = text;
  $("live-state").className = `live-state ${state}`;
}

async function factChangedElsewhere(changedFact) {
  if (!story) return;
  const v = changedFact.currentVerdict;
  const mine = !!me && !!v && v.reviewer.id === me.id;
  if (mine && recording) return; // this page's own verdict: submitVerdict() refreshes
  const isOpen = !!fact && fact.id === changedFact.id && fact.version !== changedFact.version;
  let notice = null;
  if (isOpen) {
    // Said at once from the event; the fact itself is re-read in place right after.
    const who = mine ? "You (in another tab or window)" : v && v.reviewer.name;
    const what = v ? `${who} recorded a verdict trusting “${v.trustedClaim.text}”.` : "A verdict on this fact was retracted.";
    const draft = $("rationale").value.trim() !== "" || draftClaimId != null;
    notice = `This fact changed: ${what}${draft ? " Your draft is kept: recording it now replaces their verdict." : ""}`;
    $("fact-live").replaceChildren(
      el("p", { class: "note changed" }, el("strong", { textContent: "This fact changed: " }), notice.slice("This fact changed: ".length)),
    );
  }
  await Promise.all([loadFactList(), isOpen ? openFact(changedFact.id, false) : null]);
  const listed = facts.find((f) => f.id === changedFact.id);
  if (notice) say(notice);
  else if (listed && v && !mine) say(`${v.reviewer.name} decided “${listed.label}”.`);
}

async function articleArrived(article) {
  await loadFactList();
  const fresh = changed.size;
  if (fact && changed.has(fact.id)) await openFact(fact.id, false);
  say(`New article from ${outletName(article)}: “${article.headline}”.${fresh ? ` ${plural(fresh, "fact")} with new figures.` : ""}`);
}

// ---- reviewer token ----
async function showWho() {
  const has = !!token.get();
  $("token-forget").hidden = !has;
  $("token").value = "";
  $("token").placeholder = has ? "saved for this tab" : "paste your token";
  me = null;
  if (!has) return ($("who").textContent = "Not signed in: reading only.");
  const { data, errors } = await gql("{ me { id name role } }");
  me = !errors && data.me ? data.me : null;
  $("who").textContent = me ? `Signed in as ${me.name} (${me.role.toLowerCase()}).` : "This token is not recognised.";
}

$("token-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const value = $("token").value.trim();
  if (value) token.set(value);
  showWho().then(() => {
    say($("who").textContent);
    if (story) startLive();
  });
});
$("token-forget").addEventListener("click", () => {
  token.forget();
  showWho().then(() => say("Token forgotten."));
});
$("story").addEventListener("change", (e) => loadStory(e.target.value));
$("filters").addEventListener("change", (e) => {
  filter = e.target.value;
  renderFacts();
  if (fact) history.replaceState(null, "", `#story=${encodeURIComponent(story.slug)}&fact=${fact.id}&filter=${filter}`);
});
$("readings").addEventListener("change", (e) => {
  if (e.target.name === "trusted") draftClaimId = e.target.value;
});
$("rationale").addEventListener("input", countRationale);
$("verdict").addEventListener("submit", submitVerdict);
$("article-close").addEventListener("click", () => {
  $("article").hidden = true;
  $("fact-h").focus();
});
document.addEventListener("keydown", (e) => {
  if (e.key === "Escape" && !$("article").hidden) $("article-close").click();
});

features = await probeFeatures();
setupReport({ features, storySlug: () => story && story.slug, onAdded: () => loadFactList(), openFact: (id) => openFact(id, true) });
await showWho();
await loadStories();
