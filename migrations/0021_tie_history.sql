-- The tied votes of a matter (Ley 18.695 art. 86: the vote is repeated and, if the tie
-- persists, the matter goes to a new session within three days where the alcalde decides).
-- `vote` keeps only an item's latest ballots, so each tied round is kept here with its
-- ballots: the matter carries its history to the new session and both actas can tell it.
CREATE TABLE tied_ballot (
    item_id   INTEGER NOT NULL REFERENCES agenda_item (id),
    round     INTEGER NOT NULL CHECK (round >= 1),
    member_id INTEGER NOT NULL REFERENCES council_member (id),
    ballot    TEXT NOT NULL CHECK (ballot IN ('a_favor', 'en_contra', 'abstencion', 'no_vota')),
    PRIMARY KEY (item_id, round, member_id)
) STRICT;
