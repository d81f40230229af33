import { DateTimeResolver, JSONResolver } from "graphql-scalars";
import { Field, ID, InputType, ObjectType, registerEnumType } from "type-graphql";
import { IngestState } from "../generated/prisma/enums";

registerEnumType(IngestState, {
  name: "IngestState",
  description: "Where a submitted article is on its way into the story.",
  valuesConfig: {
    QUEUED: { description: "Waiting for a worker (also between retries)." },
    RUNNING: { description: "A worker is loading it." },
    DONE: { description: "Loaded; `article` is the article it made (or the one with the same text)." },
    FAILED: { description: "Not loaded, after its retries; `error` says why." },
  },
});

@ObjectType({ description: "One submitted article on its way through the ingest queue." })
export class IngestJob {
  @Field((_type) => ID, { description: "Stable identifier (a UUID); ask Query.ingestJob with it." })
  id: string;

  @Field((_type) => IngestState, { description: "Where the job is." })
  state: IngestState;

  @Field((_type) => String, { nullable: true, description: "Why it FAILED, in words; null otherwise." })
  error: string | null;

  @Field((_type) => DateTimeResolver, { description: "When it was submitted." })
  createdAt: Date;

  /** Resolved by IngestJobResolver.article. */
  articleId: number | null;
}

@InputType({ description: "An article for a story, in exactly one of three forms: plain text, an HTML page, or an IPTC ninjs item." })
export class SubmitArticleInput {
  @Field((_type) => String, { description: "The story it belongs to." })
  storySlug: string;

  @Field((_type) => String, { nullable: true, description: "The article as plain text, as the folder loader reads a .txt file." })
  text?: string | null;

  @Field((_type) => String, { nullable: true, description: "The article as an HTML page; the page's text is extracted and cleaned." })
  html?: string | null;

  @Field((_type) => JSONResolver, {
    nullable: true,
    description: "The article as an IPTC ninjs item (headline, body_text or body_html, uri, versioncreated, …).",
  })
  ninjs?: unknown;

  @Field((_type) => String, { nullable: true, description: "Where the article was found (http or https)." })
  url?: string | null;

  @Field((_type) => String, {
    nullable: true,
    description:
      "A name identifying the source, like a file name in a folder: a later submission with the same name and a changed text updates that article.",
  })
  fileName?: string | null;
}
