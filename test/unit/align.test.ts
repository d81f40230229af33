/**
 * Story-level alignment (src/extraction/align.ts) on articles written for this test: the same
 * quantity told in other words groups into one fact across articles; scope, dimension and the
 * one-sentence rule keep apart what is not the same quantity; keys do not depend on input order.
 */
import { alignFacts, type AlignInput } from "../../src/extraction/align";
import { decideAgreement, readingInputOf } from "../../src/extraction/agreement";
import { extractClaims } from "../../src/extraction/claims";
import type { ExtractedClaim } from "../../src/extraction/types";

type Story = Record<string, string>;

function align(story: Story) {
  const inputs: AlignInput[] = Object.entries(story).flatMap(([article, body]) =>
    extractClaims(body).map((claim, index) => ({ id: `${article}#${index}`, articleId: article, claim })),
  );
  const claims = new Map(inputs.map((input) => [input.id, input]));
  const facts = alignFacts(inputs);
  /** The first claim of `article` whose quote holds `exact`. */
  const inputOf = (article: string, exact: string): AlignInput => {
    const found = inputs.find((input) => input.articleId === article && (input.claim as ExtractedClaim).quote.exact.includes(exact));
    if (!found) throw new Error(`no claim "${exact}" in ${article}`);
    return found;
  };
  const claimOf = (article: string, exact: string) => inputOf(article, exact).claim as ExtractedClaim;
  const factOf = (article: string, exact: string): string => {
    const found = inputOf(article, exact);
    return facts.find((fact) => fact.claimIds.includes(found.id))!.key;
  };
  const agreementOf = (key: string) =>
    decideAgreement(
      facts
        .find((fact) => fact.key === key)!
        .claimIds.map((id) => {
          const { claim, articleId } = claims.get(id)!;
          return readingInputOf(claim as ExtractedClaim, id, articleId);
        }),
    );
  return { facts, factOf, claimOf, agreementOf, inputs };
}

