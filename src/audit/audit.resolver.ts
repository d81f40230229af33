import { Args, Ctx, Query, Resolver } from "type-graphql";
import { checkFirst, decodeCursor, toPage } from "../common/connection";
import type { Context } from "../context";
import { requireRole } from "../reviewer/reviewer.service";
import { PageArgs } from "../story/story.resolver";
import { AuditEvent, AuditEventConnection } from "./audit.type";

@Resolver(_of => AuditEvent)
export class AuditResolver {
  @Query(_returns => AuditEventConnection, { description: "Every recorded write, newest first. ADMIN only." })
  async auditLog(@Args(() => PageArgs) { first, after }: PageArgs, @Ctx() ctx: Context) {
    requireRole(ctx.caller, "ADMIN");
    checkFirst(first);
    const beforeId = decodeCursor(after);
    const [rows, total] = await Promise.all([
      ctx.prisma.auditEvent.findMany({ where: beforeId !== null ? { id: { lt: beforeId } } : {}, orderBy: { id: "desc" }, take: first + 1 }),
      ctx.prisma.auditEvent.count(),
    ]);
    return toPage(rows, first, total);
  }
}
