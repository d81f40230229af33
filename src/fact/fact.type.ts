import { Field, Float, ID, Int, ObjectType } from "type-graphql";
import { Agreement, FactKind } from "../common/enums";
import { Claim } from "../claim/claim.type";

@ObjectType({ simpleResolvers: true, description: "One real-world quantity or statement, e.g. people killed in the bombing after the talks." })
export class Fact {
  @Field(_type => ID, { description: "Stable identifier." })
  id: number;

  @Field({ description: 'Stable machine key within the story, e.g. "bombing.killed".' })
  key: string;

  @Field({ description: "Editor-facing wording." })
  label: string;

  @Field(_type => FactKind, { description: "What sort of quantity this is." })
  kind: FactKind;

  @Field(_type => String, { nullable: true, description: '"people", "years", "hours", ...' })
  unit: string | null;

  @Field(_type => Agreement, { description: "CONFLICT when some readings' intervals do not overlap." })
  agreement: Agreement;

  @Field(_type => Int, { description: "Optimistic-concurrency token: pass it as expectedVersion to recordVerdict." })
  version: number;
}

@ObjectType({ simpleResolvers: true, description: "One asserted value and everyone who asserts it." })
export class Reading {
  @Field({ description: '"24", "almost 30", "car bomb".' })
  label: string;

  @Field(_type => Float, { nullable: true, description: "Lowest value of the reading's interval; null for TEXT facts or when unbounded." })
  lower: number | null;

  @Field(_type => Float, { nullable: true, description: "Highest value of the reading's interval; null for TEXT facts or when unbounded." })
  upper: number | null;

  @Field(_type => [Claim], { description: "The claims that assert this reading." })
  claims: Claim[];

  @Field(_type => Int, { description: "Distinct origin outlets: a Reuters story copied by two aggregators counts once." })
  independentSources: number;
}
