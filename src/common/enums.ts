import { registerEnumType } from "type-graphql";
import { Agreement, FactKind, Hedge, OutletKind, QuoteField, Role, Scope } from "../generated/prisma/enums";

/** How a claim stands after the current verdict on its fact. Computed, never stored. */
export enum Rank {
  PREFERRED = "PREFERRED",
  NORMAL = "NORMAL",
  DEPRECATED = "DEPRECATED",
}

/** Why a fact's readings differ. Computed on read, never stored. */
export enum Divergence {
  REVISION = "REVISION",
  UPDATE = "UPDATE",
  DISAGREEMENT = "DISAGREEMENT",
  SCOPE = "SCOPE",
  DEFINITION = "DEFINITION",
}

registerEnumType(Divergence, {
  name: "Divergence",
  description: "Why a fact's readings differ.",
  valuesConfig: {
    REVISION: {
      description: "The differing readings come from versions of one origin's story (an earlier and a later take of a wire story).",
    },
    UPDATE: { description: "The figure changed over publication time, one report after another, the way tolls are revised." },
    DISAGREEMENT: { description: "Independent sources differ at about the same time, or their times are unknown." },
    SCOPE: {
      description: "The claims cover different parts of the story (the whole event, one area, background); each part has one reading.",
    },
    DEFINITION: { description: "The claims count different things (their units differ); each measure has one reading." },
  },
});

registerEnumType(OutletKind, {
  name: "OutletKind",
  description: "What sort of organisation an outlet is.",
  valuesConfig: {
    WIRE_AGENCY: { description: "A news agency whose copy other outlets republish (Reuters, AFP, dpa)." },
    BROADCASTER: { description: "A television or radio network (CNN, BBC)." },
    NEWSPAPER: { description: "A newspaper or magazine." },
    AGGREGATOR: { description: "A site that republishes other outlets' articles." },
    ADVOCACY: { description: "An organisation with a declared cause that republishes news." },
    OTHER: { description: "Anything else, or not yet classified." },
  },
});
registerEnumType(FactKind, {
  name: "FactKind",
  description: "What sort of quantity a fact is.",
  valuesConfig: {
    COUNT: { description: "A number of people or things." },
    DURATION: { description: "A length of time." },
    QUANTITY: { description: "An amount with another unit (money, percent, distance)." },
    DATE: { description: "A point in time, such as a year." },
    TEXT: { description: "A statement rather than a number, such as the kind of weapon." },
  },
});
registerEnumType(Hedge, {
  name: "Hedge",
  description: "How the article qualifies a figure; each hedge maps to an interval (see README, 'Hedges').",
  valuesConfig: {
    EXACT: { description: "No qualifier: [v, v]." },
    APPROXIMATE: { description: "'about', 'around', 'some': [0.9v, 1.1v]." },
    ALMOST: { description: "'almost', 'nearly': [0.9v, v]." },
    AT_LEAST: { description: "'at least': [v, unbounded)." },
    MORE_THAN: { description: "'more than', 'over': [v, unbounded), closed on purpose (see README)." },
    AT_MOST: { description: "'up to', 'at most': (unbounded, v]." },
    LESS_THAN: {
      description:
        "'less than', 'fewer than': (unbounded, v], closed on purpose like MORE_THAN, so 'fewer than 20' does not conflict with '20' over rounding.",
    },
    RANGE: { description: "'between a and b', 'a to b', vague plurals such as 'hundreds': [a, b]." },
  },
});
registerEnumType(Agreement, {
  name: "Agreement",
  description: "How a fact's readings relate to each other.",
  valuesConfig: {
    SINGLE_SOURCE: { description: "One reading, reported by a single origin outlet." },
    AGREE: { description: "One reading, reported by two or more independent outlets." },
    COMPATIBLE: { description: "Several readings whose intervals all overlap (e.g. '27 years' and 'almost 30 years')." },
    CONFLICT: { description: "At least two readings whose intervals do not overlap (e.g. 19 vs 24 killed)." },
  },
});
registerEnumType(Role, {
  name: "Role",
  description: "What a reviewer may do.",
  valuesConfig: {
    VIEWER: { description: "May read, and may not write." },
    REVIEWER: { description: "May record verdicts, retract their own and add claims." },
    ADMIN: { description: "May also retract anyone's verdict and read the audit log." },
  },
});
registerEnumType(Rank, {
  name: "Rank",
  description: "A claim's standing under the current verdict on its fact.",
  valuesConfig: {
    PREFERRED: { description: "The current verdict trusts this claim's reading." },
    NORMAL: { description: "No verdict yet, or the claim neither matches nor contradicts the trusted reading." },
    DEPRECATED: { description: "The claim contradicts the trusted reading." },
  },
});

registerEnumType(QuoteField, {
  name: "QuoteField",
  description: "Which text of its article a claim's quote offsets index.",
  valuesConfig: {
    HEADLINE: { description: "Article.headline: a figure in the headline." },
    BODY: { description: "Article.body: a figure in the article's text." },
  },
});

registerEnumType(Scope, {
  name: "Scope",
  description: "What part of the event a figure covers. Story-level alignment never puts figures of different scopes in one fact.",
  valuesConfig: {
    EVENT: { description: "The whole event: the total toll, the whole crowd." },
    SUB_AREA: { description: "One district, city, hospital or site, or one group (women, children) of the event." },
    BACKGROUND: { description: "An earlier event, a population, general statistics or a rule's threshold." },
  },
});

export { Agreement, FactKind, Hedge, OutletKind, Role, Scope };
