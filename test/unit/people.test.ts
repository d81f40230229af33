import { readdirSync, readFileSync } from "fs";
import { join } from "path";
import { cleanArticle } from "../../src/extraction/clean";
import { findPeople, groupPeople, personKey, type PersonMention } from "../../src/extraction/people";

const SEEDS = join(__dirname, "../../seeds/baghdad-talks-2007");
const seedBodies = readdirSync(SEEDS)
  .filter((file) => file.endsWith(".txt"))
  .sort()
  .map((file) => ({ id: file, body: cleanArticle(readFileSync(join(SEEDS, file), "utf8")).body }));

const storyMentions: PersonMention[] = seedBodies.flatMap(({ id, body }) =>
  findPeople(body).map((mention) => ({ ...mention, articleId: id })),
);
const storyPeople = groupPeople(storyMentions);
const personNamed = (variant: string) => storyPeople.filter((person) => person.variants.includes(variant));

describe("personKey", () => {
  it("ignores transliteration vowels, doubled letters, hyphens and particles", () => {
    expect(personKey("Kazemi-Qomi")).toBe(personKey("Kazemi Qomi"));
    expect(personKey("Kazemi Qumi")).toBe(personKey("Kazemi Qomi"));
    expect(personKey("Hassan")).toBe(personKey("Hasan"));
    expect(personKey("Nuri al-Maliki")).toBe(personKey("Nuri Maliki"));
    expect(personKey("al- Maliki")).toBe(personKey("Maliki"));
    expect(personKey("Mohammad")).toBe(personKey("Muhammad"));
    expect(personKey("Ambassador Ryan Crocker")).toBe(personKey("Ryan Crocker"));
    expect(personKey("Amélie Dupré")).toBe(personKey("Amelie Dupre"));
  });

  it("keeps different consonants apart", () => {
    expect(personKey("Hasan al-Sneid")).not.toBe(personKey("Hassan Kazemi Qomi"));
    expect(personKey("Sneid")).not.toBe(personKey("Qomi"));
  });
});

describe("findPeople", () => {
  it("gives offsets into the body", () => {
    for (const { body } of seedBodies) {
      for (const mention of findPeople(body)) expect(body.slice(mention.start, mention.end)).toBe(mention.name);
    }
  });

  it("finds names after titles and roles, and next to speech verbs", () => {
    const body =
      "Foreign Minister Amina Okafor met her counterpart Lars Eriksen on Tuesday. Eriksen said the talks were useful, " +
      'and Maj. Gen. Peter Wallace told reporters nothing had been agreed. "We will meet again," said Okafor.';
    expect(findPeople(body).map((mention) => mention.name)).toEqual(["Amina Okafor", "Lars Eriksen", "Eriksen", "Peter Wallace", "Okafor"]);
  });

  it("does not take places, institutions, dates or sentence openers for people", () => {
    const body =
      "The United States and Iran met in the Green Zone on Monday. The White House said the Security Council " +
      "would hear from the State Department. Revolutionary Guards units crossed from Iran. In May, Washington said " +
      "Tehran had agreed. Iraqi National Security Adviser was absent. New York and Middle East markets fell.";
    expect(findPeople(body)).toEqual([]);
  });

  it("finds people in another story's copy without taking institutions or places", () => {
    const body =
      "The Kremlin said Vladimir Putin had spoken to Angela Merkel. Merkel's spokesman Steffen Seibert told reporters in Berlin " +
      "that the chancellor was concerned. Human Rights Watch said dozens died. Moqtada al-Sadr's Mahdi Army fought in Sadr City. " +
      "Nobel Peace Prize winner Mohamed ElBaradei said talks were needed. Karel Zelenka, an aid worker in Port-au-Prince, told " +
      "officials the dead were everywhere. Rescue teams were sent to Santo Domingo. Camp David talks were recalled. " +
      "Secretary-General Ban Ki-moon said the United Nations would help.";
    const names = findPeople(body).map((mention) => mention.name);
    expect(names).toEqual(
      expect.arrayContaining([
        "Vladimir Putin",
        "Angela Merkel",
        "Merkel",
        "Steffen Seibert",
        "Moqtada al-Sadr",
        "Mohamed ElBaradei",
        "Karel Zelenka",
        "Ban Ki-moon",
      ]),
    );
    for (const notAPerson of [
      "Kremlin",
      "Human Rights",
      "Mahdi",
      "Sadr",
      "Nobel Peace Prize",
      "Port-au-Prince",
      "Santo Domingo",
      "David",
      "Camp David",
      "United Nations",
    ]) {
      expect(names).not.toContain(notAPerson);
    }
  });

  it("finds the seed articles' people and nothing that is not one", () => {
    const names = new Set(storyMentions.map((mention) => mention.name));
    for (const expected of [
      "Ryan Crocker",
      "Crocker",
      "Hassan Kazemi-Qomi",
      "Kazemi Qomi",
      "Qumi",
      "Nuri al-Maliki",
      "Maliki",
      "Hasan al-Sneid",
      "William Caldwell",
      "Manouchehr Mottaki",
    ]) {
      expect(names).toContain(expected);
    }
    for (const notAPerson of [
      "Green Zone",
      "White House",
      "Quds Force",
      "Revolutionary Guards",
      "United States",
      "Baghdad",
      "Iran",
      "Washington",
      "Tehran",
      "Monday",
      "Reuters",
      "Deutsche Presse-Agentur",
      "Iraq Study Group",
      "Kish Island",
    ]) {
      expect(names).not.toContain(notAPerson);
    }
  });
});

