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

/** Many changes of one transaction (a batch of articles) in one statement. */
export async function auditAll(tx: Prisma.TransactionClient, entries: AuditEntry[]): Promise<void> {
  if (entries.length > 0) await tx.auditEvent.createMany({ data: entries.map(auditRow) });
}

export function reviewerActor(reviewerId: number): string {
  return `reviewer:${reviewerId}`;
}
