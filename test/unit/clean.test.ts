import { readFileSync } from "fs";
import { join } from "path";
import { cleanArticle, findDateline } from "../../src/extraction/clean";
import { findOutlet, KNOWN_OUTLETS, outletFromName } from "../../src/extraction/outlets";

const SEEDS = join(__dirname, "../../seeds/baghdad-talks-2007");
const seed = (name: string) => cleanArticle(readFileSync(join(SEEDS, `${name}.txt`), "utf8"));

const CNN = "us-tells-iran-face-to-face";
const REUTERS = "us-tells-iran-to-stop-backing-iraq-militias";
const DPA = "iran-us-talks-end-without-breakthrough";
const REUTERS_COPY = "us-tells-iran-to-stop-backing-iraq-militias-copy";
const AFP = "us-and-iran-trade-blame-over-iraq-chaos";

/** Page furniture seen around the seed articles; none of it may reach a body. */
const CLUTTER = [
  "Exit mobile version",
  "Latest news",
  "Must read",
  "You might also like",
  "Recommended to you",
  "RELATED",
  "©",
  "copyright",
  "browser",
  "tablet",
  "12 years ago",
  "Full story",
  "0 : 0",
  "Home",
  "News On Iran",
  "July 16, 2024",
  "Monday 28 May 2007",
  "9:26 AM",
  "NCRI",
  "By Ross Colvin",
  // Teaser headlines and snippets from the aggregator's sidebar.
  "Canadian Intel",
  "Price of Housing in Tehran",
  "Canadian Parliament Approves",
  "Medical Society is in Crisis",
  "Evading Oil Sanctions",
  "IAEA Director Says",
  "Revelations Over",
  "push nuclear agenda",
  "It’s been feted",
];

