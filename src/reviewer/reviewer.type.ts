import { Field, ID, InputType, Int, ObjectType } from "type-graphql";
import { Role } from "../common/enums";

@ObjectType({ simpleResolvers: true, description: "A person who records verdicts." })
export class Reviewer {
  @Field((_type) => ID, { description: "Stable identifier." })
  id: number;

  @Field({ description: "Display name." })
  name: string;

  // Resolved in ReviewerResolver: shown to authenticated callers only.
  role: Role;

  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}

@ObjectType({ description: "A reviewer with a new bearer token; the token is shown this once and stored only as a hash." })
export class ReviewerToken {
  @Field((_type) => Reviewer, { description: "The reviewer the token belongs to." })
  reviewer: Reviewer;

  @Field({ description: "The bearer token: send it as Authorization: Bearer <token>." })
  token: string;
}

@InputType({ description: "A new reviewer account." })
export class CreateReviewerInput {
  @Field({ description: "Display name (1 to 200 characters)." })
  name: string;

  @Field((_type) => Role, { description: "What the reviewer may do." })
  role: Role;

  @Field((_type) => Int, { nullable: true, description: "Days until the token expires (1 to 3650); default 90." })
  expiresInDays?: number | null;
}
