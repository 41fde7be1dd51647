-- The follow-up plan and the user's own message templates.

-- One step of a follow-up plan. Its due date is fixed when the step is created (a later change of the
-- check-in delay affects only new plans); the user may reschedule one step. Every change of state is also
-- written on the timeline (events), which is the history; this table is the current state.
CREATE TABLE plan_steps (
    id                INTEGER PRIMARY KEY,
    application_id    INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
    -- the outcome event (rejected, ghosted) that created the step
    outcome_event_id  INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    kind              TEXT NOT NULL
                      CHECK (kind IN ('thank_you', 'feedback', 'keep_in_touch', 'linkedin', 'check_in', 'nudge')),
    due_on            TEXT NOT NULL CHECK (date(due_on) IS due_on),
    -- pending: to do; missed: created after its moment had passed (send anyway?); done, skipped;
    -- cancelled: made moot (a reply stopped the nudges)
    status            TEXT NOT NULL DEFAULT 'pending'
                      CHECK (status IN ('pending', 'missed', 'done', 'skipped', 'cancelled')),
    snoozed_until     TEXT CHECK (snoozed_until IS NULL OR date(snoozed_until) IS snoozed_until),
    done_on           TEXT CHECK (done_on IS NULL OR date(done_on) IS done_on),
    -- how it was sent: email, linkedin, phone, other
    channel           TEXT,
    options           TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(options)),
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL
);
CREATE INDEX plan_steps_open ON plan_steps(status, due_on);
CREATE INDEX plan_steps_application ON plan_steps(application_id);

-- A template the user edited (or wrote) for one kind of message in one language. Absent: the built-in one.
CREATE TABLE templates (
    kind        TEXT NOT NULL,
    lang        TEXT NOT NULL CHECK (lang IN ('fr', 'en')),
    subject     TEXT NOT NULL DEFAULT '',
    body        TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (kind, lang)
) WITHOUT ROWID;
