-- Full-text search over everything written about an application: one document per application, in five
-- columns (company; role, location and source; the people met; the notes of the timeline — a rejection's reason,
-- a reply; the private reflections), accent- and case-insensitive. Triggers on every table that holds that text
-- keep it current, so every writer (the journal, the plan, an import, an undo) does without thinking of it.
CREATE VIEW search_documents AS
SELECT a.id AS application_id,
       c.name AS company,
       concat_ws(' · ', nullif(a.role, ''), nullif(a.location, ''), nullif(a.source, '')) AS role,
       coalesce((SELECT group_concat(concat_ws(' · ', p.name, nullif(p.title, ''), nullif(p.email, '')), ' · ')
                   FROM application_people ap JOIN people p ON p.id = ap.person_id
                  WHERE ap.application_id = a.id), '') AS people,
       coalesce((SELECT group_concat(j.value, ' · ')
                   FROM events e, json_each(e.details) j
                  WHERE e.application_id = a.id AND j.key IN ('reason', 'note') AND j.type = 'text'
                    AND j.value <> ''), '') AS notes,
       coalesce((SELECT group_concat(concat_ws(' · ', nullif(r.went_well, ''), nullif(r.do_differently, ''),
                                               nullif(r.feelings, '')), ' · ')
                   FROM reflections r JOIN events e ON e.id = r.outcome_event_id
                  WHERE e.application_id = a.id), '') AS reflections
  FROM applications a JOIN companies c ON c.id = a.company_id;

CREATE VIRTUAL TABLE search USING fts5(
    company, role, people, notes, reflections,
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO search (rowid, company, role, people, notes, reflections) SELECT * FROM search_documents;

CREATE TRIGGER search_application_added AFTER INSERT ON applications BEGIN
    DELETE FROM search WHERE rowid IN (NEW.id);
    INSERT INTO search (rowid, company, role, people, notes, reflections)
        SELECT * FROM search_documents WHERE application_id IN (NEW.id);
END;

CREATE TRIGGER search_application_changed AFTER UPDATE ON applications BEGIN
    DELETE FROM search WHERE rowid IN (NEW.id);
    INSERT INTO search (rowid, company, role, people, notes, reflections)
        SELECT * FROM search_documents WHERE application_id IN (NEW.id);
END;

CREATE TRIGGER search_application_removed AFTER DELETE ON applications BEGIN
    DELETE FROM search WHERE rowid = OLD.id;
END;

CREATE TRIGGER search_company_renamed AFTER UPDATE OF name ON companies BEGIN
    DELETE FROM search WHERE rowid IN (SELECT id FROM applications WHERE company_id = NEW.id);
    INSERT INTO search (rowid, company, role, people, notes, reflections)
        SELECT * FROM search_documents WHERE application_id IN (SELECT id FROM applications WHERE company_id = NEW.id);
END;

CREATE TRIGGER search_person_changed AFTER UPDATE ON people BEGIN
    DELETE FROM search WHERE rowid IN (SELECT application_id FROM application_people WHERE person_id = NEW.id);
    INSERT INTO search (rowid, company, role, people, notes, reflections)
        SELECT * FROM search_documents WHERE application_id IN (SELECT application_id FROM application_people WHERE person_id = NEW.id);
END;

CREATE TRIGGER search_person_linked AFTER INSERT ON application_people BEGIN
    DELETE FROM search WHERE rowid IN (NEW.application_id);
    INSERT INTO search (rowid, company, role, people, notes, reflections)
        SELECT * FROM search_documents WHERE application_id IN (NEW.application_id);
END;

CREATE TRIGGER search_person_unlinked AFTER DELETE ON application_people BEGIN
    DELETE FROM search WHERE rowid IN (OLD.application_id);
    INSERT INTO search (rowid, company, role, people, notes, reflections)
        SELECT * FROM search_documents WHERE application_id IN (OLD.application_id);
END;

CREATE TRIGGER search_event_added AFTER INSERT ON events BEGIN
    DELETE FROM search WHERE rowid IN (NEW.application_id);
    INSERT INTO search (rowid, company, role, people, notes, reflections)
        SELECT * FROM search_documents WHERE application_id IN (NEW.application_id);
END;

CREATE TRIGGER search_event_changed AFTER UPDATE ON events BEGIN
    DELETE FROM search WHERE rowid IN (NEW.application_id);
    INSERT INTO search (rowid, company, role, people, notes, reflections)
        SELECT * FROM search_documents WHERE application_id IN (NEW.application_id);
END;

CREATE TRIGGER search_event_removed AFTER DELETE ON events BEGIN
    DELETE FROM search WHERE rowid IN (OLD.application_id);
    INSERT INTO search (rowid, company, role, people, notes, reflections)
        SELECT * FROM search_documents WHERE application_id IN (OLD.application_id);
END;

CREATE TRIGGER search_reflection_added AFTER INSERT ON reflections BEGIN
    DELETE FROM search WHERE rowid IN (SELECT application_id FROM events WHERE id = NEW.outcome_event_id);
    INSERT INTO search (rowid, company, role, people, notes, reflections)
        SELECT * FROM search_documents WHERE application_id IN (SELECT application_id FROM events WHERE id = NEW.outcome_event_id);
END;

CREATE TRIGGER search_reflection_changed AFTER UPDATE ON reflections BEGIN
    DELETE FROM search WHERE rowid IN (SELECT application_id FROM events WHERE id = NEW.outcome_event_id);
    INSERT INTO search (rowid, company, role, people, notes, reflections)
        SELECT * FROM search_documents WHERE application_id IN (SELECT application_id FROM events WHERE id = NEW.outcome_event_id);
END;

CREATE TRIGGER search_reflection_removed AFTER DELETE ON reflections BEGIN
    DELETE FROM search WHERE rowid IN (SELECT application_id FROM events WHERE id = OLD.outcome_event_id);
    INSERT INTO search (rowid, company, role, people, notes, reflections)
        SELECT * FROM search_documents WHERE application_id IN (SELECT application_id FROM events WHERE id = OLD.outcome_event_id);
END;
