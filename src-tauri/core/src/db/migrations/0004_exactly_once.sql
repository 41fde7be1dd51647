-- Reminders exactly once: a notification is recorded as announced (and committed) before it is shown; one
-- that could not be shown goes back to unannounced with a later retry, so a failing notification server is
-- neither spun on nor lost.

ALTER TABLE plan_steps ADD COLUMN notify_attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE plan_steps ADD COLUMN notify_retry_at TEXT;
