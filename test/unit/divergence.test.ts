import { explainDivergence, SAME_TIME_MS, type ReportedClaim } from "../../src/extraction/divergence";
import { intervalFor } from "../../src/extraction/hedge";
import type { Hedge } from "../../src/extraction/types";

let counter = 0;

interface Report {
  value: number;
  hedge?: Hedge;
  origin: string;
  host?: string;
  at?: string | null;
  versionGroup?: string;
  scope?: string | null;
  unit?: string | null;
  trackRecord?: number | null;
}

function claim(report: Report): ReportedClaim {
  counter += 1;
  const hedge = report.hedge ?? "EXACT";
  const { lower, upper } = intervalFor(report.value, hedge);
  const host = report.host ?? report.origin;
  return {
    id: String(counter),
    kind: "COUNT",
    value: report.value,
    lower,
    upper,
    hedge,
    textValue: null,
    text: String(report.value),
    originSlug: report.origin,
    publishedAt: report.at ? new Date(report.at) : null,
    versionGroup: report.versionGroup ?? `article-${counter}`,
    originName: report.origin.toUpperCase(),
    hostName: host.toUpperCase(),
    onOriginSite: host === report.origin,
    scope: report.scope ?? null,
    unit: report.unit ?? "people",
    trackRecord: report.trackRecord ?? null,
  };
}

const labelOf = (claims: ReportedClaim[], key: string | null) => {
  const match = claims.find((c) => `interval:${c.lower ?? "-inf"}:${c.upper ?? "inf"}` === key);
  return match ? match.text : null;
};