describe("groupPeople", () => {
  it("makes one person of every spelling of the Iranian ambassador across the five articles", () => {
    const ambassador = personNamed("Hassan Kazemi Qumi");
    expect(ambassador).toHaveLength(1);
    expect(ambassador[0].variants).toEqual(
      expect.arrayContaining(["Hassan Kazemi-Qomi", "Kazemi-Qomi", "Hassan Kazemi Qomi", "Kazemi Qomi", "Hassan Kazemi Qumi", "Qumi"]),
    );
    expect(new Set(ambassador[0].mentions.map((mention) => mention.articleId)).size).toBe(5);
  });

  it("makes one person of Crocker and of al-Maliki", () => {
    const crocker = personNamed("Crocker");
    expect(crocker).toHaveLength(1);
    expect(crocker[0].name).toBe("Ryan Crocker");
    expect(personNamed("Ryan Crocker")).toEqual(crocker);

    const maliki = personNamed("Maliki");
    expect(maliki).toHaveLength(1);
    expect(maliki[0].name).toBe("Nuri al-Maliki");
    expect(maliki[0].variants).toEqual(expect.arrayContaining(["al-Maliki", "Nuri al-Maliki"]));
  });

  it("keeps Hasan al-Sneid apart from Hassan Kazemi Qomi", () => {
    const sneid = personNamed("Hasan al-Sneid");
    expect(sneid).toHaveLength(1);
    expect(sneid[0].variants.some((variant) => /Qomi|Qumi/.test(variant))).toBe(false);
    expect(sneid[0].variants).toContain("Al-Sneid");
  });

  it("leaves a bare surname alone when two people could be meant", () => {
    const body = "Anna Berg met Erik Berg in Oslo. Berg said the meeting went well.";
    const mentions = findPeople(body);
    const people = groupPeople(mentions);
    expect(people.map((person) => person.name).sort()).toEqual(["Anna Berg", "Berg", "Erik Berg"]);
  });

  it("prefers the fullest, most used spelling as the name", () => {
    const mentions: PersonMention[] = [
      { name: "Qumi", start: 0, end: 4, articleId: "a" },
      { name: "Hassan Kazemi Qumi", start: 10, end: 28, articleId: "a" },
      { name: "Hassan Kazemi Qomi", start: 0, end: 18, articleId: "b" },
      { name: "Hassan Kazemi Qomi", start: 30, end: 48, articleId: "c" },
    ];
    const [person] = groupPeople(mentions);
    expect(person.name).toBe("Hassan Kazemi Qomi");
    expect(person.variants[0]).toBe("Hassan Kazemi Qomi");
    expect(person.mentions).toHaveLength(4);
  });
});
