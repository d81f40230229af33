// "Add an article": a reviewer pastes a text or a page's HTML, or chooses a file; the server reads
// it in the background (submitArticle returns an IngestJob), and the panel follows the job until
// the article's figures are known.
import { gql } from "./api.js";
import { $, el, outletName, plural } from "./dom.js";

const SUBMIT = `mutation($input: SubmitArticleInput!) { submitArticle(input: $input) { id state error } }`;
const JOB = `query($id: ID!) { ingestJob(id: $id) { id state error article { id headline publishedAt origin { name } host { name }
  claims { id text fact { id label agreement } } } } }`;
const STATES = { QUEUED: "Waiting in the queue…", RUNNING: "Reading the article and extracting its figures…" };
const POLL_MS = 400,
  GIVE_UP_MS = 120_000;

const looksLikeHtml = (text) => /^\s*<(!doctype|html|head|body|article|div|p|h1|meta)\b/i.test(text);

/** What submitArticle gets: exactly one of text, html or ninjs, from the file's name or the pasted text. */
async function payload() {
  const file = $("report-file").files[0],
    url = $("report-url").value.trim() || undefined;
  if (file) {
    const content = await file.text(),
      name = file.name.toLowerCase();
    const base = { url, fileName: file.name };
    if (name.endsWith(".json")) {
      try {
        return { ...base, ninjs: JSON.parse(content) };
      } catch {
        throw new Error(`${file.name} is not valid JSON (an IPTC ninjs item was expected).`);
      }
    }
    return /\.html?$/.test(name) || file.type === "text/html" || looksLikeHtml(content)
      ? { ...base, html: content }
      : { ...base, text: content };
  }
  const pasted = $("report-text").value;
  if (!pasted.trim()) throw new Error("Paste the article's text or HTML, or choose a file.");
  return looksLikeHtml(pasted) ? { url, html: pasted } : { url, text: pasted };
}

function progress(text) {
  $("report-progress").textContent = text;
}

function failure(text) {
  $("report-error").replaceChildren(el("p", { textContent: text }));
  progress("The article was not added.");
}

function explain(err) {
  const code = err.extensions && err.extensions.code;
  if (code === "UNAUTHENTICATED") return "Adding an article needs a reviewer token: paste yours at the top.";
  if (code === "FORBIDDEN") return "Your role may not add articles. Ask an editor for a reviewer token.";
  if (code === "CONFLICT") return `This article is already in the story: ${err.message}`;
  return err.message;
}

export function setupReport({ features, storySlug, onAdded, openFact }) {
  const section = $("report");
  if (!features.ingest) {
    section.querySelector("form").hidden = true;
    $("report-unavailable").hidden = false;
    return;
  }
  $("report-file").addEventListener("change", () => {
    const file = $("report-file").files[0];
    $("report-file-name").textContent = file ? `${file.name} will be sent instead of the pasted text.` : "";
  });
  $("report-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    $("report-error").replaceChildren();
    $("report-figures").replaceChildren();
    let input;
    try {
      input = { storySlug: storySlug(), ...(await payload()) };
    } catch (err) {
      $("report-text").focus();
      return failure(err.message);
    }
    $("report-submit").disabled = true;
    try {
      progress("Sending the article…");
      const sent = await gql(SUBMIT, { input });
      if (sent.errors) return failure(explain(sent.errors[0]));
      const job = await follow(sent.data.submitArticle);
      if (!job) return failure("The server is still reading the article; it will appear in the list when it is done.");
      if (job.state === "FAILED") return failure(`The article could not be read: ${job.error || "no reason given"}`);
      showArticle(job.article, openFact);
      $("report-text").value = "";
      $("report-file").value = "";
      $("report-file-name").textContent = "";
      await onAdded(job.article);
    } catch (err) {
      failure(`The article's progress could not be followed: ${err.message}`);
    } finally {
      $("report-submit").disabled = false;
    }
  });
}

async function follow(job) {
  const started = Date.now();
  while (job.state === "QUEUED" || job.state === "RUNNING") {
    progress(STATES[job.state]);
    if (Date.now() - started > GIVE_UP_MS) return null;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    const { data, errors } = await gql(JOB, { id: job.id });
    if (errors) throw new Error(errors[0].message);
    job = data.ingestJob;
  }
  if (job.state === "DONE" && !(job.article && job.article.claims)) {
    const { data } = await gql(JOB, { id: job.id });
    job = data.ingestJob;
  }
  return job;
}

function showArticle(article, openFact) {
  progress(`Added “${article.headline}” from ${outletName(article)}: ${plural(article.claims.length, "figure")}.`);
  $("report-figures").replaceChildren(
    ...article.claims.map((claim) =>
      el(
        "li",
        {},
        el("button", { type: "button", class: "link", on: () => openFact(claim.fact.id), textContent: claim.fact.label }),
        `: “${claim.text}”`,
        claim.fact.agreement === "CONFLICT" ? el("span", { class: "badge conflict", textContent: "conflict" }) : null,
      ),
    ),
  );
}
