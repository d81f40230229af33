import {
  decideAgreement,
  groupReadings,
  intervalsOverlap,
  readingKey,
  readingsClash,
  sameReading,
  textsCompatible,
} from "../../src/extraction/agreement";
import { intervalFor } from "../../src/extraction/hedge";
import type { Hedge, ReadingInput } from "../../src/extraction/types";

let counter = 0;
function figure(value: number, hedge: Hedge, originSlug: string, range?: [number, number]): ReadingInput {
  counter += 1;
  const { lower, upper } = intervalFor(value, hedge, range);
  return { id: `c${counter}`, kind: "COUNT", value, lower, upper, hedge, textValue: null, text: String(value), originSlug };
}

function statement(textValue: string, originSlug: string): ReadingInput {
  counter += 1;
  return { id: `t${counter}`, kind: "TEXT", value: null, lower: null, upper: null, hedge: "EXACT", textValue, text: textValue, originSlug };
}

describe("intervalsOverlap", () => {
  it("treats bounds as closed and null as unbounded", () => {
    expect(intervalsOverlap({ lower: 27, upper: 27 }, { lower: 27, upper: 30 })).toBe(true);
    expect(intervalsOverlap({ lower: 19, upper: 19 }, { lower: 24, upper: 24 })).toBe(false);
    expect(intervalsOverlap({ lower: 12, upper: null }, { lower: 24, upper: 24 })).toBe(true);
    expect(intervalsOverlap({ lower: null, upper: 10 }, { lower: 12, upper: null })).toBe(false);
    expect(intervalsOverlap({ lower: null, upper: null }, { lower: 5, upper: 5 })).toBe(true);
  });
});

describe("decideAgreement", () => {
  it("19 vs 24 killed is a CONFLICT", () => {
    expect(decideAgreement([figure(19, "EXACT", "reuters"), figure(24, "EXACT", "afp")])).toBe("CONFLICT");
  });

  it("two versions from one origin that disagree are still a CONFLICT", () => {
    expect(decideAgreement([figure(19, "EXACT", "reuters"), figure(24, "EXACT", "reuters")])).toBe("CONFLICT");
  });

  it("27 years vs almost 30 years is COMPATIBLE", () => {
    expect(decideAgreement([figure(27, "EXACT", "afp"), figure(30, "ALMOST", "reuters")])).toBe("COMPATIBLE");
  });

  it("at least 12 vs 24 is COMPATIBLE, at most 10 vs at least 12 a CONFLICT", () => {
    expect(decideAgreement([figure(12, "AT_LEAST", "ap"), figure(24, "EXACT", "afp")])).toBe("COMPATIBLE");
    expect(decideAgreement([figure(10, "AT_MOST", "ap"), figure(12, "AT_LEAST", "afp")])).toBe("CONFLICT");
  });

  it("one reading from two origins AGREES; from one origin it is a SINGLE_SOURCE", () => {
    expect(decideAgreement([figure(4, "EXACT", "afp"), figure(4, "EXACT", "cnn")])).toBe("AGREE");
    expect(decideAgreement([figure(4, "EXACT", "reuters"), figure(4, "EXACT", "reuters")])).toBe("SINGLE_SOURCE");
    expect(decideAgreement([figure(4, "EXACT", "reuters")])).toBe("SINGLE_SOURCE");
  });

  it("TEXT: car bomb vs truck bomb conflicts; bomb vs car bomb is compatible", () => {
    expect(decideAgreement([statement("car bomb", "reuters"), statement("truck bomb", "reuters")])).toBe("CONFLICT");
    expect(decideAgreement([statement("bomb", "ap"), statement("car bomb", "reuters")])).toBe("COMPATIBLE");
    expect(decideAgreement([statement("car bomb", "ap"), statement("Car bomb", "reuters")])).toBe("AGREE");
  });

  it("TEXT places: compared by the names they give", () => {
    expect(textsCompatible("in central Baghdad", "near an important Sunni Muslim mosque in central Baghdad")).toBe(true);
    expect(
      textsCompatible(
        "in the busy commercial area of Sinak in central Baghdad",
        "near an important Sunni Muslim mosque in central Baghdad",
      ),
    ).toBe(false);
  });
});

