import { DateTimeResolver, JSONResolver } from "graphql-scalars";
import { Field, ID, ObjectType } from "type-graphql";
import { Connection } from "../common/connection";

@ObjectType({ description: "One recorded write: who did what to which row, with the row before and after." })
export class AuditEvent {
  @Field((_type) => ID, { description: "Stable identifier; increases with time." })
  id: number;

  @Field({ description: '"reviewer:<id>", "loader" or "cli".' })
  actor: string;

  @Field({ description: 'What happened, e.g. "verdict.record", "verdict.retract", "claim.add".' })
  action: string;

  @Field({ description: "Kind of row changed." })
  subjectType: string;

  @Field({ description: "Id of the row changed." })
  subjectId: string;

  @Field((_type) => JSONResolver, { nullable: true, description: "The row before the change, when there was one." })
  before: unknown;

  @Field((_type) => JSONResolver, { nullable: true, description: "The row after the change." })
  after: unknown;

  @Field((_type) => DateTimeResolver, { description: "When it happened." })
  createdAt: Date;
}

export const AuditEventConnection = Connection(AuditEvent, "AuditEvent");
