import { extractClaims } from "../../src/extraction/claims";
import { decideAgreement, readingInputOf } from "../../src/extraction/agreement";
import type { ExtractedClaim } from "../../src/extraction/types";

// Paragraphs copied from the seed articles (seeds/baghdad-talks-2007).
const TRUCK_BOMB =
  "In new violence in Iraq, a truck bomb exploded near an important Sunni Muslim mosque in central Baghdad, killing 24 people and wounding 68 others shortly after the talks broke up.";
const CAR_BOMB =
  "As if to underscore the sole topic of the meeting — sectarian violence in Iraq — a car bomb exploded in the busy commercial area of Sinak in central Baghdad, killing 19 people and wounding 46 others shortly after the talks broke up.";
const REUTERS_LEAD =
  "BAGHDAD, May 28 (Reuters) - The United States urged Iran on Monday to stop supporting militias in Iraq but described the two countries’ most high-profile meeting in almost 30 years as positive.";
const CNN_GAP =
  "Crocker spoke at a news conference after a meeting with Iranian diplomats in Baghdad -- the first public and formal meeting between U.S. and Iranian representatives since the United States cut off diplomatic relations 27 years ago.";
const AFP_LEAD =
  "BAGHDAD (AFP) – The United States and Iran traded accusations over the bloodshed in Iraq on Monday during the first high-level direct official talks between the arch-foes in 27 years.";
const DPA_LEAD =
  "Baghdad – (dpa – Deutsche Presse-Agentur) Iran and the United States on Monday held their first formal talks in almost three decades, with a four-hour meeting in Baghdad that focused on security issues in Iraq termed as positive but failing to provide any concrete breakthrough.";
const AFP_HOSTAGES =
  "Washington has dismissed similar accusations in the past, but mutual distrust continues to chill Iranian-American relations a quarter of a century after US embassy diplomats in Tehran were held hostage for 444 days.";
const AFP_TOLL =
  "The United States accuses Iran’s Revolutionary Guards of supplying armed groups in Iraq with armour-piercing roadside bombs that have been blamed for the deaths of hundreds of the 3,455 American troops killed in the conflict.";
const CNN_DETAINEES =
  'The U.S. military is holding seven "Iranian intelligence service personnel" in Iraq, spokesman Maj. Gen. William Caldwell told CNN\'s "Late Edition" in an interview taped Friday.';
const CNN_CUT =
  "The United States broke off diplomatic ties with Iran in April 1980 in the midst of the seizure of the U.S. Embassy. Iranian students occupied the embassy from November 1979 until January 1981, when they released the remaining 52 hostages.";
const REUTERS_STATE_TV =
  'Kazemi-Qomi said Iran saw "positive" steps in the talks.\n\n"Some problems have been raised and studied and I think this was a positive step ... In the political field, the two sides agreed to support and strengthen the Iraqi government, which was another positive item achieved in these talks," he told state television.';

function only(claims: ExtractedClaim[], key: string): ExtractedClaim {
  const found = claims.filter((claim) => claim.factKey === key);
  expect(found).toHaveLength(1);
  return found[0];
}

function expectAnchored(body: string, claims: ExtractedClaim[]): void {
  for (const claim of claims) {
    expect(body.slice(claim.quote.start, claim.quote.end)).toBe(claim.quote.exact);
    expect(claim.quote.prefix).toBe(body.slice(Math.max(0, claim.quote.start - 32), claim.quote.start));
    expect(claim.quote.suffix).toBe(body.slice(claim.quote.end, claim.quote.end + 32));
  }
}

