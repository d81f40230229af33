import { Field, ID, InputType, Int } from "type-graphql";

@InputType({ description: "A reviewer's decision on one fact." })
export class RecordVerdictInput {
  @Field((_type) => ID, { description: "The fact being decided." })
  factId: string;

  @Field((_type) => ID, { description: "The claim the reviewer trusts; it must be one of the fact's claims." })
  trustedClaimId: string;

  @Field({ description: "Why: 1 to 5,000 characters, shown in the history and exported as ratingExplanation." })
  rationale: string;

  @Field((_type) => Int, { description: "Fact.version the reviewer saw; a stale value is a CONFLICT error and nothing is written." })
  expectedVersion: number;
}
