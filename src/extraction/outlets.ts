/**
 * The outlets Crosscheck recognises by name, and how a wire tag or a site name in a page
 * is turned into an `OutletRef`.
 *
 * The same outlet is printed many ways ("dpa", "Deutsche Presse-Agentur",
 * "(dpa – Deutsche Presse-Agentur)", "IranPressNews.com"); every spelling must land on one
 * slug, or syndication between outlets would look like independent reporting.
 */
import { parse as parseAddress } from "tldts";
import type { OutletKind, OutletRef } from "./types";

interface KnownOutlet extends OutletRef {
  aliases: string[];
}

const TABLE: KnownOutlet[] = [
  // Wire agencies: the usual origin of syndicated copy.
  { slug: "reuters", name: "Reuters", kind: "WIRE_AGENCY", aliases: ["Thomson Reuters", "Reuters.com"] },
  { slug: "afp", name: "Agence France-Presse", kind: "WIRE_AGENCY", aliases: ["AFP", "Agence France Presse", "France-Presse", "France Presse"] },
  { slug: "ap", name: "Associated Press", kind: "WIRE_AGENCY", aliases: ["AP", "The Associated Press", "APNews.com"] },
  { slug: "dpa", name: "Deutsche Presse-Agentur", kind: "WIRE_AGENCY", aliases: ["dpa", "Deutsche Presse Agentur"] },
  { slug: "xinhua", name: "Xinhua", kind: "WIRE_AGENCY", aliases: ["Xinhua News Agency", "XINHUA"] },
  { slug: "upi", name: "United Press International", kind: "WIRE_AGENCY", aliases: ["UPI"] },
  { slug: "efe", name: "EFE", kind: "WIRE_AGENCY", aliases: ["Agencia EFE"] },
  { slug: "ansa", name: "ANSA", kind: "WIRE_AGENCY", aliases: ["Agenzia Nazionale Stampa Associata"] },
  { slug: "kyodo", name: "Kyodo News", kind: "WIRE_AGENCY", aliases: ["Kyodo"] },
  { slug: "bloomberg", name: "Bloomberg", kind: "WIRE_AGENCY", aliases: ["Bloomberg News"] },
  { slug: "pa", name: "PA Media", kind: "WIRE_AGENCY", aliases: ["Press Association"] },
  { slug: "ani", name: "Asian News International", kind: "WIRE_AGENCY", aliases: ["ANI"] },
  { slug: "pti", name: "Press Trust of India", kind: "WIRE_AGENCY", aliases: ["PTI"] },
  { slug: "tass", name: "TASS", kind: "WIRE_AGENCY", aliases: ["ITAR-TASS"] },
  { slug: "ria-novosti", name: "RIA Novosti", kind: "WIRE_AGENCY", aliases: ["RIA"] },
  { slug: "anadolu", name: "Anadolu Agency", kind: "WIRE_AGENCY", aliases: ["Anadolu"] },
  { slug: "yonhap", name: "Yonhap", kind: "WIRE_AGENCY", aliases: ["Yonhap News Agency"] },
  { slug: "irna", name: "Islamic Republic News Agency", kind: "WIRE_AGENCY", aliases: ["IRNA"] },
  { slug: "cp", name: "The Canadian Press", kind: "WIRE_AGENCY", aliases: ["Canadian Press"] },
  { slug: "aap", name: "Australian Associated Press", kind: "WIRE_AGENCY", aliases: ["AAP"] },
  { slug: "ips", name: "Inter Press Service", kind: "WIRE_AGENCY", aliases: ["IPS"] },
  { slug: "ians", name: "Indo-Asian News Service", kind: "WIRE_AGENCY", aliases: ["IANS", "Indo Asian News Service"] },
  { slug: "cns", name: "Catholic News Service", kind: "WIRE_AGENCY", aliases: ["CNS"] },
  { slug: "bernama", name: "Bernama", kind: "WIRE_AGENCY", aliases: ["Malaysian National News Agency"] },
  { slug: "antara", name: "Antara", kind: "WIRE_AGENCY", aliases: ["Antara News Agency"] },
  { slug: "pna", name: "Philippine News Agency", kind: "WIRE_AGENCY", aliases: ["PNA"] },
  // Broadcasters.
  { slug: "cnn", name: "CNN", kind: "BROADCASTER", aliases: ["Cable News Network", "CNN.com"] },
  { slug: "bbc", name: "BBC", kind: "BROADCASTER", aliases: ["BBC News", "British Broadcasting Corporation", "BBC.co.uk"] },
  { slug: "al-jazeera", name: "Al Jazeera", kind: "BROADCASTER", aliases: ["Al-Jazeera", "Aljazeera", "Al Jazeera English", "Aljazeera.com"] },
  { slug: "al-arabiya", name: "Al Arabiya", kind: "BROADCASTER", aliases: ["Al-Arabiya", "Alarabiya"] },
  { slug: "npr", name: "NPR", kind: "BROADCASTER", aliases: ["National Public Radio"] },
  { slug: "abc-news", name: "ABC News", kind: "BROADCASTER", aliases: ["ABC"] },
  { slug: "cbs-news", name: "CBS News", kind: "BROADCASTER", aliases: ["CBS"] },
  { slug: "nbc-news", name: "NBC News", kind: "BROADCASTER", aliases: ["NBC"] },
  { slug: "fox-news", name: "Fox News", kind: "BROADCASTER", aliases: ["FOX"] },
  { slug: "sky-news", name: "Sky News", kind: "BROADCASTER", aliases: [] },
  { slug: "dw", name: "Deutsche Welle", kind: "BROADCASTER", aliases: ["DW"] },
  { slug: "france-24", name: "France 24", kind: "BROADCASTER", aliases: ["France24"] },
  { slug: "rfe-rl", name: "Radio Free Europe/Radio Liberty", kind: "BROADCASTER", aliases: ["RFE/RL", "Radio Free Europe"] },
  { slug: "voa", name: "Voice of America", kind: "BROADCASTER", aliases: ["VOA"] },
  { slug: "press-tv", name: "Press TV", kind: "BROADCASTER", aliases: ["PressTV"] },
  // Newspapers.
  { slug: "nytimes", name: "The New York Times", kind: "NEWSPAPER", aliases: ["New York Times", "NYT", "NYTimes.com"] },
  { slug: "washington-post", name: "The Washington Post", kind: "NEWSPAPER", aliases: ["Washington Post", "WashingtonPost.com"] },
  { slug: "guardian", name: "The Guardian", kind: "NEWSPAPER", aliases: ["Guardian", "TheGuardian.com"] },
  { slug: "wsj", name: "The Wall Street Journal", kind: "NEWSPAPER", aliases: ["Wall Street Journal", "WSJ"] },
  { slug: "los-angeles-times", name: "Los Angeles Times", kind: "NEWSPAPER", aliases: ["LA Times", "L.A. Times"] },
  { slug: "times", name: "The Times", kind: "NEWSPAPER", aliases: ["The Times of London"] },
  { slug: "telegraph", name: "The Daily Telegraph", kind: "NEWSPAPER", aliases: ["The Telegraph", "Telegraph"] },
  { slug: "independent", name: "The Independent", kind: "NEWSPAPER", aliases: ["Independent"] },
  { slug: "financial-times", name: "Financial Times", kind: "NEWSPAPER", aliases: ["FT"] },
  { slug: "usa-today", name: "USA Today", kind: "NEWSPAPER", aliases: [] },
  { slug: "christian-science-monitor", name: "The Christian Science Monitor", kind: "NEWSPAPER", aliases: ["Christian Science Monitor"] },
  { slug: "le-monde", name: "Le Monde", kind: "NEWSPAPER", aliases: [] },
  { slug: "der-spiegel", name: "Der Spiegel", kind: "NEWSPAPER", aliases: ["Spiegel"] },
  { slug: "haaretz", name: "Haaretz", kind: "NEWSPAPER", aliases: [] },
  { slug: "daily-star", name: "The Daily Star", kind: "NEWSPAPER", aliases: ["Daily Star"] },
  { slug: "gulf-news", name: "Gulf News", kind: "NEWSPAPER", aliases: [] },
  { slug: "tehran-times", name: "Tehran Times", kind: "NEWSPAPER", aliases: [] },
  // Aggregators and advocacy sites that republish wire copy.
  { slug: "ncri", name: "National Council of Resistance of Iran", kind: "ADVOCACY", aliases: ["NCRI", "NCRI.org"] },
  { slug: "iranfocus", name: "Iran Focus", kind: "AGGREGATOR", aliases: ["IranFocus", "IranFocus.com"] },
  { slug: "iranpressnews", name: "IranPressNews", kind: "AGGREGATOR", aliases: ["Iran Press News", "IranPressNews.com"] },
  { slug: "yahoo-news", name: "Yahoo News", kind: "AGGREGATOR", aliases: ["Yahoo! News", "Yahoo"] },
  { slug: "google-news", name: "Google News", kind: "AGGREGATOR", aliases: [] },
  { slug: "msn", name: "MSN", kind: "AGGREGATOR", aliases: ["MSN News"] },
];

