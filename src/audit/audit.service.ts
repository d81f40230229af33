import type { RawSql } from "../db";
import type { Prisma } from "../generated/prisma/client";

export interface AuditEntry {
  actor: string;
  action: string;
  subjectType: string;
  subjectId: string | number;
  before?: Prisma.InputJsonValue;
  after?: Prisma.InputJsonValue;
}

function auditRow(entry: AuditEntry): Prisma.AuditEventCreateManyInput {
  return { ...entry, subjectId: String(entry.subjectId) };
}

/** Written inside the same transaction as the change it records, so neither exists without the other. */
export async function audit(tx: Prisma.TransactionClient, entry: AuditEntry): Promise<void> {
  await tx.auditEvent.create({ data: auditRow(entry) });
}

/**
 * Many changes of one transaction (a batch of articles) in one statement of plain SQL, one array
 * per column. The time is written in UTC, as Prisma writes it: the column's default would be read
 * in the session's time zone.
 */
export async function auditAll(tx: RawSql, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const json = (value: Prisma.InputJsonValue | undefined) => (value === undefined ? null : JSON.stringify(value));
  await tx.$executeRaw`
    INSERT INTO "AuditEvent" (actor, action, "subjectType", "subjectId", before, after, "createdAt")
    SELECT e.*, now() AT TIME ZONE 'UTC' FROM unnest(${entries.map((entry) => entry.actor)}::text[], ${entries.map((entry) => entry.action)}::text[],
                         ${entries.map((entry) => entry.subjectType)}::text[], ${entries.map((entry) => String(entry.subjectId))}::text[],
                         ${entries.map((entry) => json(entry.before))}::jsonb[], ${entries.map((entry) => json(entry.after))}::jsonb[]) AS e`;
}

export function reviewerActor(reviewerId: number): string {
  return `reviewer:${reviewerId}`;
}
