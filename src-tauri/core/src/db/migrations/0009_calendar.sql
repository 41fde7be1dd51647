-- The user's own calendar, kept in step over CalDAV (issue 25): what Rebound last wrote there, one row per
-- event, so that a change to a step is sent once and a step gone is deleted. The journal is the source: every
-- sync starts from the server's listing, so a restored journal whose rows are stale only costs a few writes.
CREATE TABLE calendar_events (
    uid        TEXT PRIMARY KEY,
    -- The event's address on the server and its version (ETag) as the server last gave it.
    href       TEXT NOT NULL,
    etag       TEXT,
    -- What was sent (day, time, words): a step whose digest changed is sent again.
    digest     TEXT NOT NULL,
    synced_at  TEXT NOT NULL
);
-- The state of the sync: which calendar the rows above are about, when it last ended in step, its last error.
CREATE TABLE calendar_sync (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    calendar    TEXT NOT NULL,
    last_sync   TEXT,
    last_error  TEXT,
    error_at    TEXT
);
