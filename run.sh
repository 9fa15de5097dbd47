#!/usr/bin/env bash
# Builds TalentNet, brings up RabbitMQ and starts the three services and the gateway on localhost.
# Broker: RABBITMQ_URL if set; else a Docker engine if one answers; else a private RabbitMQ node
# on loopback (Debian's rabbitmq-server, installed when missing). Data lives under ./data unless
# TALENTNET_DATA_DIR names another directory. Ctrl-C (or SIGTERM) stops everything it started.
set -euo pipefail
cd "$(dirname "$0")"
root=$PWD
demo=false
for argument in "$@"; do
  case "$argument" in
    --demo) demo=true ;;
    *) echo "Usage: ./run.sh [--demo]   (--demo seeds twelve months of believable activity once)" >&2; exit 2 ;;
  esac
done
if $demo; then
  # The seeder makes some 8,000 calls as one admin; the usual 600 a minute would spread them over 15 minutes.
  export Limits__PermitsPerWindow=${Limits__PermitsPerWindow:-100000}
fi
data=${TALENTNET_DATA_DIR:-$root/data}
mkdir -p "$data"
data=$(cd "$data" && pwd)
amqp_port=${RABBITMQ_PORT:-5672}
management_port=${RABBITMQ_MANAGEMENT_PORT:-15672}

pids=()
broker=""
stop_all() {
  trap - INT TERM EXIT
  echo
  echo "Stopping TalentNet ..."
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  case "$broker" in
    node) scripts/rabbitmq-node.sh stop "$data/rabbitmq" ;;
    docker) docker rm -f talentnet-rabbitmq >/dev/null 2>&1 || true ;;
  esac
}
trap stop_all INT TERM EXIT

if ! command -v dotnet >/dev/null 2>&1; then
  echo "The .NET 10 SDK is required (dotnet was not found on PATH)." >&2
  exit 1
fi
if ! command -v npm >/dev/null 2>&1; then
  # The gateway's build restores the web app's packages (services/Gateway/TalentNet.Gateway/ClientApp).
  echo "Installing Node.js and npm for the web app's build ..."
  DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
fi
echo "Building ..."
dotnet build TalentNet.sln -c Release -nologo -clp:ErrorsOnly

if [ -n "${RABBITMQ_URL:-}" ]; then
  rabbit_url=$RABBITMQ_URL
  management_url=${RABBITMQ_MANAGEMENT_URL:-"(management URL of $RABBITMQ_URL)"}
elif docker info >/dev/null 2>&1; then
  docker rm -f talentnet-rabbitmq >/dev/null 2>&1 || true
  docker run -d --name talentnet-rabbitmq -p "127.0.0.1:$amqp_port:5672" -p "127.0.0.1:$management_port:15672" \
    rabbitmq:3.13-management >/dev/null
  broker=docker
  rabbit_url="amqp://guest:guest@127.0.0.1:$amqp_port/"
  management_url="http://127.0.0.1:$management_port/"
  until (exec 3<>"/dev/tcp/127.0.0.1/$amqp_port") 2>/dev/null; do sleep 1; done
else
  scripts/rabbitmq-node.sh start "$data/rabbitmq" "$amqp_port" "$management_port" "$$"
  broker=node
  rabbit_url="amqp://guest:guest@127.0.0.1:$amqp_port/"
  management_url="http://127.0.0.1:$management_port/ (guest/guest)"
fi

# A local signing key for development tokens, made once per data directory.
if [ -z "${Auth__SigningKey:-}" ]; then
  [ -s "$data/dev-signing-key" ] || head -c 48 /dev/urandom | base64 | tr -d '/+=\n' > "$data/dev-signing-key"
  Auth__SigningKey=$(cat "$data/dev-signing-key")
fi
export Auth__SigningKey

# The key that signs the alumni page's personal links, made once per data directory (links survive a restart).
if [ -z "${Alumni__Links__SigningKey:-}" ]; then
  [ -s "$data/alumni-link-key" ] || head -c 48 /dev/urandom | base64 | tr -d '/+=\n' > "$data/alumni-link-key"
  Alumni__Links__SigningKey=$(cat "$data/alumni-link-key")
fi
export Alumni__Links__SigningKey

# The key of the suppression list's hashes (people erased at their request), made once per data directory.
if [ -z "${Privacy__SuppressionKey:-}" ]; then
  [ -s "$data/suppression-key" ] || head -c 48 /dev/urandom | base64 | tr -d '/+=\n' > "$data/suppression-key"
  Privacy__SuppressionKey=$(cat "$data/suppression-key")
fi
export Privacy__SuppressionKey