describe("cleanArticle on the seed pages", () => {
  const expectations = [
    {
      name: CNN,
      origin: "cnn",
      host: "iranpressnews",
      publishedAt: "2007-05-28",
      byline: null,
      dateline: "BAGHDAD, Iraq (CNN)",
      headline: "U.S. tells Iran face to face: Stop supporting militias",
      paragraphs: 33,
      first: "BAGHDAD, Iraq (CNN) -- The United States told Iran on Monday",
      last: "they have taken part in informal meetings with Iraq's neighbors in recent months.",
    },
    {
      name: REUTERS,
      origin: "reuters",
      host: null,
      publishedAt: "2007-05-28",
      byline: "Ross Colvin",
      dateline: "BAGHDAD, May 28 (Reuters)",
      headline: "US tells Iran to stop backing Iraq militias",
      paragraphs: 21,
      first: "BAGHDAD, May 28 (Reuters) - The United States urged Iran on Monday",
      last: "with minority Sunnis, the backbone of the insurgency.",
    },
    {
      name: DPA,
      origin: "dpa",
      host: null,
      publishedAt: null,
      byline: null,
      dateline: "Baghdad (dpa – Deutsche Presse-Agentur)",
      headline: "Iran-US talks end without breakthrough",
      paragraphs: 27,
      first: "Baghdad – (dpa – Deutsche Presse-Agentur) Iran and the United States on Monday",
      last: "especially as unresolved issues had reportedly remained as such.",
    },
    {
      name: REUTERS_COPY,
      origin: "reuters",
      host: null,
      publishedAt: null,
      byline: "Ross Colvin",
      dateline: "BAGHDAD (Reuters)",
      headline: "U.S. tells Iran to stop backing Iraq militias",
      paragraphs: 19,
      first: "BAGHDAD (Reuters) – Washington’s top official in Iraq said",
      last: "(Additional reporting by Fredrik Dahl in Tehran)",
    },
    {
      name: AFP,
      origin: "afp",
      host: "ncri",
      publishedAt: null,
      byline: null,
      dateline: "BAGHDAD (AFP)",
      headline: "US and Iran trade blame over Iraq chaos",
      paragraphs: 22,
      first: "BAGHDAD (AFP) – The United States and Iran traded accusations",
      last: '"In return we look for a similar stance from the other states, especially our neighbours."',
    },
  ];

  describe.each(expectations)("$name", (expected) => {
    const article = seed(expected.name);
    const paragraphs = article.body.split("\n\n");

    it("names who wrote it and where it was taken from", () => {
      expect(article.origin?.slug).toBe(expected.origin);
      expect(article.host?.slug ?? null).toBe(expected.host);
    });

    it("reads headline, byline, dateline and publication date", () => {
      expect(article.headline).toBe(expected.headline);
      expect(article.byline).toBe(expected.byline);
      expect(article.dateline).toBe(expected.dateline);
      expect(article.publishedAt).toBe(expected.publishedAt);
      expect(article.url).toBeNull();
    });

    it("keeps every article paragraph, first to last", () => {
      expect(paragraphs).toHaveLength(expected.paragraphs);
      expect(paragraphs[0].startsWith(expected.first)).toBe(true);
      expect(paragraphs[paragraphs.length - 1].endsWith(expected.last)).toBe(true);
    });

    it("leaves no page clutter in the body", () => {
      for (const marker of CLUTTER) expect(article.body).not.toContain(marker);
      // Sidebar snippets are cut off with an ellipsis; article paragraphs are not.
      for (const paragraph of paragraphs) expect(paragraph).not.toMatch(/(?:\.\.\.|…)$/);
      expect(article.body).not.toContain(expected.headline + "\n");
    });

    it("builds the body deterministically from trimmed paragraphs", () => {
      expect(seed(expected.name).body).toBe(article.body);
      for (const paragraph of paragraphs) {
        expect(paragraph).toBe(paragraph.trim());
        expect(paragraph.length).toBeGreaterThan(0);
      }
    });

    it("keeps the raw page verbatim", () => {
      expect(article.raw).toBe(readFileSync(join(SEEDS, `${expected.name}.txt`), "utf8"));
    });
  });

  it("keeps in-article subheads and the additional-reporting credit", () => {
    expect(seed(CNN).body.split("\n\n")).toEqual(expect.arrayContaining(["No talk of prisoner swap", "Talks mark rare meeting"]));
    const copy = seed(REUTERS_COPY).body.split("\n\n");
    expect(copy).toContain("HAND SHAKE");
    expect(copy).toContain("(Additional reporting by Fredrik Dahl in Tehran)");
  });

  it("drops an inline (Full story) link but keeps its sentence", () => {
    expect(seed(CNN).body).toContain("There was no immediate response from the White House.\n\n");
  });

  it("drops the aggregator teaser that the lead repeats, keeping the lead", () => {
    const body = seed(REUTERS_COPY).body;
    expect(body).not.toContain("Reuters: ");
    const lead = "Washington’s top official in Iraq said he told an Iranian delegation";
    expect(body.indexOf(lead)).toBe(body.lastIndexOf(lead));
  });

  it("keeps paragraphs that were separated by a single line break", () => {
    const paragraphs = seed(AFP).body.split("\n\n");
    expect(paragraphs).toContain('"If it is possible, it will happen," the assistant said.');
  });
});

