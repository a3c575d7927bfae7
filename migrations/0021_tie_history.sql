-- The tied votes of a matter (Ley 18.695 art. 86: the vote is repeated and, if the tie
-- persists, the matter goes to a new session within three days where the alcalde decides).
-- `vote` keeps only an item's latest ballots, so each tied round is kept here with its
-- ballots: the matter carries its history to the new session and both actas can tell it.
-- As in `vote`, `member_id` is a council member or, in a comité, an official of its body
-- (migration 0006): a trigger checks it against the session's participants.
CREATE TABLE tied_ballot (
    item_id   INTEGER NOT NULL REFERENCES agenda_item (id),
    round     INTEGER NOT NULL CHECK (round >= 1),
    member_id INTEGER NOT NULL,
    ballot    TEXT NOT NULL CHECK (ballot IN ('a_favor', 'en_contra', 'abstencion', 'no_vota')),
    PRIMARY KEY (item_id, round, member_id)
) STRICT;

CREATE TRIGGER tied_ballot_participant BEFORE INSERT ON tied_ballot
WHEN NOT EXISTS (SELECT 1 FROM session_participant sp JOIN agenda_item i ON i.session_id = sp.session_id
                 WHERE i.id = NEW.item_id AND sp.member_id = NEW.member_id)
BEGIN SELECT RAISE(ABORT, 'quien vota no integra el órgano de la sesión'); END;
