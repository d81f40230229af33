import { ArgsType, ClassType, Field, Int, ObjectType } from "type-graphql";
import { BadUserInputError } from "../errors";

@ObjectType({ description: "Relay-style page information for a cursor connection." })
export class PageInfo {
  @Field({ description: "True when more items follow the last one returned." })
  hasNextPage: boolean;

  @Field((_type) => String, { nullable: true, description: "Cursor of the last item returned; pass it as `after` for the next page." })
  endCursor: string | null;
}

export interface Page<T> {
  edges: Array<{ cursor: string; node: T }>;
  pageInfo: PageInfo;
  totalCount: number;
}

/** Builds a `<Name>Connection` and `<Name>Edge` pair for a node type. */
export function Connection<T extends object>(nodeType: ClassType<T>, name: string) {
  @ObjectType(`${name}Edge`, { description: `One ${name} in a page, with its cursor.` })
  class Edge {
    @Field({ description: "Opaque cursor of this item." })
    cursor: string;

    @Field((_type) => nodeType, { description: "The item." })
    node: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${name} items.` })
  class ConnectionType {
    @Field((_type) => [Edge], { description: "The items of this page, in order." })
    edges: Edge[];

    @Field((_type) => PageInfo, { description: "Where this page ends and whether more follow." })
    pageInfo: PageInfo;

    @Field((_type) => Int, { description: "How many items there are in all." })
    totalCount: number;
  }
  return ConnectionType;
}

export const MAX_PAGE_SIZE = 100;

export function encodeCursor(id: number): string {
  return Buffer.from(`cursor:${id}`).toString("base64url");
}

export function decodeCursor(cursor: string | null | undefined): number | null {
  if (cursor === null || cursor === undefined) return null;
  const match = /^cursor:([0-9]{1,10})$/.exec(Buffer.from(cursor, "base64url").toString());
  // Ids are Postgres integers: a forged cursor past 2^31 - 1 would fail in SQL, not here.
  if (!match || Number(match[1]) > 2_147_483_647) throw new BadUserInputError("after", "after must be a cursor returned by this API.");
  return Number(match[1]);
}

export function checkFirst(first: number): number {
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw new BadUserInputError("first", `first must be between 1 and ${MAX_PAGE_SIZE}.`);
  }
  return first;
}

/** Turns `first + 1` rows (ordered by id) into a page; the extra row only says whether more follow. */
export function toPage<T extends { id: number }>(rows: T[], first: number, totalCount: number): Page<T> {
  const nodes = rows.slice(0, first);
  return {
    edges: nodes.map((node) => ({ cursor: encodeCursor(node.id), node })),
    pageInfo: { hasNextPage: rows.length > first, endCursor: nodes.length ? encodeCursor(nodes[nodes.length - 1].id) : null },
    totalCount,
  };
}

@ArgsType()
export class PageArgs {
  @Field((_type) => Int, { defaultValue: 20, description: `How many items to return (1 to ${MAX_PAGE_SIZE}).` })
  first: number;

  @Field((_type) => String, { nullable: true, description: "Return items after this cursor (pageInfo.endCursor of the previous page)." })
  after?: string | null;
}

/**
 * One page of a list ordered by id. `fetch` receives the id filter that continues after the cursor
 * and how many rows to take; `count` answers the list's total size.
 */
export async function paginate<T extends { id: number }>(
  { first, after }: PageArgs,
  order: "asc" | "desc",
  fetch: (idFilter: { id?: { gt: number } | { lt: number } }, take: number) => Promise<T[]>,
  count: () => Promise<number>,
): Promise<Page<T>> {
  checkFirst(first);
  const cursorId = decodeCursor(after);
  const idFilter = cursorId === null ? {} : { id: order === "asc" ? { gt: cursorId } : { lt: cursorId } };
  const [rows, total] = await Promise.all([fetch(idFilter, first + 1), count()]);
  return toPage(rows, first, total);
}
