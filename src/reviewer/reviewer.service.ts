import crypto from "node:crypto";
import type { Database } from "../db";
import { ForbiddenError, NotFoundError, UnauthenticatedError } from "../errors";
import type { Prisma, Reviewer, Role } from "../generated/prisma/client";

/** Tokens are shown once and stored only as a sha256, so a leaked database leaks no credentials. */
export function hashToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

export function newToken(): string {
  return `cc_${crypto.randomBytes(24).toString("base64url")}`;
}

/** New tokens expire after this many days unless told otherwise (`--expires`, `expiresInDays`). */
export const DEFAULT_TOKEN_DAYS = 90;
const DAY_MS = 24 * 60 * 60 * 1000;

/** "90d", "12h", "never": how long a new token lives; null means it never expires. */
export function parseLifetime(raw: string): number | null {
  if (raw === "never") return null;
  const match = /^([1-9][0-9]{0,4})(d|h)$/.exec(raw.trim());
  if (!match) throw new Error(`--expires takes a lifetime like 90d, 12h or never, got "${raw}"`);
  const days = match[2] === "d" ? Number(match[1]) : Number(match[1]) / 24;
  if (days > 3650) throw new Error("--expires must be at most 3650 days");
  return days;
}

function expiryFrom(days: number | null, now = new Date()): Date | null {
  return days === null ? null : new Date(now.getTime() + days * DAY_MS);
}

/** What the audit log and `list` show of a reviewer: never the token or its hash. */
export function reviewerSnapshot(reviewer: Reviewer) {
  return {
    id: reviewer.id,
    name: reviewer.name,
    role: reviewer.role,
    expiresAt: reviewer.expiresAt?.toISOString() ?? null,
    revokedAt: reviewer.revokedAt?.toISOString() ?? null,
    demo: reviewer.demo,
  };
}

export interface NewReviewerOptions {
  /** Days the token lives; null never expires. Default DEFAULT_TOKEN_DAYS. */
  expiresInDays?: number | null;
  demo?: boolean;
  /** Who made the change, for the audit log: "cli" or "reviewer:<id>". */
  actor?: string;
}

export async function createReviewer(
  prisma: Database,
  name: string,
  role: Role,
  options: NewReviewerOptions = {},
): Promise<{ reviewer: Reviewer; token: string }> {
  const token = newToken();
  const days = options.expiresInDays === undefined ? DEFAULT_TOKEN_DAYS : options.expiresInDays;
  const reviewer = await prisma.$transaction(async (tx) => {
    const created = await tx.reviewer.create({
      data: { name, role, tokenHash: hashToken(token), expiresAt: expiryFrom(days), demo: options.demo ?? false },
    });
    await auditReviewer(tx, options.actor ?? "cli", "reviewer.create", created, null);
    return created;
  });
  return { reviewer, token };
}

async function auditReviewer(tx: Prisma.TransactionClient, actor: string, action: string, after: Reviewer, before: Reviewer | null) {
  await tx.auditEvent.create({
    data: {
      actor,
      action,
      subjectType: "Reviewer",
      subjectId: String(after.id),
      ...(before ? { before: reviewerSnapshot(before) } : {}),
      after: reviewerSnapshot(after),
    },
  });
}

async function changeReviewer(
  prisma: Database,
  id: number,
  actor: string,
  action: string,
  change: (current: Reviewer) => Prisma.ReviewerUpdateInput,
): Promise<Reviewer> {
  return prisma.$transaction(async (tx) => {
    const current = await tx.reviewer.findUnique({ where: { id } });
    if (!current) throw new NotFoundError("reviewer", id, "id");
    const updated = await tx.reviewer.update({ where: { id }, data: change(current) });
    await auditReviewer(tx, actor, action, updated, current);
    return updated;
  });
}

/** The token stops working at once; revoking twice keeps the first time. */
export function revokeReviewer(prisma: Database, id: number, actor = "cli"): Promise<Reviewer> {
  return changeReviewer(prisma, id, actor, "reviewer.revoke", (current) => ({ revokedAt: current.revokedAt ?? new Date() }));
}

/** A new token for the same reviewer (and a fresh expiry); the old token stops working. A revoked reviewer stays revoked. */
export async function rotateReviewerToken(
  prisma: Database,
  id: number,
  actor = "cli",
  expiresInDays: number | null = DEFAULT_TOKEN_DAYS,
): Promise<{ reviewer: Reviewer; token: string }> {
  const token = newToken();
  const reviewer = await changeReviewer(prisma, id, actor, "reviewer.rotate", (current) => {
    if (current.revokedAt) throw new ForbiddenError(`Reviewer ${id} is revoked; add a new reviewer instead.`);
    return { tokenHash: hashToken(token), expiresAt: expiryFrom(expiresInDays) };
  });
  return { reviewer, token };
}

/** Who sent the request: a reviewer, nobody (no header), or a credential that is refused and why. */
export type Caller =
  | { kind: "reviewer"; reviewer: Reviewer }
  | { kind: "anonymous" }
  | { kind: "invalid"; reason: "unknown" | "revoked" | "expired" | "demo" };

export const REFUSED_MESSAGES: Record<Extract<Caller, { kind: "invalid" }>["reason"], string> = {
  unknown: "The bearer token is not valid.",
  revoked: "The bearer token was revoked. Ask an admin for a new one.",
  expired: "The bearer token has expired. Ask an admin to rotate it.",
  demo: "The demo reviewer exists only in development; it is refused in production.",
};

const LAST_USED_EVERY_MS = 60_000;

export async function identifyCaller(
  prisma: Database,
  authorization: string | undefined,
  options: { production?: boolean; now?: Date } = {},
): Promise<Caller> {
  if (!authorization) return { kind: "anonymous" };
  const match = /^Bearer\s+(\S{1,200})\s*$/i.exec(authorization);
  if (!match) return { kind: "invalid", reason: "unknown" };
  const reviewer = await prisma.reviewer.findUnique({ where: { tokenHash: hashToken(match[1]) } });
  if (!reviewer) return { kind: "invalid", reason: "unknown" };
  const now = options.now ?? new Date();
  if (reviewer.revokedAt) return { kind: "invalid", reason: "revoked" };
  if (reviewer.expiresAt && reviewer.expiresAt <= now) return { kind: "invalid", reason: "expired" };
  if (reviewer.demo && options.production) return { kind: "invalid", reason: "demo" };
  if (!reviewer.lastUsedAt || now.getTime() - reviewer.lastUsedAt.getTime() > LAST_USED_EVERY_MS) {
    // Best effort and at most once a minute: a busy token must not turn every read into a write.
    await prisma.reviewer.update({ where: { id: reviewer.id }, data: { lastUsedAt: now } }).catch(() => undefined);
    reviewer.lastUsedAt = now;
  }
  return { kind: "reviewer", reviewer };
}

const RANK: Record<Role, number> = { VIEWER: 0, REVIEWER: 1, ADMIN: 2 };

export function hasRole(reviewer: Reviewer, minimum: Role): boolean {
  return RANK[reviewer.role] >= RANK[minimum];
}

export function requireRole(caller: Caller, minimum: Role): Reviewer {
  if (caller.kind !== "reviewer") {
    throw new UnauthenticatedError(
      caller.kind === "invalid" ? REFUSED_MESSAGES[caller.reason] : "This operation needs a reviewer token: Authorization: Bearer <token>.",
    );
  }
  if (!hasRole(caller.reviewer, minimum)) {
    throw new ForbiddenError(`This operation needs the ${minimum} role; you are ${caller.reviewer.role}.`);
  }
  return caller.reviewer;
}