describe("extractClaims on seed paragraphs", () => {
  it("reads the truck-bomb paragraph: killed, wounded, weapon, place", () => {
    const claims = extractClaims(TRUCK_BOMB);
    expectAnchored(TRUCK_BOMB, claims);
    const killed = only(claims, "bombing.killed");
    expect(killed).toMatchObject({
      value: 24,
      lower: 24,
      upper: 24,
      hedge: "EXACT",
      unit: "people",
      kind: "COUNT",
      text: "killing 24 people",
    });
    expect(killed.quote.exact).toBe("24 people");
    expect(only(claims, "bombing.wounded")).toMatchObject({ value: 68, hedge: "EXACT", unit: "people", text: "wounding 68 others" });
    expect(only(claims, "bombing.weapon")).toMatchObject({
      kind: "TEXT",
      textValue: "truck bomb",
      value: null,
      lower: null,
      upper: null,
      hedge: "EXACT",
    });
    expect(only(claims, "bombing.location").textValue).toBe("near an important Sunni Muslim mosque in central Baghdad");
    expect(claims.map((claim) => claim.quote.start)).toEqual([...claims.map((claim) => claim.quote.start)].sort((a, b) => a - b));
  });

  it("reads the car-bomb paragraph onto the same keys", () => {
    const claims = extractClaims(CAR_BOMB);
    expectAnchored(CAR_BOMB, claims);
    expect(only(claims, "bombing.killed")).toMatchObject({ value: 19, hedge: "EXACT" });
    expect(only(claims, "bombing.wounded")).toMatchObject({ value: 46, hedge: "EXACT" });
    expect(only(claims, "bombing.weapon").textValue).toBe("car bomb");
    expect(only(claims, "bombing.location").textValue).toBe("in the busy commercial area of Sinak in central Baghdad");
  });

  it("finds a conflict between 19 and 24 killed, even from one origin", () => {
    const a = only(extractClaims(TRUCK_BOMB), "bombing.killed");
    const b = only(extractClaims(CAR_BOMB), "bombing.killed");
    expect(decideAgreement([readingInputOf(a, "1", "reuters"), readingInputOf(b, "2", "reuters")])).toBe("CONFLICT");
    const truck = only(extractClaims(TRUCK_BOMB), "bombing.weapon");
    const car = only(extractClaims(CAR_BOMB), "bombing.weapon");
    expect(decideAgreement([readingInputOf(truck, "3", "reuters"), readingInputOf(car, "4", "reuters")])).toBe("CONFLICT");
  });

  it("puts 'almost 30 years', '27 years ago', 'in 27 years' and 'almost three decades' on one key", () => {
    const almost30 = extractClaims(REUTERS_LEAD);
    const ago = extractClaims(CNN_GAP);
    const in27 = extractClaims(AFP_LEAD);
    const decades = extractClaims(DPA_LEAD);
    const gap = (claims: ExtractedClaim[]) => claims.find((claim) => claim.unit === "years")!;
    expect(gap(almost30)).toMatchObject({
      value: 30,
      hedge: "ALMOST",
      lower: 27,
      upper: 30,
      quote: expect.objectContaining({ exact: "almost 30 years" }),
    });
    expect(gap(ago)).toMatchObject({ value: 27, hedge: "EXACT", text: "27 years ago" });
    expect(gap(in27)).toMatchObject({ value: 27, hedge: "EXACT" });
    expect(gap(decades)).toMatchObject({
      value: 30,
      hedge: "ALMOST",
      lower: 27,
      upper: 30,
      quote: expect.objectContaining({ exact: "almost three decades" }),
    });
    const keys = new Set([gap(almost30), gap(ago), gap(in27), gap(decades)].map((claim) => claim.factKey));
    expect(keys.size).toBe(1);
    expect(
      decideAgreement([
        readingInputOf(gap(almost30), "1", "reuters"),
        readingInputOf(gap(ago), "2", "cnn"),
        readingInputOf(gap(decades), "3", "dpa"),
      ]),
    ).toBe("COMPATIBLE");
  });

  it("ignores the dateline and the reference to 'the two countries'", () => {
    const claims = extractClaims(REUTERS_LEAD);
    expect(claims).toHaveLength(1);
    expect(claims[0].quote.exact).toBe("almost 30 years");
  });

  it("reads the talks' duration from 'four-hour meeting'", () => {
    const claims = extractClaims(DPA_LEAD);
    expectAnchored(DPA_LEAD, claims);
    expect(only(claims, "talks.duration")).toMatchObject({ value: 4, unit: "hours", kind: "DURATION", hedge: "EXACT" });
  });

  it("reads 'a quarter of a century' and '444 days' and keeps them apart", () => {
    const claims = extractClaims(AFP_HOSTAGES);
    expectAnchored(AFP_HOSTAGES, claims);
    expect(claims.map((claim) => [claim.quote.exact, claim.value, claim.unit])).toEqual([
      ["a quarter of a century", 25, "years"],
      ["444 days", 444, "days"],
    ]);
    expect(claims[0].factKey).not.toBe(claims[1].factKey);
  });

  it("keeps a war's cumulative toll off the bombing's key", () => {
    const claims = extractClaims(AFP_TOLL);
    expectAnchored(AFP_TOLL, claims);
    const toll = claims.find((claim) => claim.value === 3455)!;
    expect(toll.factKey).toBe("conflict.killed");
    expect(toll.unit).toBe("troops");
    const hundreds = claims.find((claim) => claim.lower === 200)!;
    expect(hundreds).toMatchObject({ value: null, hedge: "RANGE", lower: 200, upper: 999 });
    expect(claims.every((claim) => claim.factKey !== "bombing.killed")).toBe(true);
  });

  it("credits a named spokesman and reads the detainees", () => {
    const claims = extractClaims(CNN_DETAINEES);
    expectAnchored(CNN_DETAINEES, claims);
    expect(only(claims, "detainees.held")).toMatchObject({ value: 7, attribution: "William Caldwell" });
  });

  it("reads dates and the year relations were cut", () => {
    const claims = extractClaims(CNN_CUT);
    expectAnchored(CNN_CUT, claims);
    expect(only(claims, "relations.cut_year")).toMatchObject({
      kind: "DATE",
      value: 1980,
      unit: "year",
      quote: expect.objectContaining({ exact: "April 1980" }),
    });
    expect(claims.filter((claim) => claim.kind === "DATE").map((claim) => claim.value)).toEqual([1980, 1979, 1981]);
    expect(claims.find((claim) => claim.value === 52)).toMatchObject({ unit: "hostages", kind: "COUNT" });
  });

  it("credits the broadcaster when a pronoun speaks to it", () => {
    const claims = extractClaims(REUTERS_STATE_TV);
    // "the two sides" is a reference, not a figure.
    expect(claims).toHaveLength(0);
    const withFigure = REUTERS_STATE_TV.replace("the two sides agreed", "the two sides agreed on 12 points");
    expect(extractClaims(withFigure)[0].attribution).toBe("state television");
  });

  it("skips 'one' as a pronoun but counts 'one of four'", () => {
    const body =
      "Tehran recently charged Haleh Esfandiari, one of four Iranian-Americans detained in Tehran, with conducting activities against the Iranian government. Mowaffak al-Rubaie was the only Iraqi official sitting in on the meetings, one of his aides said.";
    const claims = extractClaims(body);
    expect(claims.map((claim) => [claim.quote.exact, claim.value])).toEqual([["four Iranian-Americans", 4]]);
    expect(claims[0].factKey).not.toBe("detainees.held");
  });

  it.each([
    ["A mudslide buried a farmhouse near Corra. One was found dead by the time rescuers arrived.", "killed"],
    ["Two lorries collided on the bypass; one died at the scene.", "killed"],
    ["Of the three climbers, one is still missing.", "missing"],
  ])("counts a bare 'one' that a casualty verb follows: %s", (body, measure) => {
    const one = extractClaims(body).find((claim) => claim.quote.exact.toLowerCase() === "one");
    expect(one).toMatchObject({ value: 1, kind: "COUNT" });
    expect(one!.factKey.split(".")[1]).toBe(measure);
  });

  it("counts 'only one' but not 'the only one'", () => {
    expect(extractClaims("Of the nine referendums held since 1993, only one was declared valid.").map((claim) => claim.value)).toEqual([
      9, 1993, 1,
    ]);
    expect(extractClaims("She was the only one to walk out of the wreck.")).toEqual([]);
  });

  it("does not take the ages of the people counted for figures", () => {
    expect(extractClaims("Four men aged between 36 and 58 were arrested.").map((claim) => claim.quote.exact)).toEqual(["Four men"]);
    expect(extractClaims("Three of the dead were children, aged 2, 5 and 10.").map((claim) => claim.value)).toEqual([3]);
  });

  it("masks a dateline with the state in brackets and no dash, as the cleaner reads it", () => {
    const claims = extractClaims("Nashik (Maharashtra), Sep 4 (PTI) At least nine workers died in a boiler blast, police said.");
    expect(claims.map((claim) => claim.quote.exact)).toEqual(["At least nine workers"]);
  });

  it("skips clock times and a relative page header", () => {
    const body = "May 28, 2007 / 9:26 AM / 12 years ago\n\nBAGHDAD, May 28 (Reuters) - Police said 12 people were killed in a blast.";
    const claims = extractClaims(body);
    expect(claims.map((claim) => claim.quote.exact)).toEqual(["12 people"]);
    expect(claims[0]).toMatchObject({ factKey: "bombing.killed", attribution: "police" });
  });
});