/** The known outlets, without their aliases (plain `OutletRef`s for callers to store). */
export const KNOWN_OUTLETS: OutletRef[] = TABLE.map(({ slug, name, kind }) => ({ slug, name, kind }));

/** Case, dashes, dots and spacing vary between printings of one name; compare on this. */
function lookupKey(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "");
}

const BY_KEY = new Map<string, OutletRef>();
for (const outlet of TABLE) {
  const ref = { slug: outlet.slug, name: outlet.name, kind: outlet.kind };
  for (const spelling of [outlet.slug, outlet.name, ...outlet.aliases]) {
    BY_KEY.set(lookupKey(spelling), ref);
  }
}

/** A web address's registrable part is the outlet's usual name: "examplenews.com" -> "examplenews". */
const SITE_SUFFIX = /\.(?:com|org|net|info|news|co\.uk|co|ir|de|fr|uk|eu|int|tv|io)$/i;

/**
 * The known outlet a name or wire tag refers to, or null.
 * A compound tag such as "dpa – Deutsche Presse-Agentur" is tried whole, then part by part,
 * because agencies print their short and long names together.
 */
export function findOutlet(nameOrTag: string): OutletRef | null {
  const tag = nameOrTag.trim().replace(/^\(|\)$/g, "").trim();
  if (!tag) return null;
  const candidates = [tag, tag.replace(/^www\./i, ""), tag.replace(/^www\./i, "").replace(SITE_SUFFIX, "")];
  for (const candidate of candidates) {
    const found = BY_KEY.get(lookupKey(candidate));
    if (found) return { ...found };
  }
  const parts = tag.split(/\s+[-–—/|,]+\s+|\s*\/\s*/).filter((part) => part && part !== tag);
  for (const part of parts) {
    const found = findOutlet(part);
    if (found) return found;
  }
  return null;
}

