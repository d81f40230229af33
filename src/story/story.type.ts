import { Field, ID, ObjectType } from "type-graphql";

@ObjectType({ simpleResolvers: true, description: "One real-world event, reported by several articles." })
export class Story {
  @Field((_type) => ID, { description: "Stable identifier." })
  id: number;

  @Field({ description: 'URL-safe name, e.g. "baghdad-talks-2007".' })
  slug: string;

  @Field({ description: "Editor-facing title of the event." })
  title: string;
}

@ObjectType({ simpleResolvers: true, description: "One person the articles name, with every spelling they use." })
export class Person {
  @Field({ description: "The fullest form of the name found." })
  name: string;

  @Field((_type) => [String], { description: 'Every spelling found, e.g. "Kazemi-Qomi", "Kazemi Qumi".' })
  variants: string[];

  @Field((_type) => [ID], { description: "Articles that mention this person." })
  articleIds: string[];

  @Field({ description: "How many times the articles mention this person." })
  mentions: number;
}
