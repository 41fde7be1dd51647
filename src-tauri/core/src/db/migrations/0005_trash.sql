-- What was just deleted, so that "Undo" can put it back exactly (same ids, same timeline, same plan). Entries
-- are kept an hour at most: a delete is meant to be final once the moment to undo it has passed.
CREATE TABLE trash (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,  -- never reused: an old "Undo" cannot reach a newer delete
    what        TEXT NOT NULL CHECK (what IN ('application', 'person', 'interview')),
    rows        TEXT NOT NULL CHECK (json_valid(rows)),  -- {"table": [row, …], …} in the order to put back
    deleted_at  TEXT NOT NULL
);
