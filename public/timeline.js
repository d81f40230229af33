// The fact's figures over publication time as a small inline SVG chart: one mark per outlet and
// report, a hedged figure drawn as the range its hedge allows, undated reports in their own column.
// No chart library: a few dozen elements, built with createElementNS under the page's strict CSP.
import { el, svgEl, when, words } from "./dom.js";

const W = 400,
  H = 210,
  LEFT = 44,
  RIGHT = 14,
  TOP = 14,
  BOTTOM = 40,
  UNDATED = 58;
const COLOURS = ["#1a5fd0", "#a4161a", "#1f6f3f", "#8a5a00", "#6a3d9a", "#0f6e78", "#b3366b", "#4a5466"];
const HOUR = 3600e3,
  DAY = 24 * HOUR;

/** One mark per outlet and report: the same figure quoted twice in one article is drawn once. */
function pointsOf(fact) {
  const claims = new Map(fact.readings.flatMap((r) => r.claims).map((c) => [c.id, c]));
  const seen = new Set(),
    points = [];
  for (const {
    at,
    claim: { id },
  } of fact.timeline) {
    const claim = claims.get(id);
    if (!claim || (claim.lower == null && claim.upper == null && claim.value == null)) continue;
    // A missing bound is open ("at least 12" has no upper one); with neither, the point is the value.
    const open = claim.lower != null || claim.upper != null;
    const lower = claim.lower ?? (open ? -Infinity : claim.value),
      upper = claim.upper ?? (open ? Infinity : claim.value);
    const outlet = shortName(claim.article.origin),
      key = [outlet, at, claim.article.id, lower, upper].join("|");
    if (seen.has(key)) continue;
    seen.add(key);
    points.push({ at: at ? Date.parse(at) : null, outlet, claim, lower, upper, value: claim.value });
  }
  return points;
}

/** "Deutsche Presse-Agentur" does not fit beside a mark; its short name "DPA" does. */
function shortName(origin) {
  return origin.name.length > 14 && origin.slug ? origin.slug.toUpperCase() : origin.name;
}

function niceStep(span) {
  const raw = span / 4,
    power = 10 ** Math.floor(Math.log10(raw || 1));
  return [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) || power * 10;
}

const SHORT_DATE = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
const SHORT_TIME = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", timeZone: "UTC" });

function describe(point) {
  const { claim } = point;
  const range =
    point.lower === point.upper
      ? `${point.lower}`
      : !Number.isFinite(point.upper)
        ? `${point.lower} or more`
        : !Number.isFinite(point.lower)
          ? `up to ${point.upper}`
          : `${point.lower} to ${point.upper}`;
  return `${point.outlet}, ${when(point.at && new Date(point.at).toISOString())}: “${claim.text}” (${words(claim.hedge)}, ${range})`;
}

