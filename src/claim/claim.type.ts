import { Field, Float, ID, Int, ObjectType } from "type-graphql";
import { Hedge, Scope } from "../common/enums";
import { QuoteField } from "../generated/prisma/enums";

@ObjectType({
  simpleResolvers: true,
  description: "W3C Web Annotation TextQuote + TextPosition selectors over Article.body, or Article.headline when field is HEADLINE.",
})
export class Quote {
  @Field({ description: "The quoted text; equals text.slice(start, end) of the text that field names." })
  exact: string;

  @Field({ description: "Up to 32 characters of that text before the quote." })
  prefix: string;

  @Field({ description: "Up to 32 characters of that text after the quote." })
  suffix: string;

  @Field((_type) => Int, { description: "UTF-16 offset into the text that field names, inclusive." })
  start: number;

  @Field((_type) => Int, { description: "UTF-16 offset into the text that field names, exclusive." })
  end: number;

  @Field((_type) => QuoteField, { description: "Which text the offsets index: Article.headline (HEADLINE) or Article.body (BODY)." })
  field: QuoteField;
}

@ObjectType({ simpleResolvers: true, description: "One figure (or statement) as one article reports it." })
export class Claim {
  @Field((_type) => ID, { description: "Stable identifier." })
  id: number;

  @Field({ description: 'Surface form, e.g. "killing 19 people".' })
  text: string;

  @Field((_type) => Float, { nullable: true, description: "Point value; null for TEXT facts." })
  value: number | null;

  @Field((_type) => Float, { nullable: true, description: "Lowest value the hedge allows; null when unbounded or for TEXT facts." })
  lower: number | null;

  @Field((_type) => Float, { nullable: true, description: "Highest value the hedge allows; null when unbounded or for TEXT facts." })
  upper: number | null;

  @Field((_type) => String, { nullable: true, description: '"people", "years", "hours", ...' })
  unit: string | null;

  @Field((_type) => Hedge, { description: "How the article qualifies the figure." })
  hedge: Hedge;

  @Field((_type) => String, { nullable: true, description: 'Who the article credits: "Crocker", "police", "state television".' })
  attribution: string | null;

  @Field((_type) => Scope, {
    description:
      "EVENT: the whole event; SUB_AREA: one district, city, hospital, site or group; BACKGROUND: an earlier event or general statistics.",
  })
  scope: Scope;

  @Field({ description: '"rules" for the loader, or "reviewer:<id>" for a hand-added claim.' })
  extractedBy: string;

  @Field({ description: "False when the article's text changed after extraction and this quote no longer anchors in the body." })
  anchored: boolean;
}