# Webhook secrets for the ATSs, made once per data directory (paste them into the ATS's webhook set-up).
for vendor in Greenhouse:SecretKey Lever:SignatureToken Ashby:SecretKey; do
  variable="Integrations__${vendor/:/__}"
  file="$data/webhook-${vendor%%:*}"
  if [ -z "${!variable:-}" ]; then
    [ -s "$file" ] || head -c 32 /dev/urandom | base64 | tr -d '/+=\n' > "$file"
    export "$variable=$(cat "$file")"
  fi
done

# Mail: without an SMTP server of one's own, a local development server with a web inbox shows what
# managers, HR and alumni receive (smtp4dev, pinned in .config/dotnet-tools.json).
mail_inbox=""
if [ -z "${Notifications__Smtp__Host:-}" ]; then
  dotnet tool restore >/dev/null
  smtp_port=${TALENTNET_SMTP_PORT:-2525}
  inbox_port=${TALENTNET_MAIL_INBOX_PORT:-5180}
  mkdir -p "$data/smtp4dev"
  dotnet smtp4dev --urls="http://127.0.0.1:$inbox_port" --bindaddress=127.0.0.1 --smtpport="$smtp_port" --imapport=0 --pop3port=0 \
    --hostname=localhost --nousersettings --baseappdatapath="$data/smtp4dev" --db="$data/smtp4dev/smtp4dev.db" > "$data/smtp4dev/smtp4dev.log" 2>&1 &
  pids+=($!)
  export Notifications__Smtp__Host=127.0.0.1 Notifications__Smtp__Port="$smtp_port" Notifications__Smtp__UseTls=false
  export Notifications__Smtp__From=${Notifications__Smtp__From:-talentnet@localhost.test}
  mail_inbox="http://127.0.0.1:$inbox_port/"
fi

declare -A ports=([gateway]=5100 [candidates]=5101 [alumni]=5102 [recommendations]=5103 [integrations]=5104)
declare -A projects=([gateway]=Gateway [candidates]=Candidates [alumni]=Alumni [recommendations]=Recommendations [integrations]=Integrations)
for service in gateway candidates alumni recommendations integrations; do
  if (exec 3<>"/dev/tcp/127.0.0.1/${ports[$service]}") 2>/dev/null; then
    echo "Port ${ports[$service]} ($service) is already in use; is TalentNet running already?" >&2
    exit 1
  fi
done
mkdir -p "$data/logs"
for service in candidates alumni recommendations integrations gateway; do
  project=${projects[$service]}
  (
    cd "services/$project/TalentNet.$project/bin/Release/net10.0"
    exec env ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}" \
      Messaging__RabbitMqUrl="$rabbit_url" Database__DataDirectory="$data" \
      Auth__SessionKeysDirectory="$data/gateway-keys" \
      dotnet "TalentNet.$project.dll" --urls "http://127.0.0.1:${ports[$service]}"
  ) > "$data/logs/$service.log" 2>&1 &
  pids+=($!)
done

for service in candidates alumni recommendations integrations gateway; do
  url="http://127.0.0.1:${ports[$service]}/health/ready"
  for _ in $(seq 1 120); do
    curl -fsS "$url" >/dev/null 2>&1 && break
    sleep 0.5
  done
  curl -fsS "$url" >/dev/null 2>&1 || { echo "$service did not become ready; see $data/logs/$service.log" >&2; exit 1; }
done

if $demo; then
  echo "Seeding the demo data through the gateway ..."
  dotnet services/Shared/TalentNet.DemoData/bin/Release/net10.0/TalentNet.DemoData.dll --gateway "http://127.0.0.1:${ports[gateway]}"
fi

echo
echo "TalentNet is running (logs in $data/logs):"
for service in candidates alumni recommendations integrations; do
  printf '  %-16s http://127.0.0.1:%s/swagger\n' "$service" "${ports[$service]}"
done
echo "  RabbitMQ         $management_url"
echo "  gateway          http://127.0.0.1:${ports[gateway]}/ (the services under /candidates, /alumni, /recommendations, /integrations; ATS webhooks at /webhooks/{greenhouse,lever,ashby})"
echo "  webhook secrets  $data/webhook-{Greenhouse,Lever,Ashby}"
[ -n "$mail_inbox" ] && echo "  mail inbox       $mail_inbox (what managers and HR receive; the development SMTP server)"
echo
echo "dashboard: http://127.0.0.1:${ports[gateway]}/dev/sign-in?role=hr&returnUrl=/"
echo
echo "Development tokens (Authorization: Bearer <jwt>):"
dotnet services/Shared/TalentNet.DevTokens/bin/Release/net10.0/TalentNet.DevTokens.dll
echo
echo "Press Ctrl-C to stop."
wait -n || true
echo "A service exited; see $data/logs. Stopping the rest." >&2
