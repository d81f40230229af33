/**
 * People named in article bodies, and which spellings name the same person.
 *
 * Outlets transliterate foreign names differently ("Kazemi-Qomi", "Kazemi Qomi",
 * "Kazemi Qumi") and shorten them after first mention ("Qumi", "Maliki"). An editor comparing
 * who said what must see one person, so names are compared on a spelling-insensitive key.
 *
 * Precision matters more than recall: a place or an institution listed as a person is
 * noise on every story, while a missed mention only loses one quote.
 */
import { findOutlet } from "./outlets";
import { SPEECH_VERBS } from "./lexicon/speech";

export interface PersonMention {
  name: string;
  /** UTF-16 offsets into the body; body.slice(start, end) === name. */
  start: number;
  end: number;
  /** Which article's body the offsets refer to, when mentions from several articles are grouped. */
  articleId?: string;
}

export interface Person {
  /** The fullest, most used spelling. */
  name: string;
  /** Every distinct spelling found, most used first. */
  variants: string[];
  mentions: PersonMention[];
}

// ---------------------------------------------------------------------------------------
// Lexicons: generic, never about one story
// ---------------------------------------------------------------------------------------

function lexicon(words: string): Set<string> {
  return new Set(words.split(/\s+/).filter(Boolean));
}

/** Titles and roles printed before a name ("Prime Minister", "Maj. Gen.", "Ambassador"). */
const TITLES = lexicon(`
  mr mrs ms miss dr prof sir dame lord lady mister madam
  president vice prime minister ministers premier chancellor secretary undersecretary deputy assistant
  ambassador envoy consul diplomat spokesman spokeswoman spokesperson adviser advisor aide counterpart
  foreign interior defence defense finance justice state national security general attorney
  king queen prince princess emperor sultan emir sheikh shaikh crown
  ayatollah grand hojatoleslam imam mullah cleric cardinal pope archbishop bishop rev reverend father rabbi
  senator sen rep representative congressman congresswoman governor gov mayor judge justice speaker chairman
  chairwoman chair chief director head leader commander gen maj lt col capt cpt sgt adm brig cmdr
  colonel major lieutenant captain sergeant admiral brigadier marshal field corporal private officer
  inspector superintendent commissioner constable detective minister-president
  ceo executive founder
`);

