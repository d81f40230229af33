import { hostFromUrl, siteDomain } from "../../src/extraction/outlets";
import { formatOfFile, parseSource, SourceFormatError } from "../../src/ingest/formats";
import { articleClaims, resolveMetadata } from "../../src/ingest/load-article";
import { CLUTTERED_PAGE } from "../fixtures/pages";

describe("parseSource", () => {
  it("reads a saved HTML page: the article's paragraphs only, metadata from its <meta> tags", () => {
    const { raw, cleaned } = parseSource({ format: "html", content: CLUTTERED_PAGE });
    expect(raw).toBe(CLUTTERED_PAGE);
    expect(cleaned.headline).toBe("Ferry fire kills 14 off Palawa coast");
    expect(cleaned.body.split("\n\n")).toHaveLength(3);
    expect(cleaned.body).toMatch(/^PALAWA CITY - At least 14 people died/);
    for (const clutter of ["Most read", "Lottery", "9,000", "Offices in 12", "1500 Bayview", "410 tourists", "37 comments", "Top 50"]) {
      expect(cleaned.body).not.toContain(clutter);
    }
    expect(cleaned.publishedAt).toBe("2031-04-08T22:45:00.000Z");
    expect(cleaned.byline).toBe("Lena Marquez");
    expect(cleaned.url).toBe("https://www.harbourcourier.example.com.ph/news/2031/ferry-fire-kills-14");
    expect(cleaned.host?.name).toBe("The Harbour Courier");
  });

  it("reads an IPTC ninjs item: headline, body_text, byline, versioncreated with its time, the agency as origin", () => {
    const item = {
      uri: "urn:newsml:example-agency:20310409:ferry-fire",
      type: "text",
      headline: "Ferry fire toll rises to 17",
      byline: "By Tomas Rey",
      versioncreated: "2031-04-09T11:20:00Z",
      firstcreated: "2031-04-09T07:05:00Z",
      located: "Palawa City",
      copyrightholder: "Agence France-Presse",
      body_text:
        "PALAWA CITY (AFP) - The death toll from a ferry fire rose to 17 on Wednesday, the coast guard said.\n\nAbout 200 passengers were rescued.",
    };
    const { cleaned } = parseSource({ format: "ninjs", content: JSON.stringify(item) });
    expect(cleaned.headline).toBe("Ferry fire toll rises to 17");
    expect(cleaned.publishedAt).toBe("2031-04-09T11:20:00.000Z");
    expect(cleaned.byline).toBe("Tomas Rey");
    expect(cleaned.origin?.slug).toBe("afp");
    expect(cleaned.body).toContain("rose to 17");
    expect(cleaned.url).toBeNull();
  });

  it("reads a ninjs body_html as paragraphs", () => {
    const item = {
      headline: "Bridge closed",
      body_html: "<p>The bridge was closed for 6 hours.</p><p>Traffic backed up for 4 km, police said.</p>",
      provider: { name: "Example Wire" },
    };
    const { cleaned } = parseSource({ format: "ninjs", content: JSON.stringify(item) });
    expect(cleaned.body).toBe("The bridge was closed for 6 hours.\n\nTraffic backed up for 4 km, police said.");
    expect(cleaned.origin?.name).toBe("Example Wire");
  });

  it.each([
    ["html", "just some words, no markup at all", /not HTML/],
    ["html", "<html><body><nav><a>Home</a></nav></body></html>", /no article text/],
    ["ninjs", "{ not json", /not valid JSON/],
    ["ninjs", "[1, 2]", /JSON object/],
    ["ninjs", JSON.stringify({ headline: "No body here" }), /body_text/],
    ["ninjs", JSON.stringify({ headline: 42, body_text: "Text." }), /"headline" must be a string/],
    ["ninjs", JSON.stringify({ body_text: "Text.", versioncreated: "yesterday-ish" }), /versioncreated.*not a date/],
  ] as const)("says why a malformed %s source cannot be read", (format, content, reason) => {
    expect(() => parseSource({ format, content })).toThrow(SourceFormatError);
    expect(() => parseSource({ format, content })).toThrow(reason);
  });

  it("knows the formats by file name", () => {
    expect(["a.txt", "b.HTML", "c.htm", "d.json", "manifest.json", "e.pdf"].map(formatOfFile)).toEqual([
      "text",
      "html",
      "html",
      "ninjs",
      null,
      null,
    ]);
  });
});

