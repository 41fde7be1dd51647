-- The journal: companies, applications, the people met, and one timeline of events per application.
-- Calendar days are 'YYYY-MM-DD' text; instants are UTC RFC 3339 text. Both read plainly in the sqlite3 shell.

CREATE TABLE companies (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,             -- as the user last typed it
    folded      TEXT NOT NULL UNIQUE,      -- lower case, no accents, trimmed: the key for matching
    created_at  TEXT NOT NULL
);

CREATE TABLE applications (
    id           INTEGER PRIMARY KEY,
    company_id   INTEGER NOT NULL REFERENCES companies(id),
    role         TEXT NOT NULL,
    posting_url  TEXT NOT NULL DEFAULT '',
    location     TEXT NOT NULL DEFAULT '',
    applied_on   TEXT NOT NULL CHECK (date(applied_on) IS applied_on),
    source       TEXT NOT NULL DEFAULT '',
    lang         TEXT NOT NULL CHECK (lang IN ('fr', 'en')),
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX applications_company ON applications(company_id);

CREATE TABLE people (
    id            INTEGER PRIMARY KEY,
    company_id    INTEGER NOT NULL REFERENCES companies(id),
    name          TEXT NOT NULL,
    title         TEXT NOT NULL DEFAULT '',
    email         TEXT NOT NULL DEFAULT '',
    linkedin_url  TEXT NOT NULL DEFAULT '',
    phone         TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX people_company ON people(company_id);

-- Which people the user met for which application.
CREATE TABLE application_people (
    application_id  INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
    person_id       INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    PRIMARY KEY (application_id, person_id)
) WITHOUT ROWID;
CREATE INDEX application_people_person ON application_people(person_id);

-- The timeline. kind: applied, interview, rejected, ghosted, offer, accepted, withdrawn, reflection
-- (later: plan steps, messages sent, replies, reminders). The current outcome is the latest outcome event.
-- details is a JSON object whose fields depend on kind.
CREATE TABLE events (
    id              INTEGER PRIMARY KEY,
    application_id  INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
    kind            TEXT NOT NULL,
    occurred_on     TEXT NOT NULL CHECK (date(occurred_on) IS occurred_on),
    details         TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(details)),
    created_at      TEXT NOT NULL
);
CREATE INDEX events_timeline ON events(application_id, occurred_on, id);

-- Who was met at an interview event.
CREATE TABLE event_people (
    event_id   INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    person_id  INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    PRIMARY KEY (event_id, person_id)
) WITHOUT ROWID;

-- The private reflection written about one outcome event.
CREATE TABLE reflections (
    outcome_event_id  INTEGER PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
    went_well         TEXT NOT NULL DEFAULT '',
    do_differently    TEXT NOT NULL DEFAULT '',
    feelings          TEXT NOT NULL DEFAULT '',
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL
);