describe("groupReadings", () => {
  it("groups equal intervals, counts origins once, and sorts by support", () => {
    const claims = [
      figure(30, "ALMOST", "reuters"),
      figure(30, "ALMOST", "reuters"),
      figure(30, "ALMOST", "dpa"),
      figure(27, "EXACT", "afp"),
      figure(27, "EXACT", "cnn"),
      figure(27, "EXACT", "cnn"),
      figure(35, "RANGE", "ap", [30, 40]),
    ];
    const readings = groupReadings(claims);
    expect(
      readings.map((reading) => [reading.label, reading.lower, reading.upper, reading.claimIds.length, reading.independentSources]),
    ).toEqual([
      ["27", 27, 27, 3, 2],
      ["almost 30", 27, 30, 3, 2],
      ["30–40", 30, 40, 1, 1],
    ]);
  });

  it("labels hedged readings", () => {
    expect(groupReadings([figure(12, "AT_LEAST", "ap")])[0].label).toBe("at least 12");
    expect(groupReadings([figure(200, "MORE_THAN", "ap")])[0].label).toBe("more than 200");
    expect(groupReadings([figure(5000, "AT_MOST", "ap")])[0].label).toBe("up to 5000");
  });

  it("groups TEXT readings by their normalised value", () => {
    const readings = groupReadings([statement("car bomb", "reuters"), statement("Car  bomb", "afp"), statement("truck bomb", "reuters")]);
    expect(readings.map((reading) => [reading.label, reading.independentSources, reading.lower])).toEqual([
      ["car bomb", 2, null],
      ["truck bomb", 1, null],
    ]);
  });
});

describe("one definition of the reading rules", () => {
  it("treats statements that differ only in case and spacing as one reading, for grouping, sameness and clashes", () => {
    const upper = statement("Car bomb", "reuters");
    const lower = statement("car  bomb", "ap");
    expect(readingKey(upper)).toBe(readingKey(lower));
    expect(sameReading(upper, lower)).toBe(true);
    expect(readingsClash(upper, lower)).toBe(false);
    expect(readingsClash(upper, statement("truck bomb", "afp"))).toBe(true);
    expect(groupReadings([upper, lower]).map((reading) => [reading.key, reading.claimIds.length])).toEqual([[readingKey(lower), 2]]);
  });

  it("keys numeric readings by interval, so the same interval from different hedges or values is one reading", () => {
    expect(sameReading(figure(24, "EXACT", "a"), figure(24, "EXACT", "b"))).toBe(true);
    expect(sameReading(figure(24, "EXACT", "a"), figure(24, "AT_LEAST", "b"))).toBe(false);
    expect(readingsClash(figure(19, "EXACT", "a"), figure(24, "EXACT", "b"))).toBe(true);
    expect(readingsClash(figure(20, "AT_LEAST", "a"), figure(24, "EXACT", "b"))).toBe(false);
  });
});

describe("measured figures: units and rounding", () => {
  function measured(value: number, hedge: Hedge, unit: string, originSlug: string): ReadingInput {
    counter += 1;
    const { lower, upper } = intervalFor(value, hedge);
    return { id: `m${counter}`, kind: "QUANTITY", value, lower, upper, hedge, textValue: null, text: `${value} ${unit}`, originSlug, unit };
  }

  it("compares figures of one dimension in its canonical unit", () => {
    expect(readingKey(measured(10, "EXACT", "kilometres", "a"))).toBe(readingKey(measured(10000, "EXACT", "metres", "b")));
    expect(decideAgreement([measured(6, "EXACT", "miles", "a"), measured(20, "EXACT", "kilometres", "b")])).toBe("CONFLICT");
    expect(decideAgreement([measured(60, "EXACT", "mph", "a"), measured(97, "EXACT", "km/h", "b")])).toBe("COMPATIBLE");
  });

  it("lets a share match the same share at another rounding, and only that", () => {
    expect(
      decideAgreement([
        measured(41, "EXACT", "percent", "a"),
        measured(41.3, "EXACT", "percent", "b"),
        measured(41.26, "APPROXIMATE", "percent", "c"),
      ]),
    ).toBe("COMPATIBLE");
    expect(decideAgreement([measured(63, "AT_MOST", "percent", "a"), measured(63.2, "EXACT", "percent", "b")])).toBe("COMPATIBLE");
    expect(decideAgreement([measured(41, "EXACT", "percent", "a"), measured(41.6, "EXACT", "percent", "b")])).toBe("CONFLICT");
    expect(decideAgreement([measured(12, "EXACT", "percent", "a"), measured(13, "EXACT", "percent", "b")])).toBe("CONFLICT");
  });

  it("keeps counts exact: 12 and 13 people conflict", () => {
    expect(decideAgreement([figure(12, "EXACT", "a"), figure(13, "EXACT", "b")])).toBe("CONFLICT");
  });

  it("labels readings with their units when a fact holds more than one", () => {
    const labels = groupReadings([measured(100, "EXACT", "mph", "a"), measured(161, "EXACT", "km/h", "b")])
      .map((reading) => reading.label)
      .sort();
    expect(labels).toEqual(["100 mph", "161 km/h"]);
    expect(groupReadings([measured(250, "EXACT", "kilometres", "a")])[0].label).toBe("250");
  });
});