describe("extractClaims on other shapes", () => {
  const cases: Array<[string, Partial<ExtractedClaim> & { exact?: string }]> = [
    [
      "At least 12 people died in the crash, police said.",
      { factKey: "crash.killed", value: 12, hedge: "AT_LEAST", lower: 12, upper: null, unit: "people", attribution: "police" },
    ],
    ["More than 200 were injured in the attack.", { factKey: "attack.wounded", value: 200, hedge: "MORE_THAN", unit: "people" }],
    ["Leaders met for a three-day summit.", { factKey: "talks.duration", value: 3, unit: "days", kind: "DURATION" }],
    [
      "Between 30 and 40 protesters were arrested.",
      { factKey: "protesters.arrested", value: 30, hedge: "RANGE", lower: 30, upper: 40, exact: "Between 30 and 40 protesters" },
    ],
    ["The floods destroyed nearly 1,000 homes.", { value: 1000, hedge: "ALMOST", lower: 900, upper: 1000, unit: "homes" }],
    ["The army will send up to 5,000 troops.", { value: 5000, hedge: "AT_MOST", lower: null, upper: 5000, unit: "troops" }],
    ["Some 300 people gathered outside.", { value: 300, hedge: "APPROXIMATE", lower: 270, upper: 330, unit: "people" }],
    ["Two dozen soldiers were wounded.", { value: 24, hedge: "EXACT", unit: "soldiers" }],
    ["Flames engulfed the 30-floor tower.", { value: 30, unit: "storeys", factKey: "tower.storeys", exact: "30-floor tower" }],
    [
      "Smoke poured from the 31-story Grand Harbour Hotel and Casino.",
      { value: 31, unit: "storeys", factKey: "hotel.storeys", exact: "31-story" },
    ],
    ["A dozen hostages were freed.", { value: 12, factKey: "hostages.released" }],
    ["Hundreds of people fled the fighting.", { value: null, lower: 200, upper: 999, hedge: "RANGE" }],
    ["Tens of thousands of people were displaced.", { lower: 20_000, upper: 99_999, hedge: "RANGE" }],
    ["Police ended the 12-hour standoff at dawn.", { value: 12, unit: "hours", kind: "DURATION", factKey: "hostage.duration" }],
    ["The gang demanded a 1.5 million dollar ransom.", { value: 1_500_000, unit: "dollars", kind: "QUANTITY" }],
    ["The plan will cost $2 billion.", { value: 2e9, unit: "dollars", kind: "QUANTITY", exact: "$2 billion" }],
    ["Turnout was 42%.", { value: 42, unit: "percent", kind: "QUANTITY" }],
    [
      "It was the deadliest attack in more than a decade.",
      { value: 10, hedge: "MORE_THAN", unit: "years", factKey: "attack.years_since_last" },
    ],
  ];
  it.each(cases)("%s", (body, expected) => {
    const claims = extractClaims(body);
    expectAnchored(body, claims);
    expect(claims.length).toBeGreaterThanOrEqual(1);
    const { exact, ...fields } = expected;
    expect(claims[0]).toMatchObject(fields);
    if (exact) expect(claims[0].quote.exact).toBe(exact);
  });

  it("splits 'the blast killed five and injured 20'", () => {
    const claims = extractClaims("The blast killed five and injured 20.");
    expect(claims.map((claim) => [claim.factKey, claim.value, claim.unit])).toEqual([
      ["bombing.killed", 5, "people"],
      ["bombing.wounded", 20, "people"],
    ]);
  });

  it("reads the weapon only where it exploded, not in background", () => {
    expect(extractClaims("The U.S. military has also shown sophisticated bombs it says are killing U.S. soldiers.")).toHaveLength(0);
    const claims = extractClaims(
      "A suicide bomber blew himself up at a checkpoint in northern Mosul, killing eight policemen, officials said.",
    );
    expect(claims.map((claim) => [claim.factKey, claim.textValue ?? claim.value])).toEqual([
      ["bombing.weapon", "suicide bomber"],
      ["bombing.location", "at a checkpoint in northern Mosul"],
      ["bombing.killed", 8],
    ]);
    expect(claims.every((claim) => claim.attribution === "officials")).toBe(true);
  });

  it("resolves 'he' to the last named speaker", () => {
    const body = 'Ryan Crocker, the U.S. ambassador to Iraq, told reporters the talks were positive. "We spent four hours on it," he said.';
    const claims = extractClaims(body);
    expect(claims.map((claim) => [claim.value, claim.attribution])).toEqual([[4, "Ryan Crocker"]]);
  });

  it("reads a magnitude, a toll written as 'dead', and skips a bracketed conversion", () => {
    const body =
      'A magnitude 7.0 earthquake struck 15 km (10 miles) from the capital. "We have more than 100,000 dead," the president said. Aftershocks of magnitude 5.9 followed.';
    const claims = extractClaims(body);
    expectAnchored(body, claims);
    expect(claims.map((claim) => [claim.factKey, claim.value, claim.hedge])).toEqual([
      ["earthquake.magnitude", 7, "EXACT"],
      ["earthquake.kilometres", 15, "EXACT"],
      ["earthquake.killed", 100_000, "MORE_THAN"],
      ["aftershock.magnitude", 5.9, "EXACT"],
    ]);
    expect(claims[2].attribution).toBe("president");
  });

  it("quotes with UTF-16 offsets around non-ASCII text", () => {
    const body = "Iran’s envoy — “positive” — said the talks lasted four hours 🙂 and 12 people were killed.";
    expectAnchored(body, extractClaims(body));
  });
});
