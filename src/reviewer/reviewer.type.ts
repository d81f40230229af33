import { Field, ID, ObjectType } from "type-graphql";
import { Role } from "../common/enums";

@ObjectType({ simpleResolvers: true, description: "A person who records verdicts." })
export class Reviewer {
  @Field(_type => ID, { description: "Stable identifier." })
  id: number;

  @Field({ description: "Display name." })
  name: string;

  @Field(_type => Role, { description: "What this reviewer may do." })
  role: Role;
}
