#!/bin/sh
# Backup and restore figures for a large store (kept out of `make test`):
#   sh benches/backup_big.sh [MB] [BIN]
# The demo municipality plus MB megabytes (default 500) of random-content attachments (5 MB
# each, incompressible like PDFs and photos) on one agenda item, then `cabildo backup` and
# `cabildo restore` on a fresh folder, timed, with the archive's size.
set -eu
MB=${1:-500}
BIN=${2:-target/release/cabildo}
W=$(mktemp -d)
export CABILDO_DB="$W/src/c.db"
unset CABILDO_TODAY
"$BIN" demo >/dev/null
S=$("$BIN" call session.create "{\"kind\":\"ordinaria\",\"date\":\"$(date -d '+10 days' +%F)\",\"time\":\"10:00\",\"place\":\"Salón\"}" | grep -o '"id": [0-9]*' | head -1 | grep -o '[0-9]*')
I=$("$BIN" call agenda.add "{\"session_id\":$S,\"item\":{\"stage\":\"orden_del_dia\",\"title\":\"Anexos\",\"item_kind\":\"dictamen\",\"filed_by\":\"SG\",\"filed_on\":\"$(date +%F)\"}}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["agenda"][0]["id"])')
n=0
while [ $((n * 5)) -lt "$MB" ]; do
  head -c 5242880 /dev/urandom > "$W/anexo-$n.bin"
  echo "{\"method\":\"agenda.attach\",\"params\":{\"item_id\":$I,\"path\":\"$W/anexo-$n.bin\"}}"
  n=$((n + 1))
done | "$BIN" call --batch > /dev/null
rm -f "$W"/anexo-*.bin
du -sh "$W/src"
t0=$(date +%s.%N); "$BIN" backup -o "$W/copia.zip" >/dev/null; t1=$(date +%s.%N)
CABILDO_DB="$W/dst/c.db" "$BIN" restore "$W/copia.zip" > "$W/restore.json"; t2=$(date +%s.%N)
grep -q '"ok": true' "$W/restore.json"
echo "archivo: $(stat -c %s "$W/copia.zip") bytes"
echo "copia: $(echo "$t1 - $t0" | bc) s; restauración (con cabildo check): $(echo "$t2 - $t1" | bc) s"
rm -rf "$W"
