#!/usr/bin/env bash
# Builds Heraldo's base image without a Docker daemon or a container registry: a Java 17 runtime made with jlink from
# the local JDK, laid on the few Debian libraries it links (libc, libstdc++, libgcc, zlib), a non-root user (185) and
# /tmp. The result is a `docker save`-format tarball that Jib reads as `tar://...` (see the `image` profile of pom.xml).
#
#   image/build-base.sh [output.tar]      default: target/image-base/heraldo-base.tar
#
# Needs: a Debian/Ubuntu machine (apt-get download, dpkg-deb), a JDK 17 with jmods (openjdk-17-jdk-headless),
# sha256sum, tar. Where a registry is reachable, skip this and build on eclipse-temurin:17-jre instead (README).
set -euo pipefail
cd "$(dirname "$0")/.."

OUT="${1:-target/image-base/heraldo-base.tar}"
JAVA_HOME="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"
JLINK="$JAVA_HOME/bin/jlink"
[ -x "$JLINK" ] || { echo "build-base: no jlink in $JAVA_HOME (install openjdk-17-jdk-headless or set JAVA_HOME)" >&2; exit 1; }
[ -d "$JAVA_HOME/jmods" ] || { echo "build-base: $JAVA_HOME has no jmods: jlink needs them" >&2; exit 1; }
"$JAVA_HOME/bin/java" -version 2>&1 | grep -q 'version "17' || { echo "build-base: $JAVA_HOME is not Java 17" >&2; exit 1; }

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
ROOT="$WORK/rootfs"
mkdir -p "$ROOT"

# 1. The Java runtime. java.se keeps every standard module (java.desktop's classes are there for libraries that touch
#    java.beans; its AWT native code is never loaded headless, so its X11 libraries are left out). jdk.localedata:
#    Spanish dates and numbers; jdk.crypto.*: TLS to SMTP, IMAP, X and webhook receivers; jdk.management/jfr: JMX and
#    flight recordings for operators.
"$JLINK" --add-modules java.se,jdk.unsupported,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.localedata,jdk.charsets,jdk.zipfs,jdk.naming.dns,jdk.management,jdk.management.agent,jdk.jfr,jdk.net,jdk.security.auth,jdk.security.jgss \
  --strip-debug --no-man-pages --no-header-files --compress=2 --output "$ROOT/opt/java"
# The trusted CAs: the JDK's cacerts may be a link into /etc of this machine; keep the file itself.
cp -L "$JAVA_HOME/lib/security/cacerts" "$ROOT/opt/java/lib/security/cacerts"

# 2. The shared libraries the runtime links, from Debian's own packages (same release as this machine).
DEBS="$WORK/debs"
mkdir -p "$DEBS"
PACKAGES="libc6 libgcc-s1 libstdc++6 zlib1g"
if ! (cd "$DEBS" && apt-get download $PACKAGES >/dev/null 2>&1); then
  apt-get update -qq
  (cd "$DEBS" && apt-get download $PACKAGES)
fi
for deb in "$DEBS"/*.deb; do
  dpkg-deb -x "$deb" "$ROOT"
done
# Documentation out, licences kept.
find "$ROOT/usr/share/doc" -type f ! -name copyright -delete
rm -rf "$ROOT/usr/share/lintian" "$ROOT/usr/share/man" "$ROOT/usr/share/locale" "$ROOT/usr/share/info"
rm -rf "$ROOT/usr/lib/x86_64-linux-gnu/gconv" "$ROOT/usr/libexec" "$ROOT/sbin" "$ROOT/usr/sbin" "$ROOT/usr/bin" "$ROOT/etc/ld.so.conf.d"

# Every library the runtime asks for must be there: fail now, not at the first `docker run`.
missing=""
for lib in libc.so.6 libm.so.6 libdl.so.2 libpthread.so.0 librt.so.1 libstdc++.so.6 libgcc_s.so.1 libz.so.1; do
  find "$ROOT" -name "$lib" | grep -q . || missing="$missing $lib"
done
[ -z "$missing" ] || { echo "build-base: missing libraries:$missing" >&2; exit 1; }

# 3. The user (185, as in the usual Java images), its home, a world-writable /tmp, name resolution.
mkdir -p "$ROOT/etc" "$ROOT/tmp" "$ROOT/deployments" "$ROOT/usr/bin"
chmod 1777 "$ROOT/tmp"
cat > "$ROOT/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/sbin/nologin
heraldo:x:185:185:Heraldo:/deployments:/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin
PASSWD
cat > "$ROOT/etc/group" <<'GROUP'
root:x:0:
heraldo:x:185:
nogroup:x:65534:
GROUP
cat > "$ROOT/etc/nsswitch.conf" <<'NSS'
passwd: files
group: files
hosts: files dns
NSS
ln -s /opt/java/bin/java "$ROOT/usr/bin/java"
printf 'ID=heraldo-base\nNAME="Heraldo base (Debian libraries, jlink Java 17)"\n' > "$ROOT/etc/os-release"

# 4. One layer, reproducible: sorted, root-owned, fixed times. /deployments belongs to the user (Jib's files are
#    root-owned and read-only, which is what a read-only root file system wants anyway).
IMG="$WORK/img"
mkdir -p "$IMG"
tar --sort=name --mtime='@0' --owner=0 --group=0 --numeric-owner --format=posix --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime \
  -C "$ROOT" -cf "$WORK/layer.tar" --exclude=./deployments .
tar --mtime='@0' --owner=185 --group=185 --numeric-owner --format=posix --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime \
  -C "$ROOT" -rf "$WORK/layer.tar" ./deployments
LAYER_SHA="$(sha256sum "$WORK/layer.tar" | cut -d' ' -f1)"
mv "$WORK/layer.tar" "$IMG/$LAYER_SHA.tar"
JAVA_VERSION="$("$ROOT/opt/java/bin/java" -version 2>&1 | head -1 | sed 's/.*version "\(.*\)".*/\1/')"
cat > "$IMG/config.json" <<JSON
{"architecture":"amd64","os":"linux","created":"1970-01-01T00:00:00Z",
 "config":{"User":"185","WorkingDir":"/deployments",
  "Env":["PATH=/opt/java/bin:/usr/bin:/bin","JAVA_HOME=/opt/java","JAVA_VERSION=$JAVA_VERSION","LANG=C.UTF-8"],
  "Labels":{"org.opencontainers.image.title":"heraldo-base","org.opencontainers.image.description":"jlink Java $JAVA_VERSION on Debian libc, user 185"}},
 "rootfs":{"type":"layers","diff_ids":["sha256:$LAYER_SHA"]},
 "history":[{"created":"1970-01-01T00:00:00Z","created_by":"image/build-base.sh"}]}
JSON
CONFIG_SHA="$(sha256sum "$IMG/config.json" | cut -d' ' -f1)"
mv "$IMG/config.json" "$IMG/$CONFIG_SHA.json"
printf '[{"Config":"%s.json","RepoTags":["heraldo-base:17"],"Layers":["%s.tar"]}]\n' "$CONFIG_SHA" "$LAYER_SHA" > "$IMG/manifest.json"

mkdir -p "$(dirname "$OUT")"
# Plain names, no "./" entry: Jib refuses archive paths that could leave its destination.
tar --mtime='@0' --owner=0 --group=0 --numeric-owner -C "$IMG" -cf "$OUT" manifest.json "$CONFIG_SHA.json" "$LAYER_SHA.tar"
echo "build-base: $OUT ($(du -h "$OUT" | cut -f1), Java $JAVA_VERSION, user 185)"
