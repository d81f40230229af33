/**
 * Issue 11.3 and 11.5 on single sentences: number formats (Indian grouping, lakh and crore, decimal
 * commas, spaced thousands, fused scales and units), units converted within a dimension, conversions
 * in brackets kept as one claim, a change and a new level kept apart, scores and names left out of
 * counts, hedges written after the figure, and the rule ids each claim records.
 */
import { decideAgreement, extractClaims, readingInputOf } from "../../src/extraction";
import { toCanonical } from "../../src/extraction/lexicon/units";
import type { ExtractedClaim, ReadingInput } from "../../src/extraction/types";

const figures = (text: string): ExtractedClaim[] => extractClaims(text).filter((claim) => claim.kind !== "TEXT");
const values = (text: string): (number | null)[] => figures(text).map((claim) => claim.value);

describe("number formats", () => {
  it.each([
    ["The typhoon damaged 2,91,000 houses.", [291000], "number.grouping:indian"],
    ["Officials counted 11 789 houses destroyed.", [11789], "number.grouping:spaced"],
    ["Revenue was 2,22-million rand.", [2220000], "number.grouping:decimal-comma"],
    ["The loss reached 3,42 billion rand.", [3420000000], "number.grouping:decimal-comma"],
    ["The fund raised Rs 5 lakh.", [500000], "number.scale"],
    ["The bridge will cost 3 crore rupees.", [30000000], "number.scale"],
    ["The deal was worth $1.762bn.", [1762000000], "number.scale"],
  ])("%s", (text, expected, rule) => {
    expect(values(text)).toEqual(expected);
    expect(figures(text)[0].rules).toContain(rule);
  });

  it("keeps thousands apart from an unrelated figure: 'in 2007 300 people' is a year and a count", () => {
    expect(values("The plant closed 12 300 jobs.")).toEqual([12300]);
    expect(values("Crews worked 12 hours, 300 people were fed.")).toEqual([12, 300]);
  });

  it("reads fused units and temperatures", () => {
    expect(figures("The engine produces 640bhp.")[0]).toMatchObject({ value: 640, unit: "horsepower", dimension: "power" });
    expect(figures("The car was doing 140km/h.")[0]).toMatchObject({ value: 140, unit: "km/h" });
    expect(figures("It was 45°C in the shade.")[0]).toMatchObject({ value: 45, unit: "°C", dimension: "temperature" });
    expect(figures("Temperatures fell to minus 20 degrees Celsius.")[0]).toMatchObject({ value: -20, unit: "°C" });
  });
});