describe("explainDivergence", () => {
  it("is null while every claim asserts one reading, but still keeps the timeline and the latest reading", () => {
    const claims = [
      claim({ value: 4, origin: "afp", at: "2026-03-02T10:00:00Z" }),
      claim({ value: 4, origin: "ap", at: "2026-03-02T09:00:00Z" }),
    ];
    const report = explainDivergence(claims);
    expect(report.divergence).toBeNull();
    expect(report.note).toBeNull();
    expect(report.suggestion).toBeNull();
    expect(report.timeline.map((p) => p.claimId)).toEqual([claims[1].id, claims[0].id]);
    expect(labelOf(claims, report.latestReadingKey)).toBe("4");
  });

  it("calls versions of one origin's story that differ a REVISION and suggests the newest version", () => {
    const claims = [
      claim({ value: 19, origin: "reuters", host: "iranfocus", at: null, versionGroup: "reuters-story" }),
      claim({ value: 24, origin: "reuters", at: "2007-05-28T09:26:00Z", versionGroup: "reuters-story" }),
      claim({ value: 24, origin: "cnn", at: "2007-05-28T12:00:00Z" }),
    ];
    const report = explainDivergence(claims);
    expect(report.divergence).toBe("REVISION");
    expect(report.note).toMatch(
      /^REUTERS changed its figure between versions of the same story: 19 in the copy on IRANFOCUS and 24 on REUTERS/,
    );
    expect(labelOf(claims, report.suggestion!.readingKey)).toBe("24");
    expect(report.suggestion!.reasons.join(" ")).toMatch(/newest dated version/);
  });

  it("prefers the origin's own site when versions carry no dates", () => {
    const claims = [
      claim({ value: 30, origin: "reuters", versionGroup: "g" }),
      claim({ value: 31, origin: "reuters", host: "mirror", versionGroup: "g" }),
    ];
    const report = explainDivergence(claims);
    expect(report.divergence).toBe("REVISION");
    expect(labelOf(claims, report.suggestion!.readingKey)).toBe("30");
  });

  it("is not a REVISION when an independent source alone asserts another reading", () => {
    const claims = [
      claim({ value: 19, origin: "reuters", versionGroup: "g", at: "2026-03-02T08:00:00Z" }),
      claim({ value: 24, origin: "reuters", versionGroup: "g", at: "2026-03-02T09:00:00Z" }),
      claim({ value: 30, origin: "afp", at: "2026-03-02T09:10:00Z" }),
    ];
    expect(explainDivergence(claims).divergence).toBe("DISAGREEMENT");
  });

  it("calls a toll that rises report after report an UPDATE, with the timeline oldest first and the latest suggested", () => {
    const claims = [
      claim({ value: 12, origin: "afp", at: "2026-03-03T16:00:00Z" }),
      claim({ value: 6, origin: "reuters", at: "2026-03-03T08:00:00Z" }),
      claim({ value: 9, origin: "ap", at: "2026-03-03T11:30:00Z" }),
    ];
    const report = explainDivergence(claims);
    expect(report.divergence).toBe("UPDATE");
    expect(report.timeline.map((p) => p.at!.toISOString())).toEqual([
      "2026-03-03T08:00:00.000Z",
      "2026-03-03T11:30:00.000Z",
      "2026-03-03T16:00:00.000Z",
    ]);
    expect(labelOf(claims, report.latestReadingKey)).toBe("12");
    expect(labelOf(claims, report.suggestion!.readingKey)).toBe("12");
    expect(report.note).toBe(
      "The figure changed as reports came in: 6 (REUTERS, 2026-03-03 08:00 UTC), then 9 (AP, 2026-03-03 11:30 UTC), then 12 (AFP, 2026-03-03 16:00 UTC).",
    );
  });

  it("calls independent sources that differ at about the same time a DISAGREEMENT", () => {
    const at = new Date("2026-03-03T10:00:00Z");
    const claims = [
      claim({ value: 6, origin: "reuters", at: at.toISOString() }),
      claim({ value: 9, origin: "ap", at: new Date(at.getTime() + SAME_TIME_MS - 60_000).toISOString() }),
    ];
    const report = explainDivergence(claims);
    expect(report.divergence).toBe("DISAGREEMENT");
    expect(report.note).toMatch(/^Independent sources differ at about the same time/);
  });

  it("calls it a DISAGREEMENT when a reading's reports are undated", () => {
    const claims = [claim({ value: 6, origin: "reuters", at: "2026-03-03T08:00:00Z" }), claim({ value: 9, origin: "ap", at: null })];
    const report = explainDivergence(claims);
    expect(report.divergence).toBe("DISAGREEMENT");
    expect(report.note).toMatch(/times are unknown/);
  });

  it("calls readings that go back and forth over time a DISAGREEMENT, not an UPDATE", () => {
    const claims = [
      claim({ value: 6, origin: "reuters", at: "2026-03-03T08:00:00Z" }),
      claim({ value: 9, origin: "ap", at: "2026-03-03T11:00:00Z" }),
      claim({ value: 6, origin: "afp", at: "2026-03-03T15:00:00Z" }),
    ];
    expect(explainDivergence(claims).divergence).toBe("DISAGREEMENT");
  });

  it("weights a disagreement's suggestion by independent sources and their track record", () => {
    const at = "2026-03-03T10:00:00Z";
    const claims = [
      claim({ value: 6, origin: "reuters", at, trackRecord: 0.9 }),
      claim({ value: 9, origin: "ap", at, trackRecord: 0.3 }),
      claim({ value: 9, origin: "blog", at, trackRecord: 0.3 }),
    ];
    // 0.9 for six against 0.3 + 0.3 for nine.
    const report = explainDivergence(claims);
    expect(labelOf(claims, report.suggestion!.readingKey)).toBe("6");
    expect(report.suggestion!.reasons[0]).toBe("1 independent source report 6: REUTERS.");
    // Unknown track records count as even odds, so two sources beat one.
    const fresh = [
      claim({ value: 6, origin: "reuters", at }),
      claim({ value: 9, origin: "ap", at }),
      claim({ value: 9, origin: "afp", at }),
    ];
    expect(labelOf(fresh, explainDivergence(fresh).suggestion!.readingKey)).toBe("9");
  });

  it("calls readings that each cover one scope a SCOPE divergence and suggests the whole-event figure", () => {
    const at = "2026-03-03T10:00:00Z";
    const claims = [
      claim({ value: 40, origin: "reuters", at, scope: "EVENT" }),
      claim({ value: 12, origin: "ap", at, scope: "SUB_AREA" }),
      claim({ value: 40, origin: "afp", at, scope: "EVENT" }),
    ];
    const report = explainDivergence(claims);
    expect(report.divergence).toBe("SCOPE");
    expect(report.note).toBe("The figures cover different parts of the story: 40 for the whole event and 12 for one area or group.");
    expect(labelOf(claims, report.suggestion!.readingKey)).toBe("40");
  });

  it("does not call it SCOPE while some scopes are unknown or one scope holds two readings", () => {
    const at = "2026-03-03T10:00:00Z";
    expect(
      explainDivergence([claim({ value: 40, origin: "reuters", at, scope: "EVENT" }), claim({ value: 12, origin: "ap", at })]).divergence,
    ).toBe("DISAGREEMENT");
    expect(
      explainDivergence([
        claim({ value: 40, origin: "reuters", at, scope: "EVENT" }),
        claim({ value: 35, origin: "afp", at, scope: "EVENT" }),
        claim({ value: 12, origin: "ap", at, scope: "SUB_AREA" }),
      ]).divergence,
    ).toBe("DISAGREEMENT");
  });

  it("calls readings that each count a different thing a DEFINITION divergence", () => {
    const at = "2026-03-03T10:00:00Z";
    const report = explainDivergence([
      claim({ value: 120, origin: "reuters", at, unit: "workers" }),
      claim({ value: 90, origin: "ap", at, unit: "people" }),
    ]);
    expect(report.divergence).toBe("DEFINITION");
    expect(report.note).toBe("The figures count different things: 120 workers and 90 people.");
  });
});
