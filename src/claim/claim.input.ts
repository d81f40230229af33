import { Field, Float, ID, InputType, Int } from "type-graphql";
import { Hedge } from "../common/enums";

@InputType({ description: "A figure the loader missed, marked by a reviewer in an article's body." })
export class AddClaimInput {
  @Field((_type) => ID, { description: "The article whose body contains the figure." })
  articleId: string;

  @Field((_type) => ID, { description: "The fact it is a reading of; it must belong to the article's story." })
  factId: string;

  @Field((_type) => Int, { description: "UTF-16 offset of the quote's start in Article.body, inclusive." })
  start: number;

  @Field((_type) => Int, { description: "UTF-16 offset of the quote's end, exclusive; body.slice(start, end) is the quoted text." })
  end: number;

  @Field((_type) => Float, {
    nullable: true,
    description: "Point value; required for numeric facts unless hedge is RANGE; omit for TEXT facts.",
  })
  value?: number | null;

  @Field((_type) => Float, {
    nullable: true,
    description: "Lower bound; required for RANGE, otherwise derived from value and hedge (and checked if given).",
  })
  lower?: number | null;

  @Field((_type) => Float, {
    nullable: true,
    description: "Upper bound; required for RANGE, otherwise derived from value and hedge (and checked if given).",
  })
  upper?: number | null;

  @Field((_type) => Hedge, { description: "How the article qualifies the figure." })
  hedge: Hedge;
}
