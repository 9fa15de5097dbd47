#!/usr/bin/env bash
# Runs every test of TalentNet and ends with the line "N passed, N failed, N skipped" read from
# the TRX results. Installs what is missing (Debian's rabbitmq-server for the broker tests).
set -uo pipefail
cd "$(dirname "$0")"
root=$PWD
results="$root/TestResults"

need_apt=()
if [ -z "${RABBITMQ_URL:-}" ] && ! docker info >/dev/null 2>&1 && [ ! -x /usr/lib/rabbitmq/bin/rabbitmq-server ]; then
  need_apt+=(rabbitmq-server)
fi
command -v docker-compose >/dev/null 2>&1 || need_apt+=(docker-compose)
command -v npm >/dev/null 2>&1 || need_apt+=(nodejs npm)
command -v curl >/dev/null 2>&1 || need_apt+=(curl)
# The browser tests drive Debian's Chromium (Playwright's own browser download cannot work here).
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "Installing ${need_apt[*]} ..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq "${need_apt[@]}" >/dev/null || { echo "apt-get install failed"; exit 1; }
fi
if ! command -v dotnet >/dev/null 2>&1; then
  echo "The .NET 10 SDK is required (dotnet was not found on PATH)."
  exit 1
fi
if ! command -v kubectl >/dev/null 2>&1; then
  echo "kubectl not found: the Kubernetes manifest checks will be skipped. Install kubectl 1.27+ (kustomize v5 built in) from the Kubernetes apt repository to run them."
fi

cleanup() {
  # Safety net: no broker started by a test survives the run.
  local tmp=${TMPDIR:-/tmp}
  pgrep -f "beam.smp.* -home ${tmp%/}/talentnet-tests/" | xargs -r kill -9 2>/dev/null || true
  rm -rf "${tmp%/}/talentnet-tests/db"
}
trap cleanup EXIT

# Outside validators (Prism, Redocly, AsyncAPI CLI) from the lock file, and NSwag from the tool manifest.
if [ ! -f tools/node_modules/.package-lock.json ] || [ tools/package-lock.json -nt tools/node_modules/.package-lock.json ]; then
  echo "Installing the npm tools ..."
  npm ci --prefix tools --no-audit --no-fund --loglevel=error >/dev/null || { echo "npm ci failed"; exit 1; }
fi
tools/node_modules/.bin/asyncapi config analytics --disable >/dev/null 2>&1 || true
dotnet tool restore >/dev/null || { echo "dotnet tool restore failed"; exit 1; }

echo "Building ..."
dotnet build TalentNet.sln -c Release -nologo -clp:ErrorsOnly || { echo "0 passed, 1 failed, 0 skipped"; exit 1; }

rm -rf "$results"
echo "Testing ..."
# Test projects run one after another (-m:1): the broker tests measure delivery and must not
# compete with another suite for the two cores.
dotnet test TalentNet.sln -c Release --no-build -nologo -m:1 \
  --logger "trx" --logger "console;verbosity=normal" --results-directory "$results" \
  -- RunConfiguration.TestSessionTimeout=1500000
status=$?

passed=0; failed=0; skipped=0
shopt -s nullglob
for trx in "$results"/*.trx; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  value() { echo "$counters" | sed -nE "s/.* $1=\"([0-9]+)\".*/\1/p"; }
  passed=$((passed + $(value passed)))
  failed=$((failed + $(value failed) + $(value error) + $(value timeout) + $(value aborted)))
  skipped=$((skipped + $(value total) - $(value executed)))
done

# Name each failure and the first lines of its message last, where a CI log's tail shows them.
for trx in "$results"/*.trx; do
  perl -0777 -ne 'while (/<UnitTestResult\b([^>]*outcome="(?:Failed|Error|Timeout|Aborted)"[^>]*)>(.*?)<\/UnitTestResult>/gs) {
      my ($attributes, $body) = ($1, $2); my ($name) = $attributes =~ /testName="([^"]*)"/;
      my ($message) = $body =~ /<Message>(.*?)<\/Message>/s; $message //= "";
      for ($name, $message) { s/&lt;/</g; s/&gt;/>/g; s/&quot;/"/g; s/&apos;/\x27/g; s/&amp;/&/g; }
      my @lines = grep { /\S/ } split /\n/, $message;
      print "FAILED $name\n", map({ "    $_\n" } @lines[0 .. ($#lines < 5 ? $#lines : 5)]); }' "$trx"
done

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1  # the runner itself failed (crash, timeout): count it rather than hide it
fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