describe("cleanArticle on pages of other shapes", () => {
  it("takes a headline that ends on a quoted phrase for the headline, and drops its repeats over the photo", () => {
    const article = cleanArticle(
      [
        "https://www.example.org/city/2021-05-09/rally.html",
        "Home > City",
        "Sunday, May 9, 2021, 17:05",
        "12,000 rally in Norport to back the 'Clean Harbour'",
        "By Mina Obi in Norport",
        "12,000 rally in Norport to back the 'Clean Harbour'",
        "12,000 rally in Norport to back the 'Clean Harbour'",
        "About 12,000 people marched along the seafront on Sunday to back the city's harbour plan, organisers said.",
        "Police put the crowd at 9,500.",
      ].join("\n"),
    );
    expect(article.headline).toBe("12,000 rally in Norport to back the 'Clean Harbour'");
    expect(article.body.split("\n\n")).toEqual([
      "About 12,000 people marched along the seafront on Sunday to back the city's harbour plan, organisers said.",
      "Police put the crowd at 9,500.",
    ]);
  });

  it("splits a labelled date stamp glued to the first paragraph off it, as the publication date", () => {
    const article = cleanArticle(
      [
        "https://www.example.org/region/2022-11-04/ferry.html",
        " date 2022-11-04 PORTVILLE: At least 14 people drowned when a ferry capsized on Friday, police said.",
        "Divers found 3 more bodies on Saturday.",
      ].join("\n"),
    );
    expect(article.publishedAt).toBe("2022-11-04");
    expect(article.body.split("\n\n")[0]).toBe("PORTVILLE: At least 14 people drowned when a ferry capsized on Friday, police said.");
  });

  it("reads a byline with a handle and a date, and drops a photo caption that ends on agency//photographer", () => {
    const article = cleanArticle(
      [
        "https://example.blogspot.com/2021/05/rally.html",
        "By Mina Obi @minaobi May 9, 2021",
        "Waiting for the bus. Reuters//Ana Ruiz",
        "Thousands of people marched along the seafront on Sunday to back the city's harbour plan, organisers said.",
      ].join("\n"),
    );
    expect(article.byline).toBe("Mina Obi");
    expect(article.headline).toBeNull();
    expect(article.body).toBe("Thousands of people marched along the seafront on Sunday to back the city's harbour plan, organisers said.");
  });

  it("drops an archive banner ('This was published 18 years ago')", () => {
    const article = cleanArticle(
      [
        "Ferry sinks off Portville",
        "This was published 18 years ago",
        "At least 14 people drowned when a ferry capsized on Friday, police said.",
      ].join("\n"),
    );
    expect(article.body).toBe("At least 14 people drowned when a ferry capsized on Friday, police said.");
  });

  it("does not take a one-word section label for the headline", () => {
    const article = cleanArticle(
      ["https://www.example.org/news/ferry.html", "world", "At least 14 people drowned when a ferry capsized on Friday, police said."].join(
        "\n",
      ),
    );
    expect(article.headline).toBeNull();
  });

  it("reads a bare URL first line as the address, not the headline, and cuts a Related articles box", () => {
    const article = cleanArticle(
      [
        "https://www.example.org/world/2019/03/12/quake",
        "Earthquake strikes eastern province",
        "By Jane Doe and Ali Hassan",
        "ISTANBUL (Reuters) - A magnitude 6.1 earthquake struck eastern Turkey on Tuesday, killing at least 12 people, officials said.",
        "Rescue teams were searching collapsed buildings in three villages, the disaster agency said.",
        "Related articles",
        "Floods hit coastal towns",
        "Heavy rain caused rivers to burst their banks across...",
        "Markets slide on growth fears",
        "Shares fell sharply on Monday as investors...",
      ].join("\n"),
    );
    expect(article.url).toBe("https://www.example.org/world/2019/03/12/quake");
    expect(article.headline).toBe("Earthquake strikes eastern province");
    expect(article.byline).toBe("Jane Doe and Ali Hassan");
    expect(article.origin?.slug).toBe("reuters");
    expect(article.body.split("\n\n")).toEqual([
      "ISTANBUL (Reuters) - A magnitude 6.1 earthquake struck eastern Turkey on Tuesday, killing at least 12 people, officials said.",
      "Rescue teams were searching collapsed buildings in three villages, the disaster agency said.",
    ]);
  });

  it("reads a WASHINGTON (AP) — dateline and ignores the agency's own copyright notice as host", () => {
    const article = cleanArticle(
      [
        "Storm leaves thousands without power",
        "",
        "WASHINGTON (AP) — A powerful storm knocked out power to more than 200,000 homes across three states on Sunday, utility companies said.",
        "",
        "Crews expected to restore most service by Tuesday.",
        "",
        "Copyright 2019 The Associated Press. All rights reserved. This material may not be published, broadcast, rewritten or redistributed.",
      ].join("\n"),
    );
    expect(article.dateline).toBe("WASHINGTON (AP)");
    expect(article.origin).toEqual({ slug: "ap", name: "Associated Press", kind: "WIRE_AGENCY" });
    expect(article.host).toBeNull();
    expect(article.body).not.toContain("Copyright");
    expect(article.body.split("\n\n")).toHaveLength(2);
  });

  it("makes an outlet of an unknown tag in dateline position, and a host of a copyright line naming a site", () => {
    const article = cleanArticle(
      [
        "Wednesday, March 4, 2020",
        "Home » World » Africa",
        "Fuel tanker blast kills dozens",
        "LAGOS, Nigeria (XYZ News) -- A fuel tanker exploded on a busy highway on Monday, killing at least 35 people, emergency officials said.",
        "The driver lost control of the vehicle near a market, witnesses said.",
        "© copyright 2004 - 2025 ExampleNews.com All Rights Reserved",
      ].join("\n"),
    );
    expect(article.origin).toEqual({ slug: "xyz-news", name: "XYZ News", kind: "OTHER" });
    expect(article.host).toEqual({ slug: "examplenews", name: "ExampleNews.com", kind: "AGGREGATOR" });
    expect(article.dateline).toBe("LAGOS, Nigeria (XYZ News)");
    expect(article.headline).toBe("Fuel tanker blast kills dozens");
    // The date stands above the site's navigation: it is when the page was captured.
    expect(article.publishedAt).toBeNull();
    expect(article.body).not.toMatch(/Home|2020|©/);
  });

  it("normalises CRLF line endings and reads a labelled publication date", () => {
    const raw =
      "Ceasefire agreed in border clash\r\n\r\nPublished: 12 March 2019\r\n\r\nGENEVA, March 12 (AFP) – Both sides agreed to a ceasefire on Tuesday after three days of fighting, the mediators said.\r\n\r\nObservers will arrive within a week.\r\n";
    const article = cleanArticle(raw);
    expect(article.raw).toBe(raw);
    expect(article.body).not.toContain("\r");
    expect(article.body).toBe(
      "GENEVA, March 12 (AFP) – Both sides agreed to a ceasefire on Tuesday after three days of fighting, the mediators said.\n\nObservers will arrive within a week.",
    );
    expect(article.publishedAt).toBe("2019-03-12");
    expect(article.headline).toBe("Ceasefire agreed in border clash");
  });

  it("refuses a page date that contradicts the dateline's own day", () => {
    const article = cleanArticle(
      "June 3, 2015\nTalks collapse over border dispute\nCAIRO, May 30 (AFP) - Talks between the two neighbours collapsed on Saturday after negotiators failed to agree.\nBoth delegations left the capital.",
    );
    expect(article.publishedAt).toBeNull();
    expect(article.dateline).toBe("CAIRO, May 30 (AFP)");
  });

  it("takes a full date printed in the dateline", () => {
    const article = cleanArticle(
      "Vote count begins\nKABUL, Aug. 21, 2009 (UPI) -- Officials began counting ballots on Friday after a turnout that observers called low.",
    );
    expect(article.publishedAt).toBe("2009-08-21");
    expect(article.origin?.slug).toBe("upi");
  });

  it("joins a dateline printed on its own line to the paragraph under it, and lets an article resume after a plug box", () => {
    const article = cleanArticle(
      [
        "Pipeline protest grows",
        "By Sam Lee, Bloomberg",
        "BISMARCK, N.D. --",
        "Hundreds of protesters gathered on Saturday near the construction site, police said.",
        "Share this article",
        "The company declined to comment.",
        "Read more",
        "Oil prices rise on supply worries",
        "Oil prices rose on Friday after ...",
        "The protest organisers said they would march again next week to the state capitol building.",
        "They expect more than a thousand people to join the march on Saturday, they said in a statement.",
      ].join("\n"),
    );
    expect(article.byline).toBe("Sam Lee");
    expect(article.dateline).toBe("BISMARCK, N.D.");
    expect(article.body.split("\n\n")).toEqual([
      "BISMARCK, N.D. -- Hundreds of protesters gathered on Saturday near the construction site, police said.",
      "The company declined to comment.",
      "The protest organisers said they would march again next week to the state capitol building.",
      "They expect more than a thousand people to join the march on Saturday, they said in a statement.",
    ]);
  });

  it("finds the origin in a teaser label when the lead has no tag, and a site name line as host", () => {
    const article = cleanArticle(
      [
        "DAILYWIRE",
        "Aid convoy reaches besieged town",
        "AFP: A United Nations aid convoy reached the besieged town on Friday for the first time in months, officials said... By Lina Haddad",
        "A United Nations aid convoy reached the besieged town on Friday for the first time in months, officials said. The convoy carried food for 20,000 people.",
        "Most popular",
        "Another story entirely",
        "Snippet text here...",
      ].join("\n"),
    );
    expect(article.origin?.slug).toBe("afp");
    expect(article.byline).toBe("Lina Haddad");
    expect(article.host).toEqual({ slug: "dailywire", name: "DAILYWIRE", kind: "OTHER" });
    expect(article.body).toBe(
      "A United Nations aid convoy reached the besieged town on Friday for the first time in months, officials said. The convoy carried food for 20,000 people.",
    );
  });

  it("returns nulls rather than guesses for a page with no metadata", () => {
    const article = cleanArticle("The river burst its banks overnight, flooding dozens of homes, residents said.");
    expect(article).toMatchObject({ headline: null, byline: null, dateline: null, publishedAt: null, origin: null, host: null, url: null });
    expect(article.body).toBe("The river burst its banks overnight, flooding dozens of homes, residents said.");
  });
});