describe("outlets from the page address", () => {
  it("takes the registrable domain from the Public Suffix List", () => {
    expect(siteDomain("https://www.northgazette.example.co.uk/news/1")).toBe("example.co.uk");
    expect(siteDomain("https://tnp.harbourtimes.com.sg/node/65357")).toBe("harbourtimes.com.sg");
    expect(siteDomain("http://english.valleypost.cn/2031/a.htm")).toBe("valleypost.cn");
    expect(siteDomain("https://ridgewatch.blogspot.com/2031/04/post.html")).toBe("ridgewatch.blogspot.com");
    expect(siteDomain("urn:newsml:agency:1")).toBeNull();
    expect(siteDomain("http://192.168.0.7/page")).toBeNull();
  });

  it("names the host as the page names itself, else by a known outlet, else by its domain", () => {
    expect(hostFromUrl("https://tnp.harbourtimes.com.sg/node/1", "The Harbour Times")).toEqual({
      slug: "harbourtimes-com-sg",
      name: "The Harbour Times",
      kind: "OTHER",
    });
    expect(hostFromUrl("https://tnp.harbourtimes.com.sg/node/1")?.name).toBe("harbourtimes.com.sg");
    expect(hostFromUrl("https://www.reuters.com/world/x")?.slug).toBe("reuters");
    // An agency's notice or another site's address is not this site's name.
    expect(hostFromUrl("https://valleypost.cn/a", "Xinhua")?.name).toBe("valleypost.cn");
    expect(hostFromUrl("https://valleypost.cn/a", "www.othersite.com")?.name).toBe("valleypost.cn");
  });

  it("gives a page whose only clue is its URL line the right host, and no claim from the URL", () => {
    const page =
      "https://tnp.harbourtimes.com.sg/news/2031/04/09/17-dead-in-ferry-fire-3405\nSeventeen people died in the fire on Tuesday, officials said, and 40 were hurt.\n";
    const { cleaned } = parseSource({ format: "text", content: page });
    const resolved = resolveMetadata(cleaned, {}, {});
    expect(resolved.host.slug).toBe("harbourtimes-com-sg");
    expect(resolved.origin.slug).toBe("harbourtimes-com-sg");
    expect(resolved.noOutlet).toBe(false);
    const values = articleClaims(resolved.headline, cleaned.body).map(({ claim }) => claim.value);
    expect(values).toEqual(expect.arrayContaining([17, 40]));
    for (const fromUrl of [2031, 4, 9, 3405]) expect(values).not.toContain(fromUrl);
  });

  it("reads wire credits where they usually stand", () => {
    const credited = (text: string) => parseSource({ format: "text", content: text }).cleaned.origin?.slug ?? null;
    expect(
      credited("Quake shakes the coast\n\nBy IANS\n\nKOTA, June 3 - A quake of magnitude 5.1 shook the coast on Monday, officials said.\n"),
    ).toBe("ians");
    expect(
      credited(
        "Quake shakes the coast\n\nBy Mira Sen, Reuters\n\nA quake of magnitude 5.1 shook the coast on Monday, officials said in a statement.\n",
      ),
    ).toBe("reuters");
    expect(
      credited("Quake shakes the coast\n\nKOTA, June 3 – Xinhua. A quake of magnitude 5.1 shook the coast on Monday, officials said.\n"),
    ).toBe("xinhua");
    expect(
      credited(
        "Quake shakes the coast\n\nA quake of magnitude 5.1 shook the coast on Monday, officials said in a statement.\n\nNo damage was reported in the town, the mayor said on the radio. — AFP\n",
      ),
    ).toBe("afp");
    expect(
      credited(
        "Quake shakes the coast\n\nA quake of magnitude 5.1 shook the coast on Monday, officials said in a statement.\n\nCatholic News Service\n",
      ),
    ).toBe("cns");
    expect(
      credited("Quake shakes the coast\n\nA quake of magnitude 5.1 shook the coast on Monday, officials told AFP in a statement.\n"),
    ).toBeNull();
  });
});

describe("publication time of a text page", () => {
  it("keeps the clock time printed beside the date stamp", () => {
    const page =
      "Flood waters recede\n\nPUBLISHED : Tuesday, 8 April, 2031, 11:36pm\n\nFlood waters receded on Tuesday after 3 days of rain, officials said in a statement.\n";
    const { cleaned } = parseSource({ format: "text", content: page });
    expect([cleaned.publishedAt, cleaned.publishedTime]).toEqual(["2031-04-08", "23:36"]);
    expect(resolveMetadata(cleaned, {}, {}).publishedAt?.toISOString()).toBe("2031-04-08T23:36:00.000Z");
  });
});

describe("headline figures", () => {
  it("are claims whose quotes index the headline; a figure the lead repeats takes the lead's hedge", () => {
    const headline = "Ferry fire kills 14 off Palawa coast";
    const body = "At least 14 people died when fire swept through a passenger ferry off the Palawa coast on Tuesday, the coast guard said.";
    const claims = articleClaims(headline, body);
    const inHeadline = claims.filter((entry) => entry.field === "HEADLINE");
    expect(inHeadline).toHaveLength(1);
    const [{ claim }] = inHeadline;
    expect(headline.slice(claim.quote.start, claim.quote.end)).toBe(claim.quote.exact);
    expect(claim.value).toBe(14);
    const lead = claims.find((entry) => entry.field === "BODY" && entry.claim.value === 14)!.claim;
    expect(claim.factKey).toBe(lead.factKey);
    expect([claim.hedge, claim.lower, claim.upper]).toEqual([lead.hedge, lead.lower, lead.upper]);
  });

  it("are not read from a headline that is only an address", () => {
    expect(
      articleClaims("https://example.com/2031/14-dead", "Nothing to count here.").filter((entry) => entry.field === "HEADLINE"),
    ).toHaveLength(0);
  });
});
