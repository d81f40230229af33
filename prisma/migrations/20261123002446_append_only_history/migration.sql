-- Verdicts and audit events are history: rows may be added, never changed or removed.
-- A retraction is a new Verdict row (retracted = true, "retractsId" -> the withdrawn verdict).
CREATE FUNCTION crosscheck_reject_history_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '% rows are append-only (% rejected)', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'integrity_constraint_violation';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "Verdict_append_only"
  BEFORE UPDATE OR DELETE ON "Verdict"
  FOR EACH ROW EXECUTE FUNCTION crosscheck_reject_history_change();

CREATE TRIGGER "AuditEvent_append_only"
  BEFORE UPDATE OR DELETE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION crosscheck_reject_history_change();