describe("findDateline", () => {
  it.each([
    ["BAGHDAD, Iraq (CNN) -- The United States", "BAGHDAD, Iraq (CNN)", "CNN"],
    ["BAGHDAD, May 28 (Reuters) - The United States", "BAGHDAD, May 28 (Reuters)", "Reuters"],
    ["BAGHDAD (AFP) – The United States", "BAGHDAD (AFP)", "AFP"],
    ["Baghdad – (dpa – Deutsche Presse-Agentur) Iran and", "Baghdad (dpa – Deutsche Presse-Agentur)", "dpa – Deutsche Presse-Agentur"],
    ["NEW YORK (AP) — Stocks fell", "NEW YORK (AP)", "AP"],
    ["LONDON, 28 May — Ministers met", "LONDON, 28 May", null],
    ["Nashik (Maharashtra), Sep 4 (PTI) At least nine workers died", "Nashik (Maharashtra), Sep 4 (PTI)", "PTI"],
  ])("reads %j", (paragraph, text, tag) => {
    expect(findDateline(paragraph)).toMatchObject({ text, tag });
  });

  it.each([
    "Crocker – who led the delegation – said little.",
    "Iranian officials (speaking anonymously) said the talks were useful.",
    "The United States told Iran on Monday its support must end.",
  ])("does not mistake %j for a dateline", (paragraph) => {
    expect(findDateline(paragraph)).toBeNull();
  });
});

