import { DateTimeResolver } from "graphql-scalars";
import { Field, Float, ID, Int, ObjectType } from "type-graphql";
import { Agreement, FactKind } from "../common/enums";
import { Claim } from "../claim/claim.type";

@ObjectType({
  simpleResolvers: true,
  description: "One real-world quantity or statement, e.g. people killed in the bombing after the talks.",
})
export class Fact {
  @Field((_type) => ID, { description: "Stable identifier." })
  id: number;

  @Field({ description: 'Stable machine key within the story, e.g. "bombing.killed".' })
  key: string;

  @Field({ description: "Editor-facing wording." })
  label: string;

  @Field((_type) => FactKind, { description: "What sort of quantity this is." })
  kind: FactKind;

  @Field((_type) => String, { nullable: true, description: '"people", "years", "hours", ...' })
  unit: string | null;

  @Field((_type) => Agreement, { description: "CONFLICT when some readings' intervals do not overlap." })
  agreement: Agreement;

  @Field((_type) => Int, { description: "Optimistic-concurrency token: pass it as expectedVersion to recordVerdict." })
  version: number;

  @Field({
    description:
      "True when a claim added after the current verdict (by a load or addClaim) falls outside the trusted reading; recording a new verdict clears it.",
  })
  needsReview: boolean;
}

@ObjectType({ simpleResolvers: true, description: "One asserted value and everyone who asserts it." })
export class Reading {
  @Field({ description: '"24", "almost 30", "car bomb".' })
  label: string;

  @Field((_type) => Float, {
    nullable: true,
    description: "Lowest value of the reading's interval; null for TEXT facts or when unbounded.",
  })
  lower: number | null;

  @Field((_type) => Float, {
    nullable: true,
    description: "Highest value of the reading's interval; null for TEXT facts or when unbounded.",
  })
  upper: number | null;

  /** Served by ReadingResolver.claims, which caps the list. */
  claims: Claim[];

  @Field((_type) => Int, { description: "Distinct origin outlets: a Reuters story copied by two aggregators counts once." })
  independentSources: number;
}

@ObjectType({ simpleResolvers: true, description: "One claim on a fact's timeline, at its article's publication time." })
export class TimelinePoint {
  @Field((_type) => DateTimeResolver, {
    nullable: true,
    description: "The article's publication time (with the time of day when the page gives it); null if unknown.",
  })
  at: Date | null;

  @Field((_type) => Claim, { description: "The claim reported at that time." })
  claim: Claim;
}

@ObjectType({ simpleResolvers: true, description: "A suggested reading with the reasons for it. Advice only: it never records a verdict." })
export class Suggestion {
  @Field((_type) => Reading, { description: "The reading suggested." })
  reading: Reading;

  @Field((_type) => [String], { description: "Why, in plain words, one sentence each." })
  reasons: string[];
}