export function renderTimeline(section, fact) {
  const points = fact && fact.timeline ? pointsOf(fact) : [];
  const dated = points.filter((p) => p.at != null),
    undated = points.filter((p) => p.at == null);
  section.hidden = !dated.length;
  const figure = section.querySelector("figure");
  if (section.hidden) return figure.replaceChildren();

  const finite = points.flatMap((p) => [p.lower, p.upper, p.value]).filter((v) => v != null && Number.isFinite(v));
  let lo = Math.min(...finite),
    hi = Math.max(...finite);
  if (lo === hi) {
    lo -= Math.max(1, Math.abs(lo) * 0.1);
    hi += Math.max(1, Math.abs(hi) * 0.1);
  }
  const step = niceStep(hi - lo);
  lo = Math.floor(lo / step) * step;
  hi = Math.ceil(hi / step) * step;
  if (lo === Math.min(...finite)) lo -= step / 2;
  if (hi === Math.max(...finite)) hi += step / 2;
  const y = (v) => TOP + ((hi - v) / (hi - lo)) * (H - TOP - BOTTOM);

  let t0 = Math.min(...dated.map((p) => p.at)),
    t1 = Math.max(...dated.map((p) => p.at));
  if (t0 === t1) {
    t0 -= 12 * HOUR;
    t1 += 12 * HOUR;
  }
  const plotRight = W - RIGHT - (undated.length ? UNDATED : 0);
  const x = (t) => LEFT + 10 + ((t - t0) / (t1 - t0)) * (plotRight - LEFT - 20);

  const outlets = [...new Set(points.map((p) => p.outlet))];
  const colour = (outlet) => COLOURS[outlets.indexOf(outlet) % COLOURS.length];

  // Reports at (nearly) the same moment stand side by side instead of on top of each other.
  const columns = new Map();
  for (const p of points) {
    const base = p.at == null ? plotRight + UNDATED / 2 : x(p.at);
    const key = Math.round(base / 12);
    columns.set(key, [...(columns.get(key) || []), p]);
    p.base = base;
  }
  for (const group of columns.values())
    group.forEach((p, i) => {
      p.x = p.base + (i - (group.length - 1) / 2) * 13;
    });

  const grid = [];
  for (let v = lo; v <= hi + step / 1e6; v += step) {
    grid.push(
      svgEl("line", { x1: LEFT, x2: W - RIGHT, y1: y(v), y2: y(v), class: "grid" }),
      svgEl("text", { x: LEFT - 6, y: y(v) + 4, "text-anchor": "end", class: "tick" }, `${+v.toFixed(6)}`),
    );
  }
  const short = t1 - t0 <= 2 * DAY && new Date(t0).getUTCDate() === new Date(t1).getUTCDate();
  const tickLabel = (t) => (short ? SHORT_TIME : SHORT_DATE).format(new Date(t));
  const axis = [svgEl("line", { x1: LEFT, x2: plotRight, y1: H - BOTTOM, y2: H - BOTTOM, class: "axis" })];
  for (const t of [...new Set(dated.map((p) => p.at))]) {
    axis.push(svgEl("line", { x1: x(t), x2: x(t), y1: H - BOTTOM, y2: H - BOTTOM + 4, class: "axis" }));
  }
  const ends = [...new Set([Math.min(...dated.map((p) => p.at)), Math.max(...dated.map((p) => p.at))])];
  ends.forEach((t, i) =>
    axis.push(
      svgEl(
        "text",
        { x: x(t), y: H - BOTTOM + 16, "text-anchor": ends.length === 1 ? "middle" : i ? "end" : "start", class: "tick" },
        tickLabel(t),
      ),
    ),
  );
  if (undated.length) {
    axis.push(
      svgEl("line", { x1: plotRight + 4, x2: plotRight + 4, y1: TOP, y2: H - BOTTOM, class: "divider" }),
      svgEl("text", { x: plotRight + UNDATED / 2 + 4, y: H - BOTTOM + 28, "text-anchor": "middle", class: "tick" }, "undated"),
    );
  }

  const marks = points.map((p) => {
    const c = colour(p.outlet),
      parts = [svgEl("title", {}, describe(p))];
    const openTop = !Number.isFinite(p.upper),
      openBottom = !Number.isFinite(p.lower);
    const top = openTop ? TOP : y(p.upper),
      bottom = openBottom ? H - BOTTOM : y(p.lower);
    if (top !== bottom) {
      parts.push(svgEl("line", { x1: p.x, x2: p.x, y1: top, y2: bottom, stroke: c, class: "range" }));
      // A closed end gets a cap; an open one ("at least", "more than") an arrowhead off the chart.
      for (const [end, open, dir] of [
        [top, openTop, -1],
        [bottom, openBottom, 1],
      ]) {
        parts.push(
          open
            ? svgEl("path", {
                d: `M${p.x - 5} ${end - dir * 6} L${p.x} ${end} L${p.x + 5} ${end - dir * 6}`,
                stroke: c,
                fill: "none",
                class: "range open",
              })
            : svgEl("line", { x1: p.x - 4, x2: p.x + 4, y1: end, y2: end, stroke: c, class: "range" }),
        );
      }
      if (p.value != null && p.value >= p.lower && p.value <= p.upper) {
        parts.push(svgEl("circle", { cx: p.x, cy: y(p.value), r: 3.5, fill: "#fff", stroke: c, class: "dot" }));
      }
    } else {
      parts.push(svgEl("circle", { cx: p.x, cy: top, r: 4.5, fill: c, class: "dot" }));
    }
    const leftward = p.x > W - RIGHT - 60;
    const labelY = p.value != null && Number.isFinite(p.value) ? y(p.value) : (top + bottom) / 2;
    parts.push(
      svgEl(
        "text",
        { x: leftward ? p.x - 7 : p.x + 7, y: labelY + 4, fill: c, class: "mark-label", "text-anchor": leftward ? "end" : "start" },
        p.outlet,
      ),
    );
    return svgEl("g", { class: "mark", "data-outlet": p.outlet }, parts);
  });

  const summary = `${fact.label} over publication time: ${points.map(describe).join("; ")}.`;
  figure.replaceChildren(
    svgEl("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": summary, class: "chart" }, grid, axis, marks),
    el("figcaption", {
      class: "hint",
      textContent: "One mark per outlet and report; a hedged figure (“almost 30”) is drawn as the range it allows.",
    }),
    el(
      "details",
      {},
      el("summary", { textContent: "The figures as a table" }),
      el(
        "table",
        { class: "points" },
        el("thead", {}, el("tr", {}, ...["Published", "Outlet", "Figure", "Hedge"].map((h) => el("th", { scope: "col", textContent: h })))),
        el(
          "tbody",
          {},
          ...points.map((p) =>
            el(
              "tr",
              {},
              el("td", { textContent: when(p.at && new Date(p.at).toISOString()) }),
              el("th", { scope: "row", textContent: p.outlet }),
              el("td", { textContent: p.claim.text }),
              el("td", { textContent: words(p.claim.hedge) }),
            ),
          ),
        ),
      ),
    ),
  );
}
