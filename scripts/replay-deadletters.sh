#!/usr/bin/env bash
# Replays a dead-letter topic of the Redis pub/sub (components/pubsub.yaml): every message in it is published
# again, unchanged, to the topic its CloudEvent names, and removed from the dead-letter topic.
#
#   scripts/replay-deadletters.sh <dead-letter-topic> [redis host:port]     e.g. orderstatus-deadletter
#   scripts/replay-deadletters.sh --list <dead-letter-topic> [redis host:port]
#
# Every subscriber of the original topic receives a replayed message again, not only the one that gave up on it;
# the handlers apply each effect once, so for the others it changes nothing. Replay once the cause is mended
# (the store or service is back): a message that fails again returns to the dead-letter topic.
set -euo pipefail

list=false
if [[ "${1:-}" == "--list" ]]; then
  list=true
  shift
fi
if [[ $# -lt 1 || "$1" == -* ]]; then
  sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi
dead_letter_topic=$1
address=${2:-localhost:6379}
host=${address%:*}
port=${address##*:}

redis() { redis-cli -h "$host" -p "$port" "$@"; }

# Each entry as a line: id, the topic its CloudEvent names, then data and metadata in base64 (or, with --list,
# the data as text).
entries() {
  python3 - "$list" "$dead_letter_topic" "$(redis --json XRANGE "$dead_letter_topic" - +)" <<'PY'
import base64, json, sys
listing, dead_letter_topic, entries = sys.argv[1] == "true", sys.argv[2], json.loads(sys.argv[3] or "[]")
for entry_id, fields in entries:
    values = dict(zip(fields[0::2], fields[1::2]))
    data = values.get("data", "")
    try:
        topic = json.loads(data).get("topic", "")
    except (ValueError, AttributeError):
        topic = ""
    if listing:
        print(f"{entry_id}\t{topic or '(not a CloudEvent: not replayable)'}\t{data}")
        continue
    if not topic:
        print(f"{entry_id}: not a CloudEvent naming its topic; left in {dead_letter_topic}", file=sys.stderr)
        continue
    encode = lambda text: base64.b64encode(text.encode()).decode()
    print("\t".join([entry_id, topic, encode(data), encode(values["metadata"]) if "metadata" in values else ""]))
PY
}

if $list; then
  entries
  exit 0
fi
entries | while IFS=$'\t' read -r id topic data metadata; do
  if [[ -n "$metadata" ]]; then
    redis XADD "$topic" '*' data "$(base64 -d <<<"$data")" metadata "$(base64 -d <<<"$metadata")" >/dev/null
  else
    redis XADD "$topic" '*' data "$(base64 -d <<<"$data")" >/dev/null
  fi
  redis XDEL "$dead_letter_topic" "$id" >/dev/null
  echo "$id -> $topic"
done
