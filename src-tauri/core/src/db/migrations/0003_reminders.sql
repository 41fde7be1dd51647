-- Reminders: when each step was announced by a notification (exactly once), and a per-application
-- check-in delay that overrides the setting for plans created afterwards.

ALTER TABLE plan_steps ADD COLUMN reminded_at TEXT;
ALTER TABLE applications ADD COLUMN check_in_days INTEGER CHECK (check_in_days IS NULL OR check_in_days BETWEEN 1 AND 730);
CREATE INDEX plan_steps_unreminded ON plan_steps(status, reminded_at);
