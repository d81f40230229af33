import crypto from "node:crypto";
import type { Database } from "../db";
import { ForbiddenError, UnauthenticatedError } from "../errors";
import type { Reviewer, Role } from "../generated/prisma/client";

/** Tokens are shown once and stored only as a sha256, so a leaked database leaks no credentials. */
export function hashToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

export function newToken(): string {
  return `cc_${crypto.randomBytes(24).toString("base64url")}`;
}

export async function createReviewer(prisma: Database, name: string, role: Role): Promise<{ reviewer: Reviewer; token: string }> {
  const token = newToken();
  const reviewer = await prisma.$transaction(async (tx) => {
    const created = await tx.reviewer.create({ data: { name, role, tokenHash: hashToken(token) } });
    await tx.auditEvent.create({
      data: {
        actor: "cli",
        action: "reviewer.create",
        subjectType: "Reviewer",
        subjectId: String(created.id),
        after: { id: created.id, name, role },
      },
    });
    return created;
  });
  return { reviewer, token };
}

/** Who sent the request: a reviewer, nobody (no header), or a credential that did not match. */
export type Caller = { kind: "reviewer"; reviewer: Reviewer } | { kind: "anonymous" } | { kind: "invalid" };

export async function identifyCaller(prisma: Database, authorization: string | undefined): Promise<Caller> {
  if (!authorization) return { kind: "anonymous" };
  const match = /^Bearer\s+(\S{1,200})\s*$/i.exec(authorization);
  if (!match) return { kind: "invalid" };
  const reviewer = await prisma.reviewer.findUnique({ where: { tokenHash: hashToken(match[1]) } });
  return reviewer ? { kind: "reviewer", reviewer } : { kind: "invalid" };
}

const RANK: Record<Role, number> = { VIEWER: 0, REVIEWER: 1, ADMIN: 2 };

export function requireRole(caller: Caller, minimum: Role): Reviewer {
  if (caller.kind !== "reviewer") {
    throw new UnauthenticatedError(
      caller.kind === "invalid" ? "The bearer token is not valid." : "This operation needs a reviewer token: Authorization: Bearer <token>.",
    );
  }
  if (RANK[caller.reviewer.role] < RANK[minimum]) {
    throw new ForbiddenError(`This operation needs the ${minimum} role; you are ${caller.reviewer.role}.`);
  }
  return caller.reviewer;
}
