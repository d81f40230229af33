/**
 * Generic rules added after the blind measurement, each checked on sentences written for this
 * file (not taken from any fixture).
 */
import { extractClaims } from "../../src/extraction/claims";
import { cleanArticle } from "../../src/extraction/clean";
import type { ExtractedClaim } from "../../src/extraction/types";

function first(body: string): ExtractedClaim {
  const claims = extractClaims(body).filter((claim) => claim.kind !== "TEXT");
  expect(claims.length).toBeGreaterThanOrEqual(1);
  for (const claim of claims) expect(body.slice(claim.quote.start, claim.quote.end)).toBe(claim.quote.exact);
  return claims[0];
}

describe("'about' and 'some' hedge a number by default", () => {
  it.each([
    ["The company lost about 40 million euros last year.", 40e6],
    ["The tanker ran aground about 5 miles off the coast.", 5],
    ["The bridge swayed for about 20 minutes.", 20],
    ["Divers recovered some 15 bodies.", 15],
    ["Witnesses counted maybe 30 boats in the harbour.", 30],
    ["The storm destroyed perhaps 40 homes.", 40],
  ])("%s", (body, value) => {
    expect(first(body)).toMatchObject({ value, hedge: "APPROXIMATE" });
  });

  it.each([
    "Reporters asked about two soldiers who were seen leaving.",
    "The family has heard nothing, and there is no news about three sailors still at sea.",
    "Relatives worried about four children who were swept away.",
  ])("but not where 'about' means 'concerning': %s", (body) => {
    const claim = first(body);
    expect(claim.hedge).toBe("EXACT");
  });
});

function keysOf(body: string): Record<string, string> {
  return Object.fromEntries(
    extractClaims(body)
      .filter((claim) => claim.kind !== "TEXT")
      .map((claim) => [claim.quote.exact, claim.factKey]),
  );
}

describe("grouping", () => {
  it("keys tolls of sinkings, eruptions, outbreaks and wildfires by their own topic", () => {
    expect(Object.values(keysOf("At least 45 people drowned when the overcrowded boat capsized, police said."))).toEqual([
      "sinking.killed",
    ]);
    expect(Object.values(keysOf("The eruption killed 12 hikers near the summit."))).toEqual(["eruption.killed"]);
    expect(Object.values(keysOf("The outbreak has killed 130 people since March."))).toEqual(["outbreak.killed"]);
    expect(Object.values(keysOf("The wildfire killed nine people in the hills."))).toEqual(["fire.killed"]);
  });

  it("reads 'thousands' loosely enough to agree with a five-digit figure", () => {
    const vague = extractClaims("The archipelago has thousands of islands.")[0];
    expect([vague.lower, vague.upper]).toEqual([2000, 99_999]);
  });

  it("gives rescue verbs one measure", () => {
    expect(keysOf("Coastguards saved 40 people overnight.")).toEqual({ "40 people": "people.rescued" });
    expect(keysOf("At least 40 people were plucked from the sea by fishermen.")).toEqual({ "At least 40 people": "people.rescued" });
    expect(keysOf("Some 40 people were pulled alive from the rubble.")).toEqual({ "Some 40 people": "people.rescued" });
  });

  it("gives leaving home under threat one measure", () => {
    expect(keysOf("The fire forced 3,000 residents from their homes.")["3,000 residents"]).toBe("residents.evacuated");
    expect(keysOf("About 3,000 residents have been moved from their homes.")["About 3,000 residents"]).toBe("residents.evacuated");
    expect(keysOf("Nearly 3,000 residents were displaced.")["Nearly 3,000 residents"]).toBe("residents.evacuated");
  });

  it("spells a unit one way and keys a quantity by the substance measured", () => {
    expect(keysOf("Up to 120mm of rain fell overnight.")).toEqual({ "Up to 120mm": "rain.millimetres" });
    expect(keysOf("Forecasters measured 120 millimeters (4.7 inches) of rain.")["120 millimeters"]).toBe("rain.millimetres");
    expect(keysOf("Forecasters measured 120 millimetres of rain.")["120 millimetres"]).toBe("rain.millimetres");
    expect(extractClaims("The boat sank 3 nautical miles from shore.")[0]).toMatchObject({
      unit: "nautical miles",
      quote: { exact: "3 nautical miles" },
    });
  });

  it("keys a toll by the first event of a list, whichever word stands nearer", () => {
    expect(keysOf("Storms and mudslides have killed 12 people.")["12 people"]).toBe("storm.killed");
    expect(keysOf("The toll from storms and mudslides rose to 12.")["12"]).toBe("storm.killed");
    expect(keysOf("Twelve people were killed in storms and mudslides.")["Twelve people"]).toBe("storm.killed");
  });

  it("reads 'left N missing' and 'N more people missing' as missing", () => {
    expect(keysOf("The storm killed five and left 12 missing.")["12 missing"]).toBe("storm.missing");
    expect(keysOf("The storm killed five, with nine more people missing.")["nine more people"]).toBe("storm.missing");
    expect(keysOf("The flash flood swept through the valley, and 30 campers are missing.")["30 campers"]).toBe("flood.missing");
  });
});

