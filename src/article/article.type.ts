import { DateTimeResolver } from "graphql-scalars";
import { Field, ID, ObjectType } from "type-graphql";

@ObjectType({ simpleResolvers: true, description: "One outlet's report of a story, as loaded: raw page text cleaned down to the article." })
export class Article {
  @Field((_type) => ID, { description: "Stable identifier." })
  id: number;

  @Field({ description: "The article's title." })
  headline: string;

  @Field((_type) => String, { nullable: true, description: 'Who wrote it, e.g. "Ross Colvin".' })
  byline: string | null;

  @Field((_type) => String, { nullable: true, description: 'Place, date and wire tag, e.g. "BAGHDAD, May 28 (Reuters)".' })
  dateline: string | null;

  @Field((_type) => DateTimeResolver, { nullable: true, description: "When the article was published (not when a page was captured)." })
  publishedAt: Date | null;

  @Field((_type) => String, { nullable: true, description: "Where the article was found, when known." })
  url: string | null;

  @Field({ description: "sha256 of the raw page text; a changed page gets a new hash." })
  contentHash: string;
}
