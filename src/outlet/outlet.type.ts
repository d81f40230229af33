import { Field, Float, ID, Int, ObjectType } from "type-graphql";
import { OutletKind } from "../common/enums";

@ObjectType({ simpleResolvers: true, description: "An outlet's track record, derived from current verdicts; never stored by hand." })
export class TrustRecord {
  @Field((_type) => Int, { description: "Claims from this outlet that current verdicts chose." })
  upheld: number;

  @Field((_type) => Int, { description: "Claims from this outlet on facts where a current verdict chose another reading." })
  overruled: number;

  @Field((_type) => Float, {
    nullable: true,
    description: "(upheld+1)/(upheld+overruled+2): a Laplace-smoothed share of upheld claims; null until the outlet has a decided fact.",
  })
  score: number | null;
}

@ObjectType({
  simpleResolvers: true,
  description: "A news organisation: the one that wrote an article (origin) or the site it was taken from (host).",
})
export class Outlet {
  @Field((_type) => ID, { description: "Stable identifier." })
  id: number;

  @Field({ description: 'Short stable name, e.g. "reuters", "afp", "ncri".' })
  slug: string;

  @Field({ description: "Display name." })
  name: string;

  @Field((_type) => OutletKind, { description: "What sort of organisation this is." })
  kind: OutletKind;
}
