import { findNumbers, parseNumber } from "../../src/extraction/numbers";
import { HEDGE_INTERVALS, HEDGE_WORDS, hedgeBefore, intervalFor } from "../../src/extraction/hedge";

function read(text: string) {
  return findNumbers(text).map((mention) => ({
    surface: text.slice(mention.start, mention.end),
    value: mention.value,
    lower: mention.lower,
    upper: mention.upper,
    unit: mention.unit,
    form: mention.form,
  }));
}

describe("findNumbers", () => {
  it.each([
    ["19", 19],
    ["3,455", 3455],
    ["1.5", 1.5],
    ["2.5 million", 2_500_000],
    ["seven", 7],
    ["twenty-four", 24],
    ["ninety-nine", 99],
    ["three hundred and five", 305],
    ["a thousand", 1000],
    ["two million", 2_000_000],
    ["a dozen", 12],
    ["two dozen", 24],
    ["half a dozen", 6],
  ])("reads %s as %d", (text, value) => {
    expect(parseNumber(text)).toBe(value);
  });

  it("turns spans of years written in words into years", () => {
    expect(read("almost three decades")).toEqual([expect.objectContaining({ surface: "three decades", value: 30, unit: "years" })]);
    expect(read("a quarter of a century after")).toEqual([
      expect.objectContaining({ surface: "a quarter of a century", value: 25, unit: "years" }),
    ]);
    expect(read("half a century")).toEqual([expect.objectContaining({ value: 50, unit: "years" })]);
    expect(read("in a decade")).toEqual([expect.objectContaining({ surface: "a decade", value: 10, unit: "years" })]);
  });

  it("reads hyphenated compounds as a number with its unit", () => {
    expect(read("a four-hour meeting")).toEqual([expect.objectContaining({ surface: "four-hour", value: 4, unit: "hours" })]);
    expect(read("a three-day summit")).toEqual([expect.objectContaining({ surface: "three-day", value: 3, unit: "days" })]);
    expect(read("the 12-hour standoff")).toEqual([expect.objectContaining({ surface: "12-hour", value: 12, unit: "hours" })]);
  });

  it("reads vague plurals as ranges", () => {
    expect(read("hundreds of people")).toEqual([expect.objectContaining({ surface: "hundreds", lower: 200, upper: 999, form: "vague" })]);
    expect(read("tens of thousands of troops")).toEqual([
      expect.objectContaining({ surface: "tens of thousands", lower: 20_000, upper: 99_999 }),
    ]);
    expect(read("billions of dollars")).toEqual([expect.objectContaining({ lower: 2e9, form: "vague" })]);
  });

  it("reads money and percentages with their unit", () => {
    expect(read("$2 billion")).toEqual([expect.objectContaining({ surface: "$2 billion", value: 2e9, unit: "dollars" })]);
    expect(read("42% of voters")).toEqual([expect.objectContaining({ surface: "42%", value: 42, unit: "percent" })]);
    expect(read("a 1.5 million dollar ransom")).toEqual([expect.objectContaining({ surface: "1.5 million", value: 1_500_000 })]);
  });

  it("reads calendar years and dates", () => {
    expect(read("in April 1980")).toEqual([expect.objectContaining({ surface: "April 1980", value: 1980, form: "year" })]);
    expect(read("severed ties in 1980")).toEqual([expect.objectContaining({ surface: "1980", form: "year" })]);
    expect(read("missing since March 8, when")).toEqual([expect.objectContaining({ surface: "March 8", value: 308, form: "date" })]);
    expect(read("in the 1980s")).toEqual([expect.objectContaining({ surface: "1980s", lower: 1980, upper: 1989, form: "decade" })]);
  });

  it("leaves out ordinals, clock times and numbers fused to names", () => {
    expect(read("the first talks, the second round")).toEqual([]);
    expect(read("the 4th brigade, an F-16 and the G8")).toEqual([]);
    expect(read("at 9:26 AM")).toEqual([]);
    expect(read("at 10 a.m.")).toEqual([]);
  });

  it("keeps separate figures separate", () => {
    expect(read("the blast killed five and injured 20").map((mention) => mention.value)).toEqual([5, 20]);
  });

  it("returns UTF-16 offsets", () => {
    const text = "Iran’s “envoy” — said 27 years";
    const [mention] = findNumbers(text);
    expect(text.slice(mention.start, mention.end)).toBe("27");
  });
});

describe("hedges", () => {
  it.each([
    ["at least 12 people", "AT_LEAST"],
    ["more than 200 were injured", "MORE_THAN"],
    ["nearly 1,000 homes", "ALMOST"],
    ["almost 30 years", "ALMOST"],
    ["up to 5,000 troops", "AT_MOST"],
    ["some 300 people", "APPROXIMATE"],
    ["about 40 people", "APPROXIMATE"],
    ["fewer than 10 people", "LESS_THAN"],
    ["no more than 10 people", "AT_MOST"],
    ["no fewer than 10 people", "AT_LEAST"],
  ])("%s is %s", (text, hedge) => {
    const at = text.search(/\d/);
    expect(hedgeBefore(text, at)?.hedge).toBe(hedge);
  });

  it("does not read a preposition after a noun as a hedge", () => {
    const text = "more information about three other detainees";
    expect(hedgeBefore(text, text.indexOf("three"))).toBeNull();
  });

  it("gives every hedge word a hedge in the interval table", () => {
    for (const hedge of Object.values(HEDGE_WORDS)) expect(HEDGE_INTERVALS[hedge]).toBeDefined();
  });

  it("computes intervals from the table without float noise", () => {
    expect(intervalFor(30, "ALMOST")).toEqual({ lower: 27, upper: 30 });
    expect(intervalFor(30, "APPROXIMATE")).toEqual({ lower: 27, upper: 33 });
    expect(intervalFor(24, "EXACT")).toEqual({ lower: 24, upper: 24 });
    expect(intervalFor(12, "AT_LEAST")).toEqual({ lower: 12, upper: null });
    expect(intervalFor(200, "MORE_THAN")).toEqual({ lower: 200, upper: null });
    expect(intervalFor(5000, "AT_MOST")).toEqual({ lower: null, upper: 5000 });
    expect(intervalFor(10, "LESS_THAN")).toEqual({ lower: null, upper: 10 });
    expect(intervalFor(35, "RANGE", [30, 40])).toEqual({ lower: 30, upper: 40 });
  });

  it("does not make almost 30 equal to 30", () => {
    expect(intervalFor(30, "ALMOST")).not.toEqual(intervalFor(30, "EXACT"));
  });
});
