import type { Prisma } from "../generated/prisma/client";

export interface AuditEntry {
  actor: string;
  action: string;
  subjectType: string;
  subjectId: string | number;
  before?: Prisma.InputJsonValue;
  after?: Prisma.InputJsonValue;
}

/** Written inside the same transaction as the change it records, so neither exists without the other. */
export async function audit(tx: Prisma.TransactionClient, entry: AuditEntry): Promise<void> {
  await tx.auditEvent.create({ data: { ...entry, subjectId: String(entry.subjectId) } });
}

export function reviewerActor(reviewerId: number): string {
  return `reviewer:${reviewerId}`;
}
