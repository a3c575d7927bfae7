-- Every legal reference a document prints comes from the country's rule set
-- (docs/adr/0015-chile.md, "Legal references in documents"). An empty value prints no
-- reference: where Chile has no counterpart of a Peruvian sentence, nothing is cited rather
-- than a wrong law. Marks in the notes: [V] read in the legal text, [S] secondary source,
-- [U] unverified.
--
-- And whether the alcalde counts among the members the quorum is a fraction of
-- (docs/adr/0015-chile.md, "Quorum base").

INSERT INTO rule (country, key, value, label, note) VALUES
 ('PE', 'law.signature_legend', 'Documento electrónico firmado digitalmente en el marco de la Ley N° 27269, Ley de Firmas y Certificados Digitales, su Reglamento y modificatorias.', 'Leyenda del sello visible de la firma digital (vacío = sin leyenda)', '[V] Ley 27269, Ley de Firmas y Certificados Digitales; leyenda de FIRMA PERÚ'),
 ('PE', 'law.citation_documents', 'art. 14 de la Ley N° 27972', 'Norma citada en la citación: documentos a disposición desde la convocatoria (vacío = sin cita)', '[V] Ley 27972 art. 14'),
 ('PE', 'law.extraordinary_lead', 'art. 13 de la Ley N° 27972', 'Norma citada al advertir el plazo de convocatoria a sesión extraordinaria (vacío = sin cita)', '[V] Ley 27972 art. 13'),
 ('PE', 'law.extraordinary_agenda', 'art. 13 de la Ley N° 27972', 'Norma citada: la sesión extraordinaria trata solo los asuntos de la convocatoria (vacío = sin cita)', '[V] Ley 27972 art. 13'),
 ('PE', 'law.postponement', 'art. 15 de la Ley N° 27972', 'Norma citada al aplazar una sesión (vacío = sin cita)', '[V] Ley 27972 art. 15'),
 ('PE', 'quorum.alcalde_counts', 'yes', 'El alcalde cuenta en la base del quórum y entre los presentes (yes / no)', '[V] Ley 27972 arts. 5 y 16: el concejo lo integran el alcalde y los regidores; el quórum es más de la mitad de sus miembros hábiles'),
 ('CL', 'law.signature_legend', 'Documento firmado electrónicamente conforme a la Ley N° 19.799 sobre documentos electrónicos, firma electrónica y servicios de certificación de dicha firma.', 'Leyenda del sello visible de la firma electrónica (vacío = sin leyenda)', '[V] Ley 19.799 arts. 1 y 3: los actos suscritos por firma electrónica valen como los suscritos en soporte de papel'),
 ('CL', 'law.citation_documents', '', 'Norma citada en la citación: documentos a disposición desde la convocatoria (vacío = sin cita)', '[U] la Ley 18.695 no fija esta regla; la fija el reglamento interno del concejo (art. 92)'),
 ('CL', 'law.extraordinary_lead', '', 'Norma citada al advertir el plazo de convocatoria a sesión extraordinaria (vacío = sin cita)', '[U] la Ley 18.695 no fija un plazo; lo fija el reglamento interno del concejo (art. 92)'),
 ('CL', 'law.extraordinary_agenda', 'art. 84 de la Ley N° 18.695', 'Norma citada: la sesión extraordinaria trata solo los asuntos de la convocatoria (vacío = sin cita)', '[S] Ley 18.695 art. 84: en las sesiones extraordinarias solo se tratan las materias incluidas en la convocatoria'),
 ('CL', 'law.postponement', '', 'Norma citada al aplazar una sesión (vacío = sin cita)', '[U] la Ley 18.695 no regula el aplazamiento'),
 ('CL', 'quorum.alcalde_counts', 'no', 'El alcalde cuenta en la base del quórum y entre los presentes (yes / no)', '[U] Ley 18.695: el concejo lo integran los concejales (art. 72) y lo preside el alcalde con derecho a voto (arts. 84 y 86); el quórum para sesionar lo fija el reglamento interno (art. 92): «un tercio de los concejales en ejercicio» no cuenta al alcalde; cámbielo a «yes» si su reglamento lo cuenta');

UPDATE rule SET note = '[U] Ley 18.695 art. 92: el quórum lo fija el reglamento interno del concejo; «legal» = los concejales en ejercicio (con o sin el alcalde según quorum.alcalde_counts)'
 WHERE country = 'CL' AND key = 'quorum.base';
