// DOM helpers for the desk. Article text is untrusted, so every string reaches the page as a text
// node or a property (textContent, value), never parsed as HTML.

export const $ = (id) => document.getElementById(id);

const SVG_NS = "http://www.w3.org/2000/svg";

function assign(node, props) {
  for (const [k, v] of Object.entries(props || {})) {
    if (v == null || v === false) continue;
    if (k === "class") node.setAttribute("class", v);
    else if (k === "on") node.addEventListener("click", v);
    else if (k in node && !(node instanceof SVGElement)) node[k] = v;
    else node.setAttribute(k, v === true ? "" : v);
  }
}

export function el(tag, props, ...children) {
  const node = document.createElement(tag);
  assign(node, props);
  for (const c of children.flat()) if (c != null && c !== false) node.append(c);
  return node;
}

export function svgEl(tag, props, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  assign(node, props);
  for (const c of children.flat()) if (c != null && c !== false) node.append(c);
  return node;
}

export function plural(n, word, many = `${word}s`) {
  return `${n} ${n === 1 ? word : many}`;
}

export function words(enumValue) {
  return enumValue.toLowerCase().replaceAll("_", " ");
}

const DATE = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
const TIME = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", timeZone: "UTC" });

/** Publication times are shown in UTC, the newsroom's common clock; a midnight time is a bare date. */
export function when(iso) {
  if (!iso) return "undated";
  const date = new Date(iso);
  const midnight = date.getUTCHours() === 0 && date.getUTCMinutes() === 0;
  return midnight ? DATE.format(date) : `${DATE.format(date)} ${TIME.format(date)} UTC`;
}

export function outletName(article) {
  const { origin, host } = article;
  return host.name === origin.name ? origin.name : `${origin.name} via ${host.name}`;
}