describe("outlets", () => {
  it("knows the wire agencies, broadcasters and republishing sites by slug", () => {
    const slugs = KNOWN_OUTLETS.map((outlet) => outlet.slug);
    for (const slug of [
      "reuters",
      "afp",
      "ap",
      "dpa",
      "cnn",
      "bbc",
      "al-jazeera",
      "xinhua",
      "upi",
      "efe",
      "ansa",
      "kyodo",
      "bloomberg",
      "nytimes",
      "washington-post",
      "guardian",
      "ncri",
      "iranfocus",
      "iranpressnews",
    ]) {
      expect(slugs).toContain(slug);
    }
    expect(new Set(slugs).size).toBe(slugs.length);
  });

  it.each([
    ["Deutsche Presse-Agentur", "dpa", "WIRE_AGENCY"],
    ["dpa – Deutsche Presse-Agentur", "dpa", "WIRE_AGENCY"],
    ["Agence France-Presse", "afp", "WIRE_AGENCY"],
    ["(AFP)", "afp", "WIRE_AGENCY"],
    ["The Associated Press", "ap", "WIRE_AGENCY"],
    ["IranPressNews.com", "iranpressnews", "AGGREGATOR"],
    ["Iran Focus", "iranfocus", "AGGREGATOR"],
    ["NCRI", "ncri", "ADVOCACY"],
    ["cnn", "cnn", "BROADCASTER"],
    ["Al-Jazeera", "al-jazeera", "BROADCASTER"],
    ["New York Times", "nytimes", "NEWSPAPER"],
  ])("finds %j", (nameOrTag, slug, kind) => {
    expect(findOutlet(nameOrTag)).toMatchObject({ slug, kind });
  });

  it("derives an outlet it does not know", () => {
    expect(findOutlet("XYZ News")).toBeNull();
    expect(outletFromName("XYZ News")).toEqual({ slug: "xyz-news", name: "XYZ News", kind: "OTHER" });
    expect(outletFromName("ExampleNews.com", "AGGREGATOR")).toEqual({ slug: "examplenews", name: "ExampleNews.com", kind: "AGGREGATOR" });
    expect(outletFromName("Reuters", "OTHER").kind).toBe("WIRE_AGENCY");
  });
});

