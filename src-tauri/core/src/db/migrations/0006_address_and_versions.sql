-- How each person is greeted in messages: by full name (the default), by first name, or with a courtesy title
-- and the last name ("Madame Tremblay" / "Ms. Tremblay", "Monsieur Gagnon" / "Mr. Gagnon").
ALTER TABLE people ADD COLUMN address_as TEXT NOT NULL DEFAULT 'full'
    CHECK (address_as IN ('full', 'first', 'ms', 'mr'));

-- The user's own templates become named versions: several per kind and language, at most one the default
-- (used when the composer opens). A version saved before this migration keeps its place as the default, with an
-- empty name (shown as "My version").
CREATE TABLE templates_v2 (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL,
    lang        TEXT NOT NULL CHECK (lang IN ('fr', 'en')),
    name        TEXT NOT NULL DEFAULT '',
    subject     TEXT NOT NULL DEFAULT '',
    body        TEXT NOT NULL,
    is_default  INTEGER NOT NULL DEFAULT 1 CHECK (is_default IN (0, 1)),
    updated_at  TEXT NOT NULL,
    UNIQUE (kind, lang, name)
);
INSERT INTO templates_v2 (kind, lang, name, subject, body, is_default, updated_at)
    SELECT kind, lang, '', subject, body, 1, updated_at FROM templates;
DROP TABLE templates;
ALTER TABLE templates_v2 RENAME TO templates;
CREATE UNIQUE INDEX templates_one_default ON templates(kind, lang) WHERE is_default = 1;
