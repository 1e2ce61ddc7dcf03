#!/usr/bin/env bash
# Builds the desktop installers from target/pitwall.jar with the JDK 25's jpackage:
#   target/installer/pitwall/          the app image (bin/pitwall runs every command)
#   target/installer/pitwall_*.deb     a Debian package (GTK dependency, menu entry, icon)
# Run through Maven: mvn -B -Pinstaller package (or directly after mvn package). Set PITWALL_NO_DEB=1 to skip the .deb.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"

jpackage_bin=""
for candidate in "${PITWALL_JAVA:+$(dirname "$PITWALL_JAVA")/jpackage}" "${JAVA_HOME:+$JAVA_HOME/bin/jpackage}" /usr/lib/jvm/*/bin/jpackage /opt/*/bin/jpackage; do
  [ -n "$candidate" ] && [ -x "$candidate" ] || continue
  java_bin="$(dirname "$candidate")/java"
  version=$("$java_bin" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
  if [ "${version%%.*}" -ge 25 ] 2>/dev/null; then jpackage_bin="$candidate"; break; fi
done
[ -n "$jpackage_bin" ] || { echo "jpackage/build.sh: needs a JDK 25 with jpackage" >&2; exit 2; }
[ -f target/pitwall.jar ] || { echo "jpackage/build.sh: target/pitwall.jar is missing: run mvn package first" >&2; exit 2; }

version=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -1)
app_version=${version%%-*}
rm -rf target/jpackage-input target/installer
mkdir -p target/jpackage-input target/installer
cp target/pitwall.jar target/jpackage-input/

common=(--name pitwall --app-version "$app_version" --vendor "Pitwall"
  --description "Operations console for job queues and pipelines stored in PostgreSQL"
  --input target/jpackage-input --main-jar pitwall.jar --main-class io.pitwall.Main
  --icon assets/pitwall-icon.png
  --add-modules java.sql,java.naming,java.management,java.desktop,java.net.http,jdk.httpserver,jdk.unsupported,jdk.crypto.ec,jdk.zipfs,jdk.security.auth,jdk.net
  --java-options --enable-native-access=ALL-UNNAMED)
# The same JVM options as ./pitwall (jpackage has no way to set MALLOC_ARENA_MAX for its launcher).
while IFS= read -r option; do
  common+=(--java-options "$option")
done < <(grep -v '^#' jpackage/jvm-options)

"$jpackage_bin" --type app-image --dest target/installer "${common[@]}"
echo "jpackage/build.sh: app image target/installer/pitwall ($(du -sh target/installer/pitwall | cut -f1))"

if [ -z "${PITWALL_NO_DEB:-}" ]; then
  "$jpackage_bin" --type deb --dest target/installer "${common[@]}" \
    --linux-package-deps libgtk-3-0 --linux-shortcut --linux-menu-group "Development;Database" \
    --linux-app-category devel --linux-deb-maintainer "pitwall@localhost"
  echo "jpackage/build.sh: $(ls target/installer/*.deb) ($(du -h target/installer/*.deb | cut -f1))"
fi
