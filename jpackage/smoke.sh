#!/usr/bin/env bash
# Runs the built app image as an operator would: --version, then detect on a real database (the image's own
# embedded demo database, started headless). Exits non-zero when any step fails.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin="$here/target/installer/pitwall/bin/pitwall"
[ -x "$bin" ] || { echo "smoke: $bin is missing: run jpackage/build.sh first" >&2; exit 2; }

"$bin" --version | tee /dev/stderr | grep -q '^Pitwall '

log=$(mktemp)
"$bin" demo-db --no-workers >"$log" 2>"$log.err" &
db_pid=$!
trap 'kill "$db_pid" 2>/dev/null || true; wait "$db_pid" 2>/dev/null || true; rm -f "$log" "$log.err"' EXIT
for _ in $(seq 1 120); do
  url=$(head -1 "$log")
  [ -n "$url" ] && break
  kill -0 "$db_pid" 2>/dev/null || { cat "$log.err" >&2; exit 1; }
  sleep 0.5
done
[ -n "${url:-}" ] || { echo "smoke: demo-db printed no URL" >&2; cat "$log.err" >&2; exit 1; }
"$bin" detect --url "$url" --json > "$log.detect"
count=$(grep -c '"profile"' "$log.detect" || true)
echo "smoke: the app image's detect found $count profiles on $url"
[ "$count" -ge 7 ] || { cat "$log.detect" >&2; exit 1; }
rm -f "$log.detect"
