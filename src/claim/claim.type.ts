import { Field, Float, ID, Int, ObjectType } from "type-graphql";
import { Hedge, Scope } from "../common/enums";

@ObjectType({ simpleResolvers: true, description: "W3C Web Annotation TextQuote + TextPosition selectors over Article.body." })
export class Quote {
  @Field({ description: "The quoted text; equals body.slice(start, end)." })
  exact: string;

  @Field({ description: "Up to 32 characters of body before the quote." })
  prefix: string;

  @Field({ description: "Up to 32 characters of body after the quote." })
  suffix: string;

  @Field(_type => Int, { description: "UTF-16 offset into Article.body, inclusive." })
  start: number;

  @Field(_type => Int, { description: "UTF-16 offset into Article.body, exclusive." })
  end: number;
}

@ObjectType({ simpleResolvers: true, description: "One figure (or statement) as one article reports it." })
export class Claim {
  @Field(_type => ID, { description: "Stable identifier." })
  id: number;

  @Field({ description: 'Surface form, e.g. "killing 19 people".' })
  text: string;

  @Field(_type => Float, { nullable: true, description: "Point value; null for TEXT facts." })
  value: number | null;

  @Field(_type => Float, { nullable: true, description: "Lowest value the hedge allows; null when unbounded or for TEXT facts." })
  lower: number | null;

  @Field(_type => Float, { nullable: true, description: "Highest value the hedge allows; null when unbounded or for TEXT facts." })
  upper: number | null;

  @Field(_type => String, { nullable: true, description: '"people", "years", "hours", ...' })
  unit: string | null;

  @Field(_type => Hedge, { description: "How the article qualifies the figure." })
  hedge: Hedge;

  @Field(_type => String, { nullable: true, description: 'Who the article credits: "Crocker", "police", "state television".' })
  attribution: string | null;

  @Field(_type => Scope, { description: "EVENT: the whole event; SUB_AREA: one district, city, hospital, site or group; BACKGROUND: an earlier event or general statistics." })
  scope: Scope;

  @Field({ description: '"rules" for the loader, or "reviewer:<id>" for a hand-added claim.' })
  extractedBy: string;

  @Field({ description: "False when the article's text changed after extraction and this quote no longer anchors in the body." })
  anchored: boolean;
}
