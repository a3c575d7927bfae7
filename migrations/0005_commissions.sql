-- Comisiones de regidores (concejales): the rules that are theirs. Members, sessions and
-- numbering use the tables of 0004 (body, body_member) and the numbering series.

INSERT INTO rule (country, key, value, label, note) VALUES
 ('PE', 'commission.min_members', '3', 'Mínimo de regidores que integran una comisión', '[S] Reglamento Interno del Concejo típico'),
 ('PE', 'commission.quorum_formula', 'half_plus_one', 'Quórum de una comisión sobre sus miembros hábiles (half_plus_one = ⌊n/2⌋+1, o una fracción a/b)', '[S] Reglamento Interno del Concejo típico'),
 ('PE', 'commission.tie_rule', 'casting_vote', 'Empate en comisión (casting_vote = voto dirimente del presidente de la comisión, repeat_vote = se repite la votación)', '[S] Reglamento Interno del Concejo típico'),
 ('CL', 'commission.min_members', '3', 'Mínimo de concejales que integran una comisión', '[U] lo fija el reglamento del concejo (art. 92)'),
 ('CL', 'commission.quorum_formula', 'half_plus_one', 'Quórum de una comisión sobre sus miembros hábiles (half_plus_one = ⌊n/2⌋+1, o una fracción a/b)', '[U] lo fija el reglamento del concejo'),
 ('CL', 'commission.tie_rule', 'repeat_vote', 'Empate en comisión (casting_vote = voto dirimente del presidente de la comisión, repeat_vote = se repite la votación)', '[U] lo fija el reglamento del concejo');
