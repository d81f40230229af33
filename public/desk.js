"use strict";
// The editorial desk: plain DOM on the public GraphQL API. Article text is untrusted,
// so every string reaches the page as a text node (textContent), never parsed as HTML.
(() => {
  const $ = (id) => document.getElementById(id);
  const TOKEN_KEY = "crosscheck.token";
  const OUTLETS = "outlets { name kind trust { upheld overruled score } }";
  const ORDER = { CONFLICT: 0, COMPATIBLE: 1, SINGLE_SOURCE: 2, AGREE: 3 };
  const FIELDS = { rationale: "rationale", trustedClaimId: "trusted claim", factId: "fact", expectedVersion: "fact version" };
  let story = null, fact = null, facts = [];

  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(props || {})) {
      if (k === "class") node.className = v;
      else if (k === "on") node.addEventListener("click", v);
      else if (k in node) node[k] = v;
      else node.setAttribute(k, v);
    }
    for (const c of children) if (c != null) node.append(c);
    return node;
  }

  async function gql(query, variables = {}) {
    const headers = { "content-type": "application/json" };
    const token = sessionStorage.getItem(TOKEN_KEY);
    if (token) headers.authorization = `Bearer ${token}`;
    let body;
    try {
      const res = await fetch("/graphql", { method: "POST", headers, body: JSON.stringify({ query, variables }) });
      body = await res.json();
    } catch {
      return { errors: [{ message: "The server could not be reached.", extensions: { code: "NETWORK" } }] };
    }
    return body;
  }

  function say(text) { $("status").textContent = text; }
  function fail(errors) { say(`Could not load: ${errors[0].message}`); }

  // ---- stories and facts ----
  async function loadStories() {
    const { data, errors } = await gql(`{ stories { slug title } ${OUTLETS} }`);
    if (errors) return fail(errors);
    renderOutlets(data.outlets);
    const select = $("story");
    for (const s of data.stories) select.append(el("option", { value: s.slug, textContent: s.title }));
    const wanted = new URLSearchParams(location.hash.slice(1));
    if (wanted.get("story")) select.value = wanted.get("story");
    if (select.value) await loadStory(select.value, wanted.get("fact"));
    else say("No stories yet.");
  }

  async function loadStory(slug, factId) {
    const { data, errors } = await gql(
      "query($slug: String!) { story(slug: $slug) { slug title facts { id key label kind unit agreement version } } }", { slug });
    if (errors) return fail(errors);
    story = data.story;
    facts = story.facts.map((f, i) => [f, i]).sort((a, b) => ORDER[a[0].agreement] - ORDER[b[0].agreement] || a[1] - b[1]).map((p) => p[0]);
    renderFacts();
    const conflicts = facts.filter((f) => f.agreement === "CONFLICT").length;
    say(`${story.title}: ${facts.length} facts, ${conflicts} in conflict.`);
    if (factId) await openFact(factId, false);
  }

  function badge(agreement) {
    return el("span", { class: `badge ${agreement.toLowerCase()}`, textContent: agreement.replace("_", " ") });
  }

  function renderFacts() {
    $("facts").replaceChildren(...facts.map((f) => el("li", {},
      el("button", { type: "button", class: "fact", "data-fact-key": f.key, "aria-current": fact && fact.id === f.id ? "true" : "false",
        on: () => openFact(f.id, true) },
        badge(f.agreement), el("span", { class: "label", textContent: f.label }), el("span", { class: "key", textContent: f.key })))));
  }

  // ---- one fact ----
  const FACT = `query($id: ID!) {
    fact(id: $id) {
      id key label kind unit agreement version divergence divergenceNote needsReview
      suggestion { reading { label } reasons }
      readings { label independentSources claims { id rank hedge text attribution
        quote { exact prefix suffix start end }
        article { id body origin { name } host { name } } } }
      verdicts { id rationale createdAt retracted reviewer { name } trustedClaim { id text } }
    }
    ${OUTLETS}
  }`;

  async function openFact(id, focus) {
    say("Loading the fact…");
    const { data, errors } = await gql(FACT, { id });
    if (errors) return fail(errors);
    if (!data.fact) return say("That fact no longer exists.");
    fact = data.fact;
    history.replaceState(null, "", `#story=${encodeURIComponent(story.slug)}&fact=${fact.id}`);
    renderFact();
    renderOutlets(data.outlets);
    renderFacts();
    const claims = fact.readings.reduce((n, r) => n + r.claims.length, 0);
    say(`${fact.label}: ${fact.readings.length} readings from ${claims} claims.`);
    if (focus) $("fact-h").focus();
  }

  function outletName(article) {
    const { origin, host } = article;
    return host.name === origin.name ? origin.name : `${origin.name} via ${host.name}`;
  }

  // The sentence around a quote: cut after . ! ? and a space, or at a line break, but not after
  // an initial such as the "S." of "U.S.".
  const END = /[.!?]["”’)]*(?=\s|$)|\n/g;
  function sentenceEnds(text, offset) {
    const ends = [];
    for (const m of text.matchAll(END)) if (m[0] === "\n" || !/(^|[^A-Za-z])[A-Z]$/.test(text.slice(Math.max(0, m.index - 2), m.index))) ends.push(offset + m.index + m[0].length);
    return ends;
  }
  function sentence(body, start, end) {
    const from = Math.max(0, start - 400), before = sentenceEnds(body.slice(from, start), from).pop() ?? from;
    const after = sentenceEnds(body.slice(end, end + 400), end)[0] ?? Math.min(body.length, end + 400);
    return [body.slice(before, start).trimStart(), body.slice(start, end), body.slice(end, after)];
  }

  function quoteNode(claim) {
    const { body } = claim.article, q = claim.quote;
    const [before, exact, after] = body.slice(q.start, q.end) === q.exact ? sentence(body, q.start, q.end) : [`…${q.prefix}`, q.exact, `${q.suffix}…`];
    return el("blockquote", { class: "quote" }, before, el("mark", { textContent: exact }), after);
  }

  function rankNode(rank) {
    return el("span", { class: `rank ${rank.toLowerCase()}`, textContent: rank });
  }

  function renderFact() {
    $("fact-h").textContent = fact.label;
    const hint = $("fact-hint");
    hint.replaceChildren(badge(fact.agreement), ` ${fact.key}`, fact.unit ? ` · ${fact.unit}` : "");
    // Why the figures differ and what the rules suggest: advice beside the readings, never a verdict.
    $("why").replaceChildren(...[
      fact.needsReview ? el("p", { class: "reopened", role: "note", textContent: "New evidence arrived after the verdict and falls outside the trusted reading: please decide again." }) : null,
      fact.divergence ? el("p", {}, el("span", { class: "badge divergence", textContent: fact.divergence }), ` ${fact.divergenceNote}`) : null,
      fact.suggestion ? el("p", { class: "suggestion" }, "Suggested: ", el("strong", { textContent: fact.suggestion.reading.label }), ` (${fact.suggestion.reasons.join(" ")})`) : null,
    ].filter(Boolean));
    const chosen = fact.readings.flatMap((r) => r.claims).find((c) => c.rank === "PREFERRED");
    $("readings").replaceChildren(...fact.readings.map((reading) => el("section", { class: "reading", "data-reading": reading.label },
      el("h3", {}, el("span", { class: "value", textContent: reading.label }), fact.unit ? ` ${fact.unit}` : ""),
      el("p", { class: "sources", textContent: `${reading.independentSources} independent source${reading.independentSources === 1 ? "" : "s"}` }),
      el("ul", { class: "claims" }, ...reading.claims.map((claim) => {
        const radioId = `trust-${claim.id}`;
        return el("li", { class: `claim ${claim.rank.toLowerCase()}`, "data-claim": claim.id },
          el("div", { class: "row" },
            el("input", { type: "radio", name: "trusted", id: radioId, value: claim.id, checked: chosen ? chosen.id === claim.id : false }),
            el("label", { htmlFor: radioId }, "Trust ", el("strong", { textContent: outletName(claim.article) })),
            rankNode(claim.rank)),
          el("p", { class: "hedge", textContent: `hedge: ${claim.hedge.toLowerCase().replace("_", " ")}${claim.attribution ? `, according to ${claim.attribution}` : ""}` }),
          quoteNode(claim),
          el("button", { type: "button", class: "link", on: () => openArticle(claim.article.id, claim.id),
            "aria-label": `Read the article from ${outletName(claim.article)}` }, "Read the article"));
      })))));
    $("verdicts").replaceChildren(...(fact.verdicts.length ? fact.verdicts.map((v) => el("li", { class: v.retracted ? "retracted" : "" },
      el("p", { class: "meta" }, el("strong", { textContent: v.reviewer.name }), ` · ${new Date(v.createdAt).toLocaleString()} · trusted “`,
        el("span", { textContent: v.trustedClaim.text }), "”", v.retracted ? el("span", { class: "rank deprecated", textContent: "RETRACTED" }) : null),
      el("p", { class: "rationale", textContent: v.rationale }))) : [el("li", { class: "hint empty", textContent: "No verdicts yet." })]));
    $("verdict").hidden = false;
    $("verdict-error").replaceChildren();
    countRationale();
  }

  function renderOutlets(outlets) {
    $("outlets").replaceChildren(...outlets.map((o) => el("tr", {},
      el("th", { scope: "row" }, o.name, el("span", { class: "kind", textContent: o.kind.toLowerCase().replace("_", " ") })), el("td", { textContent: o.trust.upheld }), el("td", { textContent: o.trust.overruled }),
      el("td", { textContent: o.trust.score == null ? "–" : `${Math.round(o.trust.score * 100)}%` }))));
  }

  // ---- one article ----
  async function openArticle(id, claimId) {
    const { data, errors } = await gql(`query($id: ID!) { article(id: $id) {
      headline byline dateline publishedAt origin { name } host { name } body claims { id quote { start end } rank } } }`, { id });
    if (errors) return fail(errors);
    const a = data.article;
    $("article-h").textContent = a.headline;
    $("article-meta").replaceChildren(...[outletName(a), a.byline, a.dateline, a.publishedAt && new Date(a.publishedAt).toLocaleDateString()]
      .filter(Boolean).map((t, i) => el("span", { textContent: (i ? " · " : "") + t })));
    const parts = [];
    let at = 0, current = null;
    for (const c of [...a.claims].sort((x, y) => x.quote.start - y.quote.start)) {
      if (c.quote.start < at) continue;
      parts.push(a.body.slice(at, c.quote.start));
      const mark = el("mark", { class: c.id === claimId ? "current" : c.rank.toLowerCase(), title: c.rank, textContent: a.body.slice(c.quote.start, c.quote.end) });
      if (c.id === claimId) current = mark;
      parts.push(mark);
      at = c.quote.end;
    }
    parts.push(a.body.slice(at));
    $("article-body").replaceChildren(...parts);
    $("article").hidden = false;
    $("article-h").focus();
    if (current) current.scrollIntoView({ block: "center" });
    say(`Opened “${a.headline}” with ${a.claims.length} claims highlighted.`);
  }

  // ---- verdicts ----
  function countRationale() {
    $("count").textContent = `${$("rationale").value.length} / 5000 characters`;
  }

  function showError(err) {
    const box = $("verdict-error"), code = err.extensions && err.extensions.code, field = err.extensions && err.extensions.field;
    let text;
    if (code === "CONFLICT") text = "Someone decided this while you were reading. Refresh to see their verdict.";
    else if (code === "UNAUTHENTICATED") text = "Your reviewer token is missing or not valid. Paste it in the Reviewer token field at the top.";
    else if (code === "FORBIDDEN") text = "Your role may not record verdicts. Ask an editor for a reviewer token.";
    else if (code === "BAD_USER_INPUT") text = `Please check the ${FIELDS[field] || field || "form"}: ${err.message}`;
    else if (code === "NOT_FOUND") text = `This ${FIELDS[field] || "fact"} no longer exists. Refresh the fact.`;
    else text = `The verdict was not recorded: ${err.message}`;
    box.replaceChildren(el("p", { textContent: text }));
    if (code === "CONFLICT" || code === "NOT_FOUND") box.append(el("button", { type: "button", on: () => openFact(fact.id, true) }, "Refresh"));
    if (code === "UNAUTHENTICATED") $("token").focus();
    if (field === "rationale") $("rationale").focus();
    if (field === "trustedClaimId") document.querySelector("input[name=trusted]").focus();
    say("The verdict was not recorded.");
  }

  async function submitVerdict(event) {
    event.preventDefault();
    const trusted = document.querySelector("input[name=trusted]:checked"), rationale = $("rationale").value;
    if (!trusted) return showError({ message: "choose one claim to trust.", extensions: { code: "BAD_USER_INPUT", field: "trustedClaimId" } });
    if (!rationale.trim()) return showError({ message: "write why you trust this claim (1 to 5000 characters).", extensions: { code: "BAD_USER_INPUT", field: "rationale" } });
    $("submit").disabled = true;
    say("Recording the verdict…");
    const { errors } = await gql(`mutation($input: RecordVerdictInput!) { recordVerdict(input: $input) { id } }`,
      { input: { factId: fact.id, trustedClaimId: trusted.value, rationale, expectedVersion: fact.version } });
    $("submit").disabled = false;
    if (errors) return showError(errors[0]);
    $("rationale").value = "";
    await openFact(fact.id, false);
    say("Verdict recorded. The ranks below are updated.");
    await loadFactList();
  }

  async function loadFactList() {
    const { data } = await gql("query($slug: String!) { story(slug: $slug) { facts { id key label kind unit agreement version } } }", { slug: story.slug });
    if (data && data.story) { facts = facts.map((f) => data.story.facts.find((g) => g.id === f.id) || f); renderFacts(); }
  }

  // ---- reviewer token ----
  async function showWho() {
    const has = !!sessionStorage.getItem(TOKEN_KEY);
    $("token-forget").hidden = !has;
    $("token").value = "";
    $("token").placeholder = has ? "saved for this tab" : "paste your token";
    if (!has) return ($("who").textContent = "Not signed in: reading only.");
    const { data, errors } = await gql("{ me { name role } }");
    $("who").textContent = errors || !data.me ? "This token is not recognised." : `Signed in as ${data.me.name} (${data.me.role.toLowerCase()}).`;
  }

  $("token-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const token = $("token").value.trim();
    if (token) sessionStorage.setItem(TOKEN_KEY, token);
    showWho().then(() => say($("who").textContent));
  });
  $("token-forget").addEventListener("click", () => { sessionStorage.removeItem(TOKEN_KEY); showWho().then(() => say("Token forgotten.")); });
  $("story").addEventListener("change", (e) => { fact = null; loadStory(e.target.value); });
  $("rationale").addEventListener("input", countRationale);
  $("verdict").addEventListener("submit", submitVerdict);
  $("article-close").addEventListener("click", () => { $("article").hidden = true; $("fact-h").focus(); });
  document.addEventListener("keydown", (e) => { if (e.key === "Escape" && !$("article").hidden) $("article-close").click(); });

  showWho();
  loadStories();
})();
