import { DateTimeResolver } from "graphql-scalars";
import { Field, ID, ObjectType } from "type-graphql";

@ObjectType({
  description: "A reviewer's decision on a fact: which claim to trust and why. Never edited; a retraction is a later entry.",
})
export class Verdict {
  @Field((_type) => ID, { description: "Stable identifier." })
  id: number;

  @Field({ description: "Why the reviewer trusts this claim (or, for a retraction, why it was withdrawn)." })
  rationale: string;

  @Field((_type) => DateTimeResolver, { description: "When it was recorded." })
  createdAt: Date;

  @Field({ description: "True for a withdrawn verdict and for the retraction entry that withdrew it." })
  retracted: boolean;
}
