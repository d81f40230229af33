import { areVersions, findVersions, type VersionCandidate } from "../../src/extraction/versions";

const lede =
  "Rescue teams searched through the night for survivors after a landslide buried part of a mountain village, " +
  "officials said on Wednesday, as heavy rain kept falling across the province and roads into the valley stayed closed. " +
  "The regional governor said soldiers had been sent with diggers and that a field hospital was being set up in a school.";

function article(id: string, originSlug: string, headline: string, byline: string | null, body: string): VersionCandidate {
  return { id, originSlug, headline, byline, body };
}

describe("versions of one story", () => {
  it("links the same byline with a near-identical headline, whatever the punctuation", () => {
    const early = article("1", "reuters", "U.S. tells Iran to stop backing Iraq militias", "Ross Colvin", "An early take of the story.");
    const later = article(
      "2",
      "reuters",
      "US tells Iran to stop backing Iraq militias",
      "By Ross Colvin",
      "A longer, later take with new figures in it.",
    );
    expect(areVersions(early, later)).toBe(true);
    expect(findVersions([early, later])).toEqual(
      new Map([
        ["1", ["2"]],
        ["2", ["1"]],
      ]),
    );
  });

  it("links near-duplicate bodies without a byline, and keeps different origins apart", () => {
    const original = article("1", "afp", "Landslide buries village", null, lede);
    const copy = article("2", "afp", "Dozens missing in landslide", null, `${lede} This copy adds one closing line.`);
    const other = article("3", "ap", "Landslide buries village", null, lede);
    const versions = findVersions([original, copy, other]);
    expect(versions.get("1")).toEqual(["2"]);
    expect(versions.get("3")).toEqual([]);
  });

  it("does not link different stories by the same reporter", () => {
    const a = article("1", "reuters", "Iran and US hold talks in Baghdad", "Ross Colvin", "Talks were held.");
    const b = article("2", "reuters", "Car bomb kills dozens in Baghdad market", "Ross Colvin", "A bomb exploded.");
    expect(areVersions(a, b)).toBe(false);
    expect(findVersions([a, b]).get("1")).toEqual([]);
  });

  it("is transitive: three takes of one story are one group", () => {
    const takes = [
      article("1", "dpa", "Strong quake shakes northern coast", "Anna Weber", "First take."),
      article("2", "dpa", "Strong quake shakes the northern coast", "Anna Weber", "Second take."),
      article("3", "dpa", "Dozens hurt as quake hits", null, "Second take."),
    ];
    // 3 has no byline and a short body, so it links to nothing: only 1 and 2 are one group.
    const versions = findVersions(takes);
    expect(versions.get("1")).toEqual(["2"]);
    expect(versions.get("3")).toEqual([]);
    const longer = takes.map((take) => ({ ...take, body: `${take.body} ${lede}` }));
    expect(findVersions(longer).get("1")).toEqual(["2", "3"]);
  });
});