describe("story-level alignment", () => {
  it("groups a toll told as killed, dead, died, death toll, lost their lives and bodies recovered", () => {
    const { factOf, agreementOf } = align({
      a: "A gas explosion tore through a warehouse in Marlow on Tuesday, killing 14 people.",
      b: "Fourteen people were dead after the warehouse blast in Marlow, police said.",
      c: "The death toll from the Marlow warehouse fire rose to 16 on Wednesday.",
      d: "At least 14 workers lost their lives in the explosion at the Marlow warehouse.",
      e: "Rescuers said 15 bodies had been recovered from the Marlow warehouse.",
    });
    const key = factOf("a", "14 people");
    for (const [article, exact] of [
      ["b", "Fourteen people"],
      ["c", "16"],
      ["d", "14 workers"],
      ["e", "15 bodies"],
    ])
      expect(factOf(article, exact)).toBe(key);
    expect(agreementOf(key)).toBe("CONFLICT");
  });

  it("groups injured, wounded, hurt and injuries, and keeps them apart from the dead", () => {
    const { factOf } = align({
      a: "The collapse of the stand at the Ferris stadium killed two people and injured 40.",
      b: "Some 40 spectators were wounded when the stand at the Ferris stadium collapsed.",
      c: "More than 35 people were hurt in the stadium collapse.",
      d: "Officials said 38 fans suffered injuries when the stand collapsed.",
    });
    const injured = factOf("a", "40");
    expect(factOf("b", "Some 40")).toBe(injured);
    expect(factOf("c", "More than 35")).toBe(injured);
    expect(factOf("d", "38")).toBe(injured);
    expect(factOf("a", "two people")).not.toBe(injured);
  });

  it("groups evacuated and relocated, and crowd, marchers and took part", () => {
    const { factOf } = align({
      a: "Authorities evacuated 12,000 residents as the river Orne burst its banks.",
      b: "About 12,500 people were relocated from villages along the Orne.",
      c: "Police said 8,000 marchers filled the square in Castelno.",
      d: "Organisers said 20,000 people took part in the Castelno march.",
    });
    expect(factOf("b", "12,500")).toBe(factOf("a", "12,000"));
    expect(factOf("d", "20,000")).toBe(factOf("c", "8,000"));
    expect(factOf("c", "8,000")).not.toBe(factOf("a", "12,000"));
  });

  it("keeps the years of two different events apart, however many words their sentences share", () => {
    const { factOf } = align({
      a: "The two neighbours have had no formal diplomatic ties since they cut relations in 2011, a year after the border war began.",
      b: "Formal diplomatic relations between the neighbours were broken off in the wake of the 2010 border war.",
    });
    expect(factOf("a", "2011")).not.toBe(factOf("b", "2010"));
  });

  it("keeps a breakdown by place or group and a figure of an earlier event apart from the whole event's", () => {
    const { factOf, claimOf } = align({
      a: "Storm Bella killed 31 people across the coast of Vantia, officials said. In Dorrow province alone, 9 people were killed.",
      b: "The storm killed 29 people in Vantia, including six children.",
      c: "Storm Bella has killed 31 people in Vantia. In 2009, a storm killed 200 people in the same region.",
    });
    const toll = factOf("a", "31 people");
    expect(factOf("b", "29 people")).toBe(toll);
    expect(factOf("c", "31 people")).toBe(toll);
    expect(factOf("a", "9 people")).not.toBe(toll);
    expect(factOf("b", "six children")).not.toBe(toll);
    expect(factOf("c", "200 people")).not.toBe(toll);
    const scopeOf = (article: string, exact: string) => claimOf(article, exact).scope;
    expect(scopeOf("a", "9 people")).toBe("SUB_AREA");
    expect(scopeOf("b", "six children")).toBe("SUB_AREA");
    expect(scopeOf("c", "200 people")).toBe("BACKGROUND");
    expect(scopeOf("a", "31 people")).toBe("EVENT");
  });

  it("never puts two different figures of one sentence in one fact, nor two dimensions", () => {
    const { factOf } = align({
      a: "Five people died on Monday and seven people died on Tuesday in the heatwave.",
      b: "The heatwave has killed 12 people, and the fire spread 12 km along the ridge.",
    });
    expect(factOf("a", "Five people")).not.toBe(factOf("a", "seven people"));
    expect(factOf("b", "12 km")).not.toBe(factOf("b", "12 people"));
  });

  it("groups one speed told in mph and km/h, keeps a storm's winds apart from its movement, and compares them converted", () => {
    const { factOf, agreementOf } = align({
      a: "Cyclone Imre struck the port of Varna with winds of up to 100mph on Sunday.",
      b: "Imre was moving west at about 12 km/h, and gusts of up to 161 km per hour tore roofs off in Varna.",
      c: "The cyclone packed winds of up to 190 kilometres per hour when it reached the coast near Varna.",
      d: "Forecasters said Imre was travelling at 20 mph as it hit Varna.",
    });
    const wind = factOf("a", "100mph");
    expect(factOf("b", "161 km per hour")).toBe(wind);
    expect(factOf("c", "190 kilometres per hour")).toBe(wind);
    const movement = factOf("b", "12 km/h");
    expect(movement).not.toBe(wind);
    expect(factOf("d", "20 mph")).toBe(movement);
    // 100 mph is 161 km/h: a peak "up to" is stated, so 190 km/h contradicts it, and 20 mph (32 km/h) is not about 12 km/h.
    expect(agreementOf(wind)).toBe("CONFLICT");
    expect(agreementOf(movement)).toBe("CONFLICT");
  });

  it("finds a peak told in two units, rounded, compatible", () => {
    const { factOf, agreementOf } = align({
      a: "Cyclone Imre struck the port of Varna with winds of up to 100mph on Sunday.",
      b: "Gusts of up to 161 km per hour tore roofs off in Varna as Cyclone Imre came ashore.",
    });
    expect(factOf("b", "161 km per hour")).toBe(factOf("a", "100mph"));
    // 100 mph is 160.9 km/h: the outlet that converted it rounded, which is no conflict.
    expect(agreementOf(factOf("a", "100mph"))).toBe("COMPATIBLE");
  });

  it("groups a distance by the place it is measured from, whatever the outlet's spelling of that place", () => {
    const { factOf, agreementOf, facts } = align({
      a: "The mill lies 120 km from Korvalla, in the hills above the Tesh river.",
      b: "The blast hit the mill at Denno, about 150 km north of Korvalla.",
      c: "Denno is around 8 km from Rasmapur town, officials said.",
      d: "The mill is located around five kilometres on the outskirts of Rasampur.",
    });
    expect(factOf("b", "about 150 km")).toBe(factOf("a", "120 km"));
    expect(factOf("d", "five kilometres")).toBe(factOf("c", "around 8 km"));
    expect(factOf("c", "around 8 km")).not.toBe(factOf("a", "120 km"));
    expect(agreementOf(factOf("a", "120 km"))).toBe("CONFLICT");
    // The place a distance is measured from is no part of the event: the fact is the event's.
    expect(facts.find((fact) => fact.key === factOf("b", "about 150 km"))!.scope).toBe("EVENT");
  });

  it("reads a toll confined to one of several places as a part, even where one lead names that place", () => {
    const { factOf, inputs } = align({
      a: "Cyclone Imre battered Korsa overnight. The storm swept through Korsa, killing four people and injuring 30.",
      b: "Imre hit the coast of Delmar, where 11 people were killed. Five people were killed in Korsa.",
      c: "Imre left Korsa's north coast and injured 25 other people on the island, officials said.",
      d: "Governor of Delmar Anna Ruiz said 20 people were killed in the storm. Relief teams reached the coast. Roads were cut. Two people were killed in Varno.",
    });
    const korsa = factOf("a", "four people");
    expect(factOf("b", "Five people")).toBe(korsa);
    expect(factOf("b", "11 people")).not.toBe(korsa);
    expect(factOf("d", "20 people")).not.toBe(korsa);
    expect(factOf("d", "Two people")).not.toBe(korsa);
    expect(factOf("c", "25 other people")).toBe(factOf("a", "30"));
    // "Governor of Delmar Anna Ruiz said": a name that speaks is no place.
    const ruiz = inputs.find((input) => input.articleId === "d")!.claim as ExtractedClaim;
    expect(ruiz.context.place).toBeNull();
  });

  it("groups one group's share of a toll however it is told, apart from the toll and from other groups", () => {
    const { factOf, agreementOf } = align({
      a: "Nine children were among the 30 killed when the school roof in Pella fell in.",
      b: "At least 11 of the dead were children, while four others were teachers, police in Pella said.",
      c: "The roof collapse in Pella killed 31 people; 12 of the victims were women.",
    });
    const children = factOf("a", "Nine children");
    expect(factOf("b", "At least 11")).toBe(children);
    expect(agreementOf(children)).toBe("CONFLICT");
    expect(factOf("a", "30")).not.toBe(children);
    expect(factOf("c", "12")).not.toBe(children);
    expect(factOf("c", "31 people")).toBe(factOf("a", "30"));
  });

  it("tells a vote's turnout from the share for an option, and both from a threshold and an earlier vote", () => {
    const { factOf, agreementOf, claimOf } = align({
      a: "Turnout in the Norland recall vote was 38.4 percent, short of the 40 percent required for the result to count. Of those who voted, 61 percent backed the recall.",
      b: "Only 38% of registered voters cast ballots on Sunday, and 64% of those who took part supported the recall.",
      c: "Voters stayed away (just 35 percent took part), although those who did vote overwhelmingly (more than 60 percent) favoured the recall.",
      d: "Norland last voted on a recall in the 2011 referendum. Then 52 percent of voters took part. In Sunday's 2024 vote, 38 percent did.",
    });
    const turnout = factOf("a", "38.4 percent");
    expect(factOf("b", "38%")).toBe(turnout);
    expect(factOf("c", "35 percent")).toBe(turnout);
    const share = factOf("b", "64%");
    expect(share).not.toBe(turnout);
    expect(factOf("c", "more than 60 percent")).toBe(share);
    expect(factOf("a", "40 percent")).not.toBe(turnout);
    expect(factOf("d", "52 percent")).not.toBe(turnout);
    // 38.4% and 38% are one figure at two roundings; 35% is another report.
    expect(agreementOf(turnout)).toBe("CONFLICT");
    const scope = (article: string, exact: string) => claimOf(article, exact).scope;
    expect(scope("a", "40 percent")).toBe("BACKGROUND");
    expect(scope("d", "52 percent")).toBe("BACKGROUND");
    expect(scope("a", "38.4 percent")).toBe("EVENT");
  });

  it("keeps a rule's threshold written as a share ('more than half', 'at least half') out of the turnout", () => {
    const { factOf, agreementOf, claimOf } = align({
      a: "Only 31 percent of voters in Norland took part in the recall vote on Sunday.",
      b: "Turnout was 31.2% on Sunday. For the recall to be recognised as valid, more than half of all registered voters must take part.",
      c: "Turnout reached just 31 percent. Under the Norland constitution, at least half of registered voters have to cast a ballot.",
    });
    const turnout = factOf("a", "31 percent");
    expect(factOf("b", "31.2%")).toBe(turnout);
    expect(factOf("b", "more than half")).not.toBe(turnout);
    expect(factOf("c", "at least half")).not.toBe(turnout);
    expect(agreementOf(turnout)).not.toBe("CONFLICT");
    const half = claimOf("b", "more than half");
    expect(half).toMatchObject({ value: 50, unit: "percent", hedge: "MORE_THAN", scope: "BACKGROUND" });
  });

  it("reads what a bare number counts from its subject, however far before it in the clause", () => {
    const { factOf } = align({
      a: "The landslide above Corra killed 19 people, officials said.",
      b: "The number of dead left in the wake of the landslide in Corra rose on Monday to 21, the agency reported.",
      c: "The death toll from the Corra landslide could be as high as 40, according to local reports.",
    });
    const toll = factOf("a", "19 people");
    expect(factOf("b", "21")).toBe(toll);
    expect(factOf("c", "as high as 40")).toBe(toll);
  });

  it("derives the same keys whatever the order of the claims", () => {
    const story: Story = {
      a: "A ferry capsized off Kelso island, killing 22 people. It was carrying 140 passengers.",
      b: "The Kelso ferry sinking left 25 dead and 11 missing, the coastguard said.",
      c: "The ferry had 140 passengers aboard when it sank off Kelso; 22 people died.",
    };
    const forward = align(story)
      .facts.map((fact) => `${fact.key}=${[...fact.claimIds].sort().join(",")}`)
      .sort();
    const { inputs } = align(story);
    const backward = alignFacts([...inputs].reverse())
      .map((fact) => `${fact.key}=${[...fact.claimIds].sort().join(",")}`)
      .sort();
    expect(backward).toEqual(forward);
  });
});
