#!/usr/bin/env bash
# Checks a built image tarball without a container runtime: runs as uid 185, embedded Kafka and PostgreSQL off and
# not shipped, JVM options for containers, the Quarkus fast-jar in /deployments. Prints the image's config.
#   image/inspect.sh [target/heraldo-image.tar]
set -euo pipefail
cd "$(dirname "$0")/.."
IMAGE="${1:-target/heraldo-image.tar}"
[ -f "$IMAGE" ] || { echo "inspect: no $IMAGE (build it: README, \"Container image\")" >&2; exit 1; }

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
tar -xf "$IMAGE" -C "$WORK"
CONFIG="$(grep -o '"Config":"[^"]*"' "$WORK/manifest.json" | cut -d'"' -f4)"
LAYERS="$(grep -o '"Layers":\[[^]]*\]' "$WORK/manifest.json" | grep -o '"[^"]*\.tar[^"]*"' | tr -d '"')"
CONFIG_JSON="$(cat "$WORK/$CONFIG")"
FILES="$WORK/files"
for layer in $LAYERS; do
  tar -tzf "$WORK/$layer" 2>/dev/null || tar -tf "$WORK/$layer" 2>/dev/null
done > "$FILES"

failures=0
check() { # description, command...
  local what="$1"; shift
  if "$@"; then echo "ok   $what"; else echo "FAIL $what"; failures=$((failures + 1)); fi
}
has() { grep -q -- "$1" <<<"$CONFIG_JSON"; }
check "runs as uid 185" has '"User":"185"'
check "HERALDO_EMBEDDED_KAFKA=false" has 'HERALDO_EMBEDDED_KAFKA=false'
check "HERALDO_EMBEDDED_POSTGRES=false" has 'HERALDO_EMBEDDED_POSTGRES=false'
check "exposes 8080 (page, APIs) and 9000 (management: health, metrics, OpenAPI)" \
  bash -c 'grep -q "\"8080/tcp\"" <<<"$1" && grep -q "\"9000/tcp\"" <<<"$1"' _ "$CONFIG_JSON"
check "management interface on every address (QUARKUS_MANAGEMENT_HOST=0.0.0.0)" has 'QUARKUS_MANAGEMENT_HOST=0.0.0.0'
check "heap sized by the container (-XX:MaxRAMPercentage)" has '-XX:MaxRAMPercentage='
check "stops on OutOfMemoryError" has '-XX:+ExitOnOutOfMemoryError'
check "starts the fast-jar" has '/deployments/quarkus-run.jar'
check "ships /deployments/quarkus-run.jar" grep -qx 'deployments/quarkus-run.jar' "$FILES"
check "ships a java runtime" grep -q 'bin/java$' "$FILES"
check "no embedded Kafka broker (kafka_2.13, kafka-server, scala)" \
  bash -c '! grep -E "lib/main/.*(kafka_2\.13|kafka-server-|kafka-metadata|kafka-raft|scala-library)" "$1"' _ "$FILES"
check "no embedded PostgreSQL (zonky)" bash -c '! grep -E "lib/main/.*(zonky|embedded-postgres)" "$1"' _ "$FILES"

echo "config: $(grep -o '"config":{.*}' <<<"$CONFIG_JSON" | head -c 1200)"
echo "layers: $(wc -w <<<"$LAYERS"), files: $(wc -l < "$FILES"), size: $(du -h "$IMAGE" | cut -f1)"
[ "$failures" -eq 0 ] || { echo "inspect: $failures check(s) failed" >&2; exit 1; }
