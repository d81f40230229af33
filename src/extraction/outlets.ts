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
  /** Registrable domains the outlet publishes under ("reuters.com"). */
  domains?: string[];
}

const TABLE: KnownOutlet[] = [
  // Wire agencies: the usual origin of syndicated copy.
  { slug: "reuters", name: "Reuters", kind: "WIRE_AGENCY", aliases: ["Thomson Reuters", "Reuters.com"], domains: ["reuters.com"] },
  {
    slug: "afp",
    name: "Agence France-Presse",
    kind: "WIRE_AGENCY",
    aliases: ["AFP", "Agence France Presse", "France-Presse", "France Presse"],
    domains: ["afp.com"],
  },
  {
    slug: "ap",
    name: "Associated Press",
    kind: "WIRE_AGENCY",
    aliases: ["AP", "The Associated Press", "APNews.com"],
    domains: ["apnews.com", "ap.org"],
  },
  { slug: "dpa", name: "Deutsche Presse-Agentur", kind: "WIRE_AGENCY", aliases: ["dpa", "Deutsche Presse Agentur"] },
  { slug: "xinhua", name: "Xinhua", kind: "WIRE_AGENCY", aliases: ["Xinhua News Agency", "XINHUA"], domains: ["xinhuanet.com", "news.cn"] },
  { slug: "upi", name: "United Press International", kind: "WIRE_AGENCY", aliases: ["UPI"] },
  { slug: "efe", name: "EFE", kind: "WIRE_AGENCY", aliases: ["Agencia EFE"] },
  { slug: "ansa", name: "ANSA", kind: "WIRE_AGENCY", aliases: ["Agenzia Nazionale Stampa Associata"] },
  { slug: "kyodo", name: "Kyodo News", kind: "WIRE_AGENCY", aliases: ["Kyodo"] },
  { slug: "bloomberg", name: "Bloomberg", kind: "WIRE_AGENCY", aliases: ["Bloomberg News"] },
  { slug: "pa", name: "PA Media", kind: "WIRE_AGENCY", aliases: ["Press Association"] },
  { slug: "ani", name: "Asian News International", kind: "WIRE_AGENCY", aliases: ["ANI"] },
  { slug: "pti", name: "Press Trust of India", kind: "WIRE_AGENCY", aliases: ["PTI"] },
  { slug: "tass", name: "TASS", kind: "WIRE_AGENCY", aliases: ["ITAR-TASS"] },
  { slug: "ria-novosti", name: "RIA Novosti", kind: "WIRE_AGENCY", aliases: ["RIA"], domains: ["ria.ru"] },
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
  {
    slug: "bbc",
    name: "BBC",
    kind: "BROADCASTER",
    aliases: ["BBC News", "British Broadcasting Corporation", "BBC.co.uk"],
    domains: ["bbc.co.uk", "bbc.com"],
  },
  {
    slug: "al-jazeera",
    name: "Al Jazeera",
    kind: "BROADCASTER",
    aliases: ["Al-Jazeera", "Aljazeera", "Al Jazeera English", "Aljazeera.com"],
  },
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
  {
    slug: "guardian",
    name: "The Guardian",
    kind: "NEWSPAPER",
    aliases: ["Guardian", "TheGuardian.com"],
    domains: ["theguardian.com", "guardian.co.uk"],
  },
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
  { slug: "scmp", name: "South China Morning Post", kind: "NEWSPAPER", aliases: ["SCMP"], domains: ["scmp.com"] },
  { slug: "straits-times", name: "The Straits Times", kind: "NEWSPAPER", aliases: ["Straits Times"], domains: ["straitstimes.com"] },
  {
    slug: "china-daily",
    name: "China Daily",
    kind: "NEWSPAPER",
    aliases: [],
    domains: ["chinadaily.com.cn", "chinadailyasia.com", "chinadailyhk.com"],
  },
  { slug: "global-times", name: "Global Times", kind: "NEWSPAPER", aliases: [], domains: ["globaltimes.cn"] },
  { slug: "japan-times", name: "The Japan Times", kind: "NEWSPAPER", aliases: ["Japan Times"], domains: ["japantimes.co.jp"] },
  { slug: "korea-herald", name: "The Korea Herald", kind: "NEWSPAPER", aliases: ["Korea Herald"], domains: ["koreaherald.com"] },
  { slug: "hindustan-times", name: "Hindustan Times", kind: "NEWSPAPER", aliases: [], domains: ["hindustantimes.com"] },
  {
    slug: "times-of-india",
    name: "The Times of India",
    kind: "NEWSPAPER",
    aliases: ["Times of India", "TOI"],
    domains: ["indiatimes.com"],
  },
  { slug: "the-hindu", name: "The Hindu", kind: "NEWSPAPER", aliases: [], domains: ["thehindu.com"] },
  { slug: "indian-express", name: "The Indian Express", kind: "NEWSPAPER", aliases: ["Indian Express"], domains: ["indianexpress.com"] },
  { slug: "ndtv", name: "NDTV", kind: "BROADCASTER", aliases: [], domains: ["ndtv.com"] },
  { slug: "dawn", name: "Dawn", kind: "NEWSPAPER", aliases: [], domains: ["dawn.com"] },
  {
    slug: "inquirer",
    name: "Philippine Daily Inquirer",
    kind: "NEWSPAPER",
    aliases: ["Inquirer", "Inquirer.net"],
    domains: ["inquirer.net"],
  },
  { slug: "rappler", name: "Rappler", kind: "OTHER", aliases: [], domains: ["rappler.com"] },
  { slug: "jakarta-post", name: "The Jakarta Post", kind: "NEWSPAPER", aliases: ["Jakarta Post"], domains: ["thejakartapost.com"] },
  { slug: "bangkok-post", name: "Bangkok Post", kind: "NEWSPAPER", aliases: [], domains: ["bangkokpost.com"] },
  { slug: "smh", name: "The Sydney Morning Herald", kind: "NEWSPAPER", aliases: ["Sydney Morning Herald", "SMH"], domains: ["smh.com.au"] },
  { slug: "abc-australia", name: "ABC News (Australia)", kind: "BROADCASTER", aliases: [], domains: ["abc.net.au"] },
  { slug: "nz-herald", name: "The New Zealand Herald", kind: "NEWSPAPER", aliases: ["NZ Herald"], domains: ["nzherald.co.nz"] },
  { slug: "irish-times", name: "The Irish Times", kind: "NEWSPAPER", aliases: ["Irish Times"], domains: ["irishtimes.com"] },
  { slug: "irish-examiner", name: "Irish Examiner", kind: "NEWSPAPER", aliases: [], domains: ["irishexaminer.com"] },
  { slug: "scotsman", name: "The Scotsman", kind: "NEWSPAPER", aliases: ["Scotsman"], domains: ["scotsman.com"] },
  { slug: "mail-guardian", name: "Mail & Guardian", kind: "NEWSPAPER", aliases: ["Mail and Guardian"], domains: ["mg.co.za"] },
  { slug: "news24", name: "News24", kind: "OTHER", aliases: [], domains: ["news24.com"] },
  { slug: "daily-nation", name: "Daily Nation", kind: "NEWSPAPER", aliases: [], domains: ["nation.africa"] },
  { slug: "globe-and-mail", name: "The Globe and Mail", kind: "NEWSPAPER", aliases: ["Globe and Mail"], domains: ["theglobeandmail.com"] },
  { slug: "toronto-star", name: "Toronto Star", kind: "NEWSPAPER", aliases: [], domains: ["thestar.com"] },
  { slug: "cbc", name: "CBC News", kind: "BROADCASTER", aliases: ["CBC"], domains: ["cbc.ca"] },
  { slug: "seattle-times", name: "The Seattle Times", kind: "NEWSPAPER", aliases: ["Seattle Times"], domains: ["seattletimes.com"] },
  { slug: "chicago-tribune", name: "Chicago Tribune", kind: "NEWSPAPER", aliases: [], domains: ["chicagotribune.com"] },
  { slug: "el-pais", name: "El País", kind: "NEWSPAPER", aliases: ["El Pais"], domains: ["elpais.com"] },
  { slug: "euronews", name: "Euronews", kind: "BROADCASTER", aliases: [], domains: ["euronews.com"] },
  { slug: "politico", name: "Politico", kind: "NEWSPAPER", aliases: [], domains: ["politico.com", "politico.eu"] },
  {
    slug: "kyiv-independent",
    name: "The Kyiv Independent",
    kind: "NEWSPAPER",
    aliases: ["Kyiv Independent"],
    domains: ["kyivindependent.com"],
  },
  { slug: "moscow-times", name: "The Moscow Times", kind: "NEWSPAPER", aliases: ["Moscow Times"], domains: ["themoscowtimes.com"] },
  { slug: "times-of-israel", name: "The Times of Israel", kind: "NEWSPAPER", aliases: ["Times of Israel"], domains: ["timesofisrael.com"] },
  { slug: "arab-news", name: "Arab News", kind: "NEWSPAPER", aliases: [], domains: ["arabnews.com"] },
  { slug: "china-org-cn", name: "China.org.cn", kind: "OTHER", aliases: [], domains: ["china.org.cn"] },
  { slug: "cgtn", name: "CGTN", kind: "BROADCASTER", aliases: ["CCTV"], domains: ["cgtn.com", "cctv.com", "cntv.cn"] },
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

const BY_DOMAIN = new Map<string, OutletRef>();
for (const outlet of TABLE) {
  for (const domain of outlet.domains ?? []) BY_DOMAIN.set(domain, { slug: outlet.slug, name: outlet.name, kind: outlet.kind });
}

/** A web address's registrable part is the outlet's usual name: "examplenews.com" -> "examplenews". */
const SITE_SUFFIX = /\.(?:com|org|net|info|news|co\.uk|co|ir|de|fr|uk|eu|int|tv|io)$/i;

/**
 * The known outlet a name or wire tag refers to, or null.
 * A compound tag such as "dpa – Deutsche Presse-Agentur" is tried whole, then part by part,
 * because agencies print their short and long names together.
 */
export function findOutlet(nameOrTag: string): OutletRef | null {
  const tag = nameOrTag
    .trim()
    .replace(/^\(|\)$/g, "")
    .trim();
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
  const printed = name
    .trim()
    .replace(/^\(|\)$/g, "")
    .trim();
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
  const known = BY_DOMAIN.get(domain) ?? findOutlet(domain);
  if (known) return { ...known };
  // The whole domain makes the slug: example.net and example.org are two sites.
  return { slug: domain.replace(/[^a-z0-9]+/g, "-"), name: siteNameFits(pageName, domain) ? pageName!.trim() : domain, kind: "OTHER" };
}

function siteNameFits(name: string | null | undefined, domain: string): boolean {
  const printed = name?.trim();
  if (!printed || printed.length > 60 || /[\n\r]/.test(printed)) return false;
  // Another site's address, or an agency's notice travelling with its copy, does not name this site.
  if (DOMAIN_SHAPED.test(printed)) return siteDomain(`https://${printed.replace(/^www\./i, "")}`) === domain;
  return findOutlet(printed)?.kind !== "WIRE_AGENCY";
}
