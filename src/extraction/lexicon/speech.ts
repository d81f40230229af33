/**
 * Verbs of saying, one copy. A figure is credited to whoever one of them follows or precedes
 * ("police said", "according to"); a capitalised name beside one is a person.
 */

/** Verbs that both credit a figure and mark a speaker: "said", "told", "confirmed". */
const SAYING = [
  "said",
  "says",
  "say",
  "told",
  "tells",
  "added",
  "adds",
  "stated",
  "announced",
  "confirmed",
  "claimed",
  "insisted",
  "explained",
  "noted",
  "wrote",
  "declared",
  "warned",
  "acknowledged",
];

/** Verbs that credit a figure to a source without quoting a person: "the agency reported", "officials put the toll at". */
const REPORTING = ["reported", "reports", "estimated", "put", "quoted", "cited"];

/** Further verbs of speech that mark a person speaking, but rarely credit a figure ("argued", "asked"). */
const SPEAKING = [
  "argued",
  "asked",
  "replied",
  "stressed",
  "urged",
  "denied",
  "admitted",
  "commented",
  "remarked",
  "writes",
  "recalled",
  "agreed",
  "spoke",
  "described",
  "accused",
  "called",
  "vowed",
  "suggested",
  "predicted",
  "conceded",
  "emphasised",
  "emphasized",
  "reiterated",
  "underlined",
];

/** The verbs that credit a figure (claims' attribution), as a regex alternation. */
export const ATTRIBUTION_VERBS: string = [...SAYING, ...REPORTING].join("|");

/** The verbs that mark a person speaking (people.ts), as a regex alternation. */
export const SPEECH_VERBS: string = [...SAYING, ...SPEAKING].join("|");
