import { Args, Authorized, Ctx, Query, Resolver } from "type-graphql";
import { PageArgs, paginate } from "../common/connection";
import type { Context } from "../context";
import { AuditEvent, AuditEventConnection } from "./audit.type";

@Resolver((_of) => AuditEvent)
export class AuditResolver {
  @Authorized("ADMIN")
  @Query((_returns) => AuditEventConnection, { description: "Every recorded write, newest first. ADMIN only." })
  auditLog(@Args(() => PageArgs) page: PageArgs, @Ctx() ctx: Context) {
    return paginate(
      page,
      "desc",
      (idFilter, take) => ctx.prisma.auditEvent.findMany({ where: idFilter, orderBy: { id: "desc" }, take }),
      () => ctx.prisma.auditEvent.count(),
    );
  }
}