/** Lower-case role words that introduce a name ("al-Maliki aide Hasan al-Sneid"). */
const ROLE_BEFORE =
  /(?:\b(?:spokesman|spokeswoman|spokesperson|aide|aides|counterpart|envoy|adviser|advisor|ambassador|minister|president|premier|leader|official|chief|commander|general|colonel|cleric|negotiator|diplomat|analyst|correspondent|reporter|editor|professor|director|secretary|deputy|chairman|mayor|governor|senator|by|named|identified as|dubbed)|\b(?:Maj|Gen|Lt|Col|Capt|Sgt|Adm|Brig|Cmdr|Dr|Mr|Mrs|Ms|Prof|Rev|Sen|Rep|Gov|Sheikh|St)\.?)[\s[(]+$/;

const VERB_AFTER = new RegExp(
  `^(?:['’]s)?,?\\s+(?:(?:also|later|earlier|then|had|has|have|would|will|previously|repeatedly|separately|recently|again|further)\\s+){0,2}(?:${SPEECH_VERBS})\\b`,
);
/** ", who ..." or ", the U.S. ambassador" after a name marks it as a person. */
const APPOSITION_AFTER =
  /^,\s+(?:who\b|whose\b|(?:the|a|an|his|her|its)\s+(?:[\w.'’-]+\s+){0,4}(?:spokesman|spokeswoman|spokesperson|ambassador|minister|president|premier|leader|official|chief|commander|general|envoy|adviser|advisor|aide|director|secretary|deputy|chairman|analyst|professor|correspondent|reporter|negotiator|diplomat|cleric)\b|(?:[\w.'’-]+\s+){0,3}(?:ambassador|minister|spokesman|envoy|adviser|deputy chief|director|secretary)\b)/;
const SAID_BEFORE = new RegExp(`\\b(?:${SPEECH_VERBS}|according to|quoted|quoting)\\s+$`);

/** Countries, capitals and large cities: the commonest capitalised non-persons in news copy. */
const PLACES = lexicon(`
  afghanistan albania algeria andorra angola argentina armenia australia austria azerbaijan bahrain bangladesh
  belarus belgium bolivia bosnia brazil bulgaria burma cambodia cameroon canada chad chile china colombia congo
  croatia cuba cyprus czech czechia denmark djibouti ecuador egypt eritrea estonia ethiopia finland france gabon
  gambia georgia germany ghana greece guatemala guinea haiti honduras hungary iceland india indonesia iran iraq
  ireland israel italy jamaica japan jordan kazakhstan kenya korea kosovo kuwait kyrgyzstan laos latvia lebanon
  liberia libya lithuania luxembourg macedonia madagascar malawi malaysia mali malta mauritania mexico moldova
  monaco mongolia montenegro morocco mozambique myanmar namibia nepal netherlands nicaragua niger nigeria norway
  oman pakistan palestine panama paraguay peru philippines poland portugal qatar romania russia rwanda senegal
  serbia sierra singapore slovakia slovenia somalia somaliland spain sudan sweden switzerland syria taiwan
  tajikistan tanzania thailand tibet togo tunisia turkey turkmenistan uganda ukraine uruguay uzbekistan venezuela
  vietnam yemen zambia zimbabwe britain england scotland wales america europe asia africa arabia antarctica
  oceania eurasia balkans caucasus caribbean scandinavia kurdistan gaza sinai golan crimea donbas kashmir darfur
  washington london paris berlin moscow beijing tokyo baghdad tehran teheran damascus beirut cairo amman riyadh
  jerusalem ankara istanbul kabul islamabad karachi lahore delhi mumbai dhaka kathmandu colombo bangkok hanoi
  manila jakarta seoul pyongyang taipei canberra sydney melbourne ottawa toronto montreal vancouver brussels
  geneva zurich vienna rome milan madrid barcelona lisbon dublin edinburgh amsterdam hague stockholm oslo
  copenhagen helsinki warsaw prague budapest bucharest sofia athens belgrade zagreb kiev kyiv minsk tbilisi
  yerevan baku tashkent astana doha dubai manama muscat sanaa aden kuwait khartoum tripoli tunis algiers
  rabat nairobi addis lagos abuja accra johannesburg pretoria capetown harare kinshasa mogadishu dakar
  dhabi caracas bogota lima quito santiago havana brasilia rio buenos montevideo mexico chicago boston houston
  atlanta dallas miami seattle denver detroit phoenix philadelphia baltimore vegas angeles francisco diego
  york jersey virginia california texas florida ohio michigan pennsylvania massachusetts carolina arizona
  basra mosul kirkuk najaf karbala fallujah ramadi tikrit samarra baquba anbar diyala erbil sulaimaniya
  qom isfahan shiraz tabriz mashhad ahvaz natanz bushehr kish hormuz gulf aleppo homs idlib raqqa
  kandahar helmand herat peshawar quetta waziristan haifa ramallah hebron nablus rafah khan yunis
  sderot tel aviv nazareth sidon tyre tripoli benghazi misrata mecca medina jeddah strasbourg luxembourg
`);

/** Nationalities, faiths and ethnic groups: capitalised, never a name on their own. */
const DEMONYMS = lexicon(`
  american americans british briton britons english french german germans italian italians spanish russian russians
  chinese japanese korean indian pakistani afghan afghans iranian iranians iraqi iraqis syrian syrians lebanese
  israeli israelis palestinian palestinians egyptian egyptians jordanian saudi saudis emirati qatari kuwaiti
  yemeni turkish turk turks kurdish kurd kurds arab arabs arabic persian persians european europeans african
  asian western eastern northern southern western canadian australian ukrainian polish dutch belgian swiss
  swedish norwegian danish finnish greek cypriot serbian croatian bosnian albanian libyan tunisian algerian
  moroccan sudanese somali ethiopian kenyan nigerian mexican brazilian argentine venezuelan cuban
  muslim muslims islamic islamist islamists christian christians catholic catholics protestant jewish jew jews
  sunni sunnis shiite shiites shia shi shias alawite druze hindu hindus sikh buddhist coptic orthodox
  baathist baath zionist republican republicans democrat democrats democratic conservative conservatives labour
  liberal liberals socialist communist nationalist taliban hezbollah hizbollah hamas qaeda isis daesh
`);

/** Words that make a capitalised sequence an institution, a place or an event. */
const INSTITUTION_WORDS = lexicon(`
  force forces guard guards corps army navy air marines police militia militias brigade brigades battalion
  division regiment command ministry department agency office bureau council committee commission board
  assembly parliament congress senate house cabinet government administration authority authorities
  court courts tribunal union nations organisation organization association federation league alliance
  party front movement group society institute institution foundation fund bank company corporation corp
  inc ltd university college school academy hospital clinic center centre network channel television radio
  news times post press herald journal tribune gazette review agency service services intelligence security
  affairs embassy consulate mission programme program project plan initiative accord treaty agreement pact
  conference summit talks forum council state states republic kingdom emirates federation empire caliphate
  revolution revolutionary war wars crisis scandal affair uprising intifada spring operation campaign
  island islands zone strip bank coast sea ocean river lake mountain mountains valley desert peninsula gulf
  province region district county city town village street road avenue square bridge airport port base camp
  prison mosque church cathedral temple shrine palace tower building hotel stadium market
  north south east west middle central upper lower greater new old high grand international national
  federal regional global world united general supreme joint special islamic
  edition study report index stock exchange cross crescent relief aid rescue medical health rights watch
  prize award peace games cup olympics championship
  kremlin pentagon vatican knesset majlis duma bundestag whitehall elysee downing quai
`);

const CALENDAR = lexicon(`
  monday tuesday wednesday thursday friday saturday sunday
  january february march april may june july august september october november december
  jan feb mar apr jun jul aug sep sept oct nov dec
  christmas easter ramadan eid passover hanukkah diwali nowruz
`);

/**
 * Function words and common nouns that start sentences or headings. A capitalised word
 * from this list is an English word, not a name.
 */
const COMMON_WORDS = lexicon(`
  a an the this that these those there here it its he she they we i you his her their our my your them us
  him me who whom whose what which when where why how whether if unless until while although though because
  since as so but and or nor yet for with without within from into onto upon about above below after before
  during despite following ahead amid among between beyond by in on at of off out over under to toward towards
  against along around across through throughout via per than then also still just only even not no yes
  all any both each either neither every few many more most much several some such other another same
  one two three four five six seven eight nine ten first second third last next previous former latter late
  early earlier later however meanwhile moreover furthermore therefore thus instead nevertheless nonetheless
  indeed perhaps maybe already again further finally initially eventually recently previously currently
  today yesterday tomorrow tonight now once twice
  officials official police witnesses sources reports report analysts diplomats observers authorities
  residents troops soldiers militants rebels insurgents protesters demonstrators critics supporters experts
  leaders spokesman spokeswoman government governments ministry state media agency television radio newspaper
  people men women children families victims survivors delegation delegations envoys talks meeting meetings
  tens hundreds thousands millions dozens scores senior junior top chief head deputy acting interim former
  new old big small great good bad high low long short full half major minor key main
  asked told said says according speaking writing
  breaking update updated exclusive analysis opinion comment editorial interview feature video photo photos
  read watch listen see click share follow subscribe related latest home news world politics business
  sport sports culture science health technology weather
  mr mrs ms dr
  god allah lord
`);

function isStopWord(token: string): boolean {
  const lower = foldDiacritics(token)
    .toLowerCase()
    .replace(/['’]s$/, "")
    .replace(/\.$/, "");
  const bare = lower.replace(/^(?:al|el|ad|as|ash|at|az)-\s?/, "");
  return (
    TITLES.has(lower) ||
    PLACES.has(bare) ||
    DEMONYMS.has(bare) ||
    INSTITUTION_WORDS.has(lower) ||
    CALENDAR.has(lower) ||
    COMMON_WORDS.has(lower) ||
    // "Port-au-Prince", "Stratford-upon-Avon": place names hyphenate through lower-case words.
    /-[a-z]+-/.test(token) ||
    // "Iran-Iraq", "U.S.-Iran", "Washington-Tehran": a hyphenated place or faction pair.
    (lower.includes("-") &&
      (lower.split("-").some((part) => PLACES.has(part) || DEMONYMS.has(part)) || lower.split("-").every((part) => TITLES.has(part))))
  );
}

// ---------------------------------------------------------------------------------------
// Finding names
// ---------------------------------------------------------------------------------------

const UPPER = "\\p{Lu}";
const LOWER = "[\\p{Ll}\\p{M}]";
/** "Crocker", "Kazemi-Qomi", "al-Maliki", "al- Maliki" (as some wires print it), "O'Brien". */
const TOKEN = `(?:(?:[Aa]l|[Ee]l|[Aa]d|[Aa]s|[Aa]sh|[Aa]t|[Aa]z)[-‐] ?)?${UPPER}${LOWER}+(?:${UPPER}${LOWER}+)*(?:['’]${UPPER}${LOWER}+)?(?:[-‐](?:(?:al|el)[-‐])?${UPPER}?${LOWER}+)*`;
const PARTICLE = "(?:bin|ibn|bint|van|von|de|da|del|della|der|den|la|le|du|dos|das|al|el|ter)";
const INITIAL = `${UPPER}\\.?`;
const NAME_SEQUENCE = new RegExp(
  `(?<![\\p{L}\\p{M}'’-])${TOKEN}(?:[  ](?:${PARTICLE}[  ])?(?:${INITIAL}[  ])?${TOKEN})*(?![\\p{L}\\p{M}])`,
  "gu",
);
const SINGLE_TOKEN = new RegExp(`(?<![\\p{L}\\p{M}'’-])${TOKEN}(?![\\p{L}\\p{M}])`, "gu");

interface Run {
  start: number;
  end: number;
  tokens: string[];
  afterTitle: boolean;
  /** Follows a non-title capitalised word of the same sequence ("Doctors Without Borders"). */
  afterOtherWord: boolean;
  /** Is followed by an institution word of the same sequence ("Toussaint Louverture International Airport"). */
  beforeInstitution: boolean;
}

/** Splits a capitalised sequence on the words that cannot be part of a name. */
/** "Minister", "Gen.", "Secretary-General". */
function isTitle(word: string): boolean {
  return word
    .toLowerCase()
    .replace(/\.$/, "")
    .split("-")
    .every((part) => TITLES.has(part));
}

/** Prepositions that put a capitalised word in a place ("in Santo Domingo"); nobody stands "in" a person. */
const LOCATIVE_BEFORE = /\b(?:in|at|near|outside|inside|across|into|via|around|throughout)\s+$/;
/** Movement "to" or "from" somewhere: "sent teams to Santo Domingo", "flew in from Madrid". */
const PLACE_BEFORE =
  /\b(?:go|goes|going|went|gone|travel|travels|travelled|traveled|travelling|traveling|flew|fly|flies|flown|flying|return|returns|returned|returning|arrive|arrived|arriving|sent|send|moved|move|headed|heading|trip|visit|visits|way|road|route|back|came|come|comes|coming|drove|driven|fled|flee|evacuated|deployed|relocated|transferred|miles|kilometres|kilometers|km|border|borders|flights?|in|out|north|south|east|west)\s+(?:to|toward|towards|from|into)\s+$/;
/** "Merkel's spokesman", "Maliki's government": a possessive that only people take. */
const POSSESSIVE_ROLE_AFTER =
  /^['’]s\s+(?:[\w-]+\s+){0,2}?(?:spokesman|spokeswoman|spokesperson|aide|aides|adviser|advisers|advisor|wife|husband|son|daughter|brother|sister|father|mother|family|lawyer|lawyers|office|government|administration|cabinet|remarks|comments|statement|speech|visit|predecessor|successor|supporters|allies|party|campaign|deputy|chief of staff)\b/;

function nameRuns(sequence: string, offset: number): Run[] {
  const runs: Run[] = [];
  const pieces = [...sequence.matchAll(/\S+/g)];
  let current: Run | null = null;
  let afterTitle = false;
  let afterOtherWord = false;
  for (const piece of pieces) {
    const word = piece[0];
    const start = offset + (piece.index ?? 0);
    const isParticle = new RegExp(`^${PARTICLE}$`).test(word) || /^\p{Lu}\.?$/u.test(word);
    if (isParticle && current) {
      current.tokens.push(word);
      continue;
    }
    if (isStopWord(word)) {
      if (current) {
        current.beforeInstitution = INSTITUTION_WORDS.has(word.toLowerCase()) && !isTitle(word);
        runs.push(current);
      }
      current = null;
      afterTitle = isTitle(word);
      afterOtherWord = !afterTitle;
      continue;
    }
    if (!current) {
      current = { start, end: start + word.length, tokens: [], afterTitle, afterOtherWord, beforeInstitution: false };
    }
    current.tokens.push(word);
    current.end = start + word.length;
    afterTitle = false;
    afterOtherWord = false;
  }
  if (current) runs.push(current);
  // A run never ends on a particle or an initial ("Nuri al" in "[Nuri al-] Maliki").
  for (const run of runs) {
    while (run.tokens.length > 1 && /^(?:\p{Ll}+|\p{Lu}\.?)$/u.test(run.tokens[run.tokens.length - 1])) {
      run.tokens.pop();
    }
  }
  return runs;
}

function isSentenceStart(body: string, start: number): boolean {
  const before = body.slice(Math.max(0, start - 4), start);
  return start === 0 || /(?:^|[.!?:]["”’)]?\s+|\n\s*|["“‘([]\s*)$/.test(before);
}

/**
 * Capitalised sequences that name people: after a title or role, before or after a speech
 * verb, or two to four name-like words that are not a place, an institution or a date.
 */
export function findPeople(body: string): PersonMention[] {
  const mentions: PersonMention[] = [];
  for (const match of body.matchAll(NAME_SEQUENCE)) {
    const sequenceStart = match.index ?? 0;
    for (const run of nameRuns(match[0], sequenceStart)) {
      const name = body.slice(run.start, runEnd(body, run));
      const end = run.start + name.length;
      const words = run.tokens.filter((token) => !new RegExp(`^${PARTICLE}$`).test(token) && !/^\p{Lu}\.?$/u.test(token));
      if (words.length === 0 || words.length > 4) continue;
      const before = body.slice(Math.max(0, run.start - 40), run.start);
      const after = body.slice(end, end + 120);
      const introduced =
        run.afterTitle ||
        ROLE_BEFORE.test(before) ||
        VERB_AFTER.test(after) ||
        APPOSITION_AFTER.test(after) ||
        POSSESSIVE_ROLE_AFTER.test(after) ||
        SAID_BEFORE.test(before);
      if (findOutlet(name)) continue;
      // Part of an institution's or a place's name, not a person's.
      if (run.beforeInstitution && !run.afterTitle) continue;
      if (LOCATIVE_BEFORE.test(before) || (!introduced && PLACE_BEFORE.test(before))) continue;
      if (words.length === 1) {
        if (run.afterOtherWord) continue;
        // A lone word at the start of a sentence is a name only when the sentence says so.
        if (!introduced && !isArabicSurname(name, body, run.start)) continue;
        if (isSentenceStart(body, run.start) && !VERB_AFTER.test(after) && !APPOSITION_AFTER.test(after)) continue;
      }
      mentions.push({ name, start: run.start, end });
    }
  }
  return withLaterSurnames(body, mentions);
}

/**
 * Inside a sentence, a word carrying a lower-case Arabic article ("al-Maliki", "el-Baradei")
 * is almost always a family name; the few common exceptions are groups, places and channels.
 */
const ARTICLE_NON_PERSONS = lexicon(`
  qaeda qaida aqsa anbar azhar jazeera arabiya manar mustaqbal hayat ahram watan quds shabab nusra
  sham sadr-city fatah furat rashid mansour karkh adhamiya kadhimiya amiriya dawa wefaq
`);

function isArabicSurname(name: string, body: string, start: number): boolean {
  const match = /^(?:al|el)[-‐] ?(\p{Lu}[\p{Ll}\p{M}]+)$/u.exec(name);
  if (!match || isSentenceStart(body, start)) return false;
  return !ARTICLE_NON_PERSONS.has(foldDiacritics(match[1]).toLowerCase());
}

function runEnd(body: string, run: Run): number {
  // Rebuild the run's end from its kept tokens so trailing particles are not included.
  let cursor = run.start;
  for (const token of run.tokens) {
    const found = body.indexOf(token, cursor);
    if (found < 0) break;
    cursor = found + token.length;
  }
  return cursor;
}

/**
 * After "Ryan Crocker" is introduced, a bare "Crocker" anywhere in the same body is him.
 * Single words are otherwise only accepted with a title or a speech verb beside them.
 */
function withLaterSurnames(body: string, mentions: PersonMention[]): PersonMention[] {
  const surnames = new Set<string>();
  for (const mention of mentions) {
    const tokens = personKey(mention.name).split(" ");
    if (tokens.length >= 2) surnames.add(tokens[tokens.length - 1]);
  }
  const covered = (start: number, end: number) => mentions.some((mention) => start < mention.end && end > mention.start);
  const found = [...mentions];
  for (const match of body.matchAll(SINGLE_TOKEN)) {
    const start = match.index ?? 0;
    const end = start + match[0].length;
    if (covered(start, end) || isStopWord(match[0])) continue;
    // "Sadr City" is a district even after "Moqtada al-Sadr" has been named.
    const nextWord = /^[  ]+(\p{Lu}\p{Ll}+)/u.exec(body.slice(end, end + 40));
    if (nextWord && INSTITUTION_WORDS.has(nextWord[1].toLowerCase())) continue;
    const key = personKey(match[0]);
    if (key && !key.includes(" ") && surnames.has(key)) found.push({ name: match[0], start, end });
  }
  return found.sort((a, b) => a.start - b.start);
}

// ---------------------------------------------------------------------------------------
// Spelling-insensitive keys and grouping
// ---------------------------------------------------------------------------------------

function foldDiacritics(text: string): string {
  return text.normalize("NFKD").replace(/\p{M}/gu, "");
}

const KEY_PARTICLES = lexicon("al el ad as ash at az bin ibn bint van von de da del della der den la le du dos das ter");
const KEY_HONORIFICS = lexicon(`
  mr mrs ms miss dr prof sir dame lord lady sheikh shaikh sayyed sayyid seyed seyyed ayatollah hojatoleslam
  mullah imam haji hajji gen maj lt col capt sgt adm brig rev sen rep gov
`);

/**
 * Transliterations differ mostly in vowels and doubled letters ("Qomi"/"Qumi",
 * "Hassan"/"Hasan", "Mohammad"/"Muhammad"), and in a few consonants that stand for the
 * same sound (q/k, c/k, w/v). The skeleton keeps what survives those differences.
 */
function skeleton(token: string): string {
  const mapped = token.replace(/ck/g, "k").replace(/[qc]/g, "k").replace(/w/g, "v");
  const first = /[aeiou]/.test(mapped[0]) ? "a" : mapped[0];
  const rest = mapped.slice(1).replace(/[aeiouy]/g, "");
  return (first + rest).replace(/(.)\1+/g, "$1");
}

/** A key on which spelling variants of one name coincide: "Kazemi-Qomi" and "Kazemi Qumi" give "kzm km". */
export function personKey(name: string): string {
  const tokens = foldDiacritics(name)
    .toLowerCase()
    .replace(/['’]s\b/g, "")
    .replace(/['’`]/g, "")
    .split(/[^a-z]+/)
    .filter((token) => token.length > 1 && !KEY_PARTICLES.has(token) && !KEY_HONORIFICS.has(token));
  // Leading titles ("Ambassador Ryan Crocker") are not the name; a trailing one may be (John Major).
  while (tokens.length > 1 && TITLES.has(tokens[0])) tokens.shift();
  return tokens.map(skeleton).join(" ");
}

/** True when every token of `short` appears in `long`, in order, ending on the same surname. */
function isShortFormOf(short: string[], long: string[]): boolean {
  if (short.length >= long.length || short[short.length - 1] !== long[long.length - 1]) return false;
  let cursor = 0;
  for (const token of long) {
    if (token === short[cursor]) cursor++;
    if (cursor === short.length) return true;
  }
  return false;
}

interface Cluster {
  tokens: string[];
  mentions: PersonMention[];
  parent: Cluster | null;
}

function root(cluster: Cluster): Cluster {
  let current = cluster;
  while (current.parent) current = current.parent;
  return current;
}

/**
 * Groups mentions (from one body or many) into people. Identical keys are one person; a
 * shorter form ("Kazemi Qomi", "Qumi", "Maliki") joins the fuller name it abbreviates when
 * exactly one person could be meant, and stays apart when two could.
 */
export function groupPeople(mentions: PersonMention[]): Person[] {
  const byKey = new Map<string, Cluster>();
  for (const mention of mentions) {
    const key = personKey(mention.name);
    if (!key) continue;
    const cluster = byKey.get(key) ?? { tokens: key.split(" "), mentions: [], parent: null };
    cluster.mentions.push(mention);
    byKey.set(key, cluster);
  }
  const clusters = [...byKey.values()].sort((a, b) => b.tokens.length - a.tokens.length);
  for (const cluster of clusters) {
    const fuller = new Set(clusters.filter((other) => other !== cluster && isShortFormOf(cluster.tokens, other.tokens)).map(root));
    if (fuller.size === 1) cluster.parent = [...fuller][0];
  }

  const people = new Map<Cluster, PersonMention[]>();
  for (const cluster of clusters) {
    const top = root(cluster);
    people.set(top, [...(people.get(top) ?? []), ...cluster.mentions]);
  }
  return [...people.entries()].map(([top, grouped]) => {
    const counts = new Map<string, number>();
    for (const mention of grouped) counts.set(mention.name, (counts.get(mention.name) ?? 0) + 1);
    const variants = [...counts.keys()].sort(
      (a, b) => (counts.get(b) ?? 0) - (counts.get(a) ?? 0) || b.length - a.length || a.localeCompare(b),
    );
    const fullForms = variants.filter((variant) => personKey(variant).split(" ").length === top.tokens.length);
    const name = [...fullForms].sort((a, b) => (counts.get(b) ?? 0) - (counts.get(a) ?? 0) || b.length - a.length || a.localeCompare(b))[0];
    const ordered = [...grouped].sort((a, b) => (a.articleId ?? "").localeCompare(b.articleId ?? "") || a.start - b.start);
    return { name, variants, mentions: ordered };
  });
}