/** A stable slug for an outlet the table does not know: lowercase, non-alphanumerics to "-". */
export function outletSlug(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/^www\./i, "")
    .replace(SITE_SUFFIX, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/** The known outlet of that name, or a new one with a derived slug (kind OTHER unless told). */
export function outletFromName(name: string, kind: OutletKind = "OTHER"): OutletRef {
  const known = findOutlet(name);
  if (known) return known;
  const printed = name.trim().replace(/^\(|\)$/g, "").trim();
  return { slug: outletSlug(printed), name: printed, kind };
}

/**
 * The site a page address belongs to: its registrable domain by the Public Suffix List
 * ("https://tnp.straitstimes.com/x" -> "straitstimes.com", "english.cntv.cn" -> "cntv.cn").
 * Private suffixes count, so each blog on a shared host is its own site. Null for anything that
 * is not a web address with a public domain (IP addresses, "localhost", "urn:...").
 */
export function siteDomain(url: string): string | null {
  if (!/^https?:\/\//i.test(url.trim())) return null;
  const parsed = parseAddress(url.trim(), { allowPrivateDomains: true });
  if (parsed.isIp || !parsed.domain || !parsed.publicSuffix) return null;
  return parsed.domain.toLowerCase();
}

/** A domain-shaped name ("ExampleNews.com"): compare it with the page's own domain rather than trust it. */
const DOMAIN_SHAPED = /^(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)+$/i;

/**
 * The outlet behind a page address: a known outlet when its domain is one, else a new one whose slug
 * comes from the domain (so every page of a site lands on one outlet) and whose display name is the
 * name the page gives itself, when it gives one that fits (`og:site_name`, a copyright or site-name
 * line), else the domain itself.
 */
export function hostFromUrl(url: string, pageName?: string | null): OutletRef | null {
  const domain = siteDomain(url);
  if (!domain) return null;
  const known = findOutlet(domain);
  if (known) return known;
  return { slug: outletSlug(domain), name: siteNameFits(pageName, domain) ? pageName!.trim() : domain, kind: "OTHER" };
}

function siteNameFits(name: string | null | undefined, domain: string): boolean {
  const printed = name?.trim();
  if (!printed || printed.length > 60 || /[\n\r]/.test(printed)) return false;
  // Another site's address, or an agency's notice travelling with its copy, does not name this site.
  if (DOMAIN_SHAPED.test(printed)) return siteDomain(`https://${printed.replace(/^www\./i, "")}`) === domain;
  return findOutlet(printed)?.kind !== "WIRE_AGENCY";
}