describe("units within a dimension", () => {
  it.each([
    ["Winds reached 100 mph.", "km/h", 160.9344],
    ["Winds reached 161 kilometres per hour.", "km/h", 161],
    ["The plane came down 6 miles from the runway.", "metres", 9656.064],
    ["The wall is 12 feet high.", "metres", 3.6576],
    ["Rain of 10 inches fell.", "metres", 0.254],
    ["It was 113°F in the city.", "°C", 45],
  ])("%s -> %s", (text, unit, value) => {
    const [claim] = figures(text);
    expect(claim.canonicalUnit).toBe(unit);
    expect(claim.canonicalValue).toBeCloseTo(value, 3);
  });

  it("converts hedged bounds too: 'up to 114mph' is a peak of 183.5 km/h", () => {
    const [claim] = figures("Gusts of up to 114mph were recorded.");
    // "up to" before a measured quantity states its peak: the hedge stays, the interval is the figure.
    expect(claim).toMatchObject({ hedge: "AT_MOST", lower: 114, upper: 114 });
    expect(claim.rules).toContain("hedge.peak");
    expect(claim.canonicalLower).toBeCloseTo(183.46, 1);
    expect(claim.canonicalUpper).toBeCloseTo(183.46, 1);
    expect(toCanonical("kilometres", 2)).toBe(2000);
  });

  it("keeps 'up to' before a count a bound, and reads 'as high as' and 'as many as' as a high estimate", () => {
    const [seats] = figures("The ferry can carry up to 40 people.");
    expect(seats).toMatchObject({ value: 40, hedge: "AT_MOST", lower: null, upper: 40 });
    const [toll] = figures("Officials said the toll could be as high as 40 people.");
    expect(toll).toMatchObject({ value: 40, hedge: "AT_MOST", lower: 36, upper: 40 });
    expect(toll.rules).toContain("hedge.estimate-high");
    expect(toll.rules).not.toContain("hedge.peak");
    // So a far lower toll conflicts with it, while "nearly 40" agrees.
    const readings = (text: string) => figures(text).map((claim, i) => readingInputOf(claim, `${text}#${i}`, text));
    expect(decideAgreement([...readings("The toll rose to 18."), ...readings("The toll could be as high as 40.")])).toBe("CONFLICT");
    expect(decideAgreement([...readings("Nearly 40 people died."), ...readings("The toll could be as high as 40.")])).not.toBe("CONFLICT");
  });

  it.each([
    ["The plane came down six miles (10 km) from the runway.", 6, "miles", "10 km"],
    ["The temperature hit 45°C (113°F) on Sunday.", 45, "°C", "113°F"],
    ["Winds of up to 144 kilometres per hour (90 mph) hit the coast.", 144, "km/h", "90 mph"],
  ])("a conversion in brackets is one claim: %s", (text, value, unit, conversion) => {
    const claims = figures(text);
    expect(claims).toHaveLength(1);
    expect(claims[0]).toMatchObject({ value, unit });
    expect(claims[0].conversion?.text).toBe(conversion);
    expect(claims[0].rules).toContain("conversion.bracket");
  });

  it.each([
    ["Police seized 40 kilos of cocaine at the port.", 40, "kilograms"],
    ["The new plant will produce 3 gigawatts by 2030.", 3, "gigawatts"],
    ["The lorry carried 12 tons of sand.", 12, "tonnes"],
    ["The tanker was sailing at 12 knots.", 12, "knots"],
  ])("reads a unit word after a number from the units lexicon: %s", (text, value, unit) => {
    expect(figures(text)[0]).toMatchObject({ value, unit, kind: "QUANTITY" });
  });

  it.each([
    ["Temperatures reached 45C (113F) on Sunday.", 45, "°C"],
    ["The thermometer read minus 5C overnight.", -5, "°C"],
    ["It was 98F in the shade.", 98, "°F"],
  ])("reads degrees with the scale's letter glued on: %s", (text, value, unit) => {
    expect(figures(text)[0]).toMatchObject({ value, unit, kind: "QUANTITY" });
  });

  it("reads 'iPhone 5C' and 'Room 5C' as names, not temperatures", () => {
    expect(figures("He bought an iPhone 5C and moved to Room 5C.")).toEqual([]);
  });

  it("keeps a sum in another currency in brackets as a figure of its own, read with the sum's words and hedge", () => {
    const [hkd, usd] = figures("Tickets cost HK$350 ($45) each.");
    expect(hkd).toMatchObject({ value: 350, unit: "hong kong dollars", hedge: "EXACT" });
    expect(usd).toMatchObject({ value: 45, unit: "dollars", hedge: "EXACT" });
    expect(hkd.conversion).toBeUndefined();
    const [yuan, dollars] = figures("The flood damage was estimated at 3.42 billion yuan (US$421.7 million) by the county.");
    expect(yuan).toMatchObject({ value: 3420000000, unit: "yuan", hedge: "APPROXIMATE" });
    expect(dollars).toMatchObject({ value: 421700000, unit: "dollars", hedge: "APPROXIMATE", lower: 379530000 });
    expect(dollars.rules).toContain("hedge.conversion");
    // Read with the words of the sum it converts, not with "yuan (".
    expect(dollars.factKey.split(".")[0]).toBe(yuan.factKey.split(".")[0]);
  });

  it("reads an ISO date stamp as one date and a lower-case 'am' after an hour as a time", () => {
    const claims = figures("Updated 2021-03-14 Rescuers reached 30 miners at 7 am local time.");
    expect(claims.map((claim) => [claim.kind, claim.value])).toEqual([
      ["DATE", 20210314],
      ["COUNT", 30],
    ]);
    expect(figures("I am 30 years old.").map((claim) => claim.value)).toEqual([30]);
  });
});

