-- Ley 18.695 art. 86: a matter whose repeated vote tied is carried to a new session; the new
-- item records the item it continues, so it is carried once (while its session stands) and its
-- history can be followed.
ALTER TABLE agenda_item ADD COLUMN carried_from INTEGER REFERENCES agenda_item (id);

CREATE INDEX agenda_item_carried_from ON agenda_item (carried_from) WHERE carried_from IS NOT NULL;
