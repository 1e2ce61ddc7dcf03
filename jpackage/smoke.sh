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

# The desktop keyring from the image's own runtime (dbus-java needs jdk.net and jdk.security.auth in it): a private
# session bus with gnome-keyring on it, as the tests start them (.ci/run installs both).
command -v dbus-daemon >/dev/null && command -v gnome-keyring-daemon >/dev/null \
  || { echo "smoke: needs dbus-daemon and gnome-keyring-daemon: apt-get install dbus-daemon gnome-keyring" >&2; exit 1; }
{
  kr=$(mktemp -d)
  mkdir -p "$kr/home" "$kr/data" "$kr/config" "$kr/services" && mkdir -m 700 "$kr/run"
  cat > "$kr/bus.conf" <<CONF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN" "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig><type>session</type><listen>unix:dir=$kr/run</listen><servicedir>$kr/services</servicedir>
<policy context="default"><allow send_destination="*" eavesdrop="true"/><allow eavesdrop="true"/><allow own="*"/></policy></busconfig>
CONF
  dbus-daemon --config-file="$kr/bus.conf" --fork --print-address=1 --print-pid=1 > "$kr/bus.out"
  bus_address=$(sed -n 1p "$kr/bus.out"); bus_pid=$(sed -n 2p "$kr/bus.out")
  printf 'smoke' | env DBUS_SESSION_BUS_ADDRESS="$bus_address" HOME="$kr/home" XDG_DATA_HOME="$kr/data" \
    XDG_CONFIG_HOME="$kr/config" XDG_RUNTIME_DIR="$kr/run" \
    gnome-keyring-daemon --foreground --unlock --components=secrets > "$kr/keyring.log" 2>&1 &
  keyring_pid=$!
  trap 'kill "$db_pid" "$keyring_pid" "$bus_pid" 2>/dev/null || true; wait "$db_pid" 2>/dev/null || true; rm -rf "$log" "$log.err" "$kr"' EXIT
  status=""
  for _ in $(seq 1 20); do
    status=$(DBUS_SESSION_BUS_ADDRESS="$bus_address" PITWALL_CONFIG_DIR="$kr/config" "$bin" password status --json 2>&1 || true)
    echo "$status" | grep -q '"available" : true' && break
    sleep 0.5
  done
  echo "$status" | grep -q '"session" : "dh-ietf1024-sha256-aes128-cbc-pkcs7"' \
    || { echo "smoke: the app image cannot use the desktop keyring: $status" >&2; exit 1; }
  echo "smoke: the app image opened an encrypted session with the desktop keyring"
}