describe("a change and a new level, scores and names", () => {
  it.each([
    ["Exports dropped 7% to $2.3 billion in May.", [7, 2300000000]],
    ["Reserves increased by $43.6 billion to $419.2 billion.", [43600000000, 419200000000]],
    ["Turnout rose 5% to 71%.", [5, 71]],
  ])("%s is two figures, not a range", (text, expected) => {
    const claims = figures(text);
    expect(claims.map((claim) => claim.value)).toEqual(expected);
    expect(claims.every((claim) => claim.hedge === "EXACT")).toBe(true);
    expect(claims[0].rules.some((rule) => rule.startsWith("range.split:"))).toBe(true);
  });

  it("still reads a range of one unit: 'between 30 and 40', '30 to 40 people'", () => {
    expect(figures("Officials said 30 to 40 people were trapped.")[0]).toMatchObject({ hedge: "RANGE", lower: 30, upper: 40 });
  });

  it("reads a score as one figure, never a count or a range", () => {
    const claims = figures("United were 2-0 down at half-time.");
    expect(claims).toHaveLength(1);
    expect(claims[0]).toMatchObject({ value: 2, unit: "score", hedge: "EXACT" });
  });

  it.each(["Apple launched the iPhone 11 Pro on Tuesday.", "The Big 12 conference voted on Monday.", "Patients were taken to Ward 4."])(
    "takes no figure from a name: %s",
    (text) => expect(values(text)).toEqual([]),
  );

  it("'more than a century' is a duration, not a count", () => {
    expect(figures("The dispute has lasted more than a century.")[0]).toMatchObject({
      kind: "DURATION",
      value: 100,
      unit: "years",
      hedge: "MORE_THAN",
    });
  });
});

describe("hedges that make compatible reports agree and contradictory ones conflict", () => {
  const reading = (text: string, id: string, origin: string): ReadingInput => {
    const [claim] = figures(text);
    return {
      id,
      kind: claim.kind,
      value: claim.value,
      lower: claim.lower,
      upper: claim.upper,
      hedge: claim.hedge,
      textValue: null,
      text: claim.text,
      originSlug: origin,
    };
  };

  it.each([
    ["Police detained 40 or so demonstrators.", "APPROXIMATE", 36, 44],
    ["The blast injured 40-odd people.", "APPROXIMATE", 36, 44],
    ["Some 40 people were hurt.", "APPROXIMATE", 36, 44],
    ["Dozens of people were hurt.", "RANGE", 24, 99],
    ["Scores of people were hurt.", "RANGE", 40, 99],
    ["More than a dozen people were hurt.", "MORE_THAN", 12, null],
    // A high estimate of a count: what "nearly 300" allows (see "a high estimate" below).
    ["As many as 300 people were hurt.", "AT_MOST", 270, 300],
    ["Up to 300 people were hurt.", "AT_MOST", null, 300],
    ["Nearly 600,000 people fled.", "ALMOST", 540000, 600000],
    ["200 or more people were hurt.", "AT_LEAST", 200, null],
  ])("%s", (text, hedge, lower, upper) => {
    expect(figures(text)[0]).toMatchObject({ hedge, lower, upper });
  });

  it("'nearly 600,000' and 'more than 790,000' cannot both be right", () => {
    const readings = [reading("Nearly 600,000 people fled.", "a", "reuters"), reading("More than 790,000 people fled.", "b", "afp")];
    expect(decideAgreement(readings)).toBe("CONFLICT");
  });

  it("'more than 40', 'at least 40' and '40 or so' can all be right", () => {
    const readings = [
      reading("More than 40 people were arrested.", "a", "reuters"),
      reading("At least 40 people were arrested.", "b", "afp"),
      reading("Police arrested 40 or so people.", "c", "ap"),
    ];
    expect(decideAgreement(readings)).not.toBe("CONFLICT");
  });
});

describe("rules", () => {
  it("records the rules that read each claim, in order", () => {
    const [claim] = figures("At least 12 people were killed.");
    expect(claim.rules).toEqual(expect.arrayContaining(["number.digits", "hedge.before:at least"]));
    expect(figures("Dozens of people were hurt.")[0].rules).toContain("hedge.vague:vague");
    expect(figures("Officials said 30 to 40 people were trapped.")[0].rules).toContain("range.join");
  });
});
