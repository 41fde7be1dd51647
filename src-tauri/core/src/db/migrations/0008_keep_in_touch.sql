-- People the user keeps in touch with. A person may have a cadence (every N months; NULL: off, the default).
-- When it falls due, a `catch_up` step addressed to that person joins the plan of their latest application, so
-- that it shows in Today, the tray and one notification like every other step. Any contact with the person (a
-- message sent, a reply, an interview, a "we talked" entry) starts the cadence again.
ALTER TABLE people ADD COLUMN keep_in_touch_months INTEGER
    CHECK (keep_in_touch_months IS NULL OR keep_in_touch_months BETWEEN 1 AND 24);
-- The day the cadence was chosen: where it counts from when nothing was ever logged with the person.
ALTER TABLE people ADD COLUMN keep_in_touch_since TEXT
    CHECK (keep_in_touch_since IS NULL OR date(keep_in_touch_since) IS keep_in_touch_since);

-- plan_steps is rebuilt to admit the new kind and its person: a `catch_up` step has a person and no outcome
-- behind it; every other step has an outcome and no person. Same columns otherwise, same ids, same rows.
CREATE TABLE plan_steps_v2 (
    id                INTEGER PRIMARY KEY,
    application_id    INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
    outcome_event_id  INTEGER REFERENCES events(id) ON DELETE CASCADE,
    person_id         INTEGER REFERENCES people(id) ON DELETE CASCADE,
    kind              TEXT NOT NULL
                      CHECK (kind IN ('thank_you', 'feedback', 'keep_in_touch', 'linkedin', 'check_in', 'nudge',
                                      'catch_up')),
    due_on            TEXT NOT NULL CHECK (date(due_on) IS due_on),
    status            TEXT NOT NULL DEFAULT 'pending'
                      CHECK (status IN ('pending', 'missed', 'done', 'skipped', 'cancelled')),
    snoozed_until     TEXT CHECK (snoozed_until IS NULL OR date(snoozed_until) IS snoozed_until),
    done_on           TEXT CHECK (done_on IS NULL OR date(done_on) IS done_on),
    channel           TEXT,
    options           TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(options)),
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    reminded_at       TEXT,
    notify_attempts   INTEGER NOT NULL DEFAULT 0,
    notify_retry_at   TEXT,
    CHECK ((kind = 'catch_up') = (person_id IS NOT NULL)),
    CHECK ((kind = 'catch_up') = (outcome_event_id IS NULL))
);
INSERT INTO plan_steps_v2 (id, application_id, outcome_event_id, person_id, kind, due_on, status, snoozed_until,
                           done_on, channel, options, created_at, updated_at, reminded_at, notify_attempts,
                           notify_retry_at)
    SELECT id, application_id, outcome_event_id, NULL, kind, due_on, status, snoozed_until, done_on, channel,
           options, created_at, updated_at, reminded_at, notify_attempts, notify_retry_at
      FROM plan_steps;
DROP TABLE plan_steps;
ALTER TABLE plan_steps_v2 RENAME TO plan_steps;
CREATE INDEX plan_steps_open ON plan_steps(status, due_on);
CREATE INDEX plan_steps_application ON plan_steps(application_id);
CREATE INDEX plan_steps_unreminded ON plan_steps(status, reminded_at);
CREATE INDEX plan_steps_person ON plan_steps(person_id) WHERE person_id IS NOT NULL;
-- The last contact with a person is looked up through the interviews and conversations they were at.
CREATE INDEX event_people_person ON event_people(person_id);