describe("cleanArticle on further page shapes", () => {
  it("prefers the headline to a section kicker, reads a capitals byline with its affiliation, and drops credits and share rows", () => {
    const article = cleanArticle(
      [
        "World news",
        "Rescuers search for survivors after hillside collapse",
        "By ROBERT H. REID, Associated Press Writer",
        "Tue 29 May 2007 00.01 BST",
        "KATHMANDU, Nepal (AP) -- Rescuers dug through mud on Tuesday looking for survivors after a hillside collapsed onto a village, police said.",
        "AFP/Getty Images",
        "Facebook Twitter WhatsApp Email",
        "At least 14 people were missing, a local official said.",
        "Sign up for our daily newsletter to get the latest headlines",
      ].join("\n"),
    );
    expect(article.headline).toBe("Rescuers search for survivors after hillside collapse");
    expect(article.byline).toBe("Robert H. Reid");
    expect(article.publishedAt).toBe("2007-05-29");
    expect(article.body.split("\n\n")).toEqual([
      "KATHMANDU, Nepal (AP) -- Rescuers dug through mud on Tuesday looking for survivors after a hillside collapsed onto a village, police said.",
      "At least 14 people were missing, a local official said.",
    ]);
  });

  it("reads an agency named as the dateline's last qualifier", () => {
    expect(findDateline("Tehran, May 28, IRNA -- Iran's envoy said")).toMatchObject({ text: "Tehran, May 28 (IRNA)", tag: "IRNA" });
  });
});

describe("cleanArticle on republishers' conventions", () => {
  it("reads an outlet's name before a dash as a label, and a Source line as the writer", () => {
    const labelled = cleanArticle(
      "NCRI\nProtests spread to third city\nNCRI – Protests spread on Thursday to a third city, according to reports from inside the country.\nShops were closed.",
    );
    expect(labelled.dateline).toBeNull();
    expect(labelled.origin?.slug).toBe("ncri");
    expect(labelled.body.startsWith("NCRI – Protests spread")).toBe(true);

    const credited = cleanArticle(
      "Oil tanker seized in the Gulf\nNaval forces seized an oil tanker on Friday, the country's state media reported, in a sharp escalation.\nSource: AFP",
    );
    expect(credited.origin?.slug).toBe("afp");
    expect(credited.body).not.toContain("Source");
  });

  it("reads a slashed place, and dates printed the way CNN and machine stamps print them", () => {
    expect(findDateline("BAGHDAD/TEHRAN (Reuters) - Officials said")).toMatchObject({ text: "BAGHDAD/TEHRAN (Reuters)" });
    const cnn = cleanArticle(
      "Monday, May 28, 2007; Posted: 10:41 a.m. EDT (14:41 GMT)\nTalks open in Baghdad\nBAGHDAD, Iraq (CNN) -- Talks opened on Monday between the two delegations in the capital.",
    );
    expect(cnn.publishedAt).toBe("2007-05-28");
    const stamped = cleanArticle(
      "2007-05-28T09:26:00Z\nTalks open in Baghdad\nBAGHDAD (AFP) – Talks opened on Monday between the two delegations in the capital.",
    );
    expect(stamped.publishedAt).toBe("2007-05-28");
    expect(stamped.body).not.toContain("2007");
  });
});