describe("vague counts, single spans, shares, depths and labels", () => {
  it.each([
    ["Dozens were hurt when the stand gave way.", { value: null, lower: 24, upper: 99, hedge: "RANGE" }],
    ["The bridge had stood for decades without repair.", { value: null, lower: 20, upper: 99, hedge: "RANGE", unit: "years" }],
    ["The pipes were decades old.", { value: null, lower: 20, hedge: "RANGE", unit: "years" }],
    ["The crew waited for an hour before help came.", { value: 1, hedge: "EXACT", unit: "hours", kind: "DURATION" }],
    ["The train stopped for half an hour.", { value: 0.5, unit: "hours", kind: "DURATION" }],
    ["The tower fell in less than a minute.", { value: 1, hedge: "LESS_THAN", unit: "minutes" }],
    ["Nearly two-thirds of the homes were flooded.", { value: 66.67, hedge: "ALMOST", unit: "percent", kind: "QUANTITY" }],
    ["Fewer than two-thirds of the crew had life vests.", { value: 66.67, hedge: "LESS_THAN", unit: "percent" }],
    ["About half of the voters stayed home.", { value: 50, hedge: "APPROXIMATE", unit: "percent" }],
    ["A third of the harvest was lost.", { value: 33.33, unit: "percent" }],
    ["Cars lay under 2 metres of mud after the storm.", { value: 2, hedge: "EXACT", unit: "metres" }],
    ["The river stayed under 2 metres deep all summer.", { value: 2, hedge: "LESS_THAN" }],
  ])("%s", (body, expected) => {
    expect(first(body)).toMatchObject(expected);
  });

  it.each([
    "The drivers drove 80 km an hour.",
    "Officials raised the alert to level 4 on Monday.",
    "Forecasters said a category 5 storm was approaching.",
    "The city is in phase 2 of its recovery plan.",
    "On the third day the water fell.",
  ])("leaves rates, labels and ordinals alone: %s", (body) => {
    const claims = extractClaims(body).filter((claim) => claim.kind !== "TEXT");
    expect(claims.map((claim) => claim.quote.exact)).not.toEqual(
      expect.arrayContaining([expect.stringMatching(/^an hour|^4$|^5$|^2$|third/)]),
    );
  });

  it("reads a rate of distance per hour as one speed: The drivers drove 80 km an hour.", () => {
    const claims = extractClaims("The drivers drove 80 km an hour.").filter((claim) => claim.kind !== "TEXT");
    expect(claims).toHaveLength(1);
    expect(claims[0]).toMatchObject({ value: 80, unit: "km/h", dimension: "speed", canonicalValue: 80 });
  });
});

describe("page chrome", () => {
  const lead = "LIMA (Reuters) - A bus plunged into a ravine in the Andes on Sunday, killing 19 people, police said.";

  it("never takes a cookie banner, its buttons or a double-spaced menu for the headline", () => {
    const page = [
      "Daily Andes Herald",
      "News  Politics  Economy  Culture  Sport",
      "This site uses cookies to personalise content. Read our cookie policy.",
      "Accept all | Manage preferences",
      "Bus plunges into Andes ravine, killing 19",
      lead,
    ].join("\n");
    const cleaned = cleanArticle(page);
    expect(cleaned.headline).toBe("Bus plunges into Andes ravine, killing 19");
    expect(cleaned.body).not.toMatch(/cookie|Accept all|Politics/);
  });

  it("keeps a date labelled 'Published' above a row of share buttons", () => {
    const page = [
      "Bus plunges into Andes ravine, killing 19",
      "Published: 4 Mar 2019",
      "Share: Facebook | Twitter | Email",
      "LIMA - A bus plunged into a ravine on Sunday, killing 19 people, police said.",
    ].join("\n");
    expect(cleanArticle(page).publishedAt).toBe("2019-03-04");
  });
});
