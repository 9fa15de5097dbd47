#!/usr/bin/env bash
# A private, throwaway RabbitMQ node on loopback, owned by one directory.
#   rabbitmq-node.sh start DIR AMQP_PORT MGMT_PORT [OWNER_PID]
#                                                    -> starts (or reuses) the node, waits until ready;
#                                                       with OWNER_PID the node dies with that process
#   rabbitmq-node.sh stop DIR                        -> stops the node and its port mapper
#   rabbitmq-node.sh kill DIR                        -> SIGKILL (a "broker crash"); start again reuses the data
# Ports: distribution = AMQP+20000, Erlang port mapper = AMQP-1200 (both on 127.0.0.1 only).
# TLS: when DIR/tls holds ca.pem, server.pem and server.key, AMQPS listens on AMQP+2 too.
set -euo pipefail

cmd=${1:?usage: rabbitmq-node.sh start|stop|kill DIR [AMQP_PORT MGMT_PORT]}
dir=$(mkdir -p "${2:?directory}" && cd "$2" && pwd)

ensure_installed() {
  if [ ! -x /usr/lib/rabbitmq/bin/rabbitmq-server ]; then
    echo "Installing Debian's rabbitmq-server..." >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq rabbitmq-server >&2
  fi
}

node_env() {
  local amqp=$1 mgmt=$2
  export HOME="$dir/home"
  export RABBITMQ_NODENAME="talentnet-$amqp@localhost"
  export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
  export RABBITMQ_NODE_PORT=$amqp
  export RABBITMQ_DIST_PORT=$((amqp + 20000))
  export ERL_EPMD_ADDRESS=127.0.0.1
  export ERL_EPMD_PORT=$((amqp - 1200))
  export RABBITMQ_MNESIA_BASE="$dir/mnesia"
  export RABBITMQ_LOG_BASE="$dir/log"
  export RABBITMQ_CONFIG_FILE="$dir/rabbitmq.conf"
  export RABBITMQ_ENABLED_PLUGINS_FILE="$dir/enabled_plugins"
  export RABBITMQ_PID_FILE="$dir/rabbitmq.pid"
  export RABBITMQ_PLUGINS_EXPAND_DIR="$dir/plugins-expand"
  export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
  mkdir -p "$HOME" "$RABBITMQ_MNESIA_BASE" "$RABBITMQ_LOG_BASE"
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

start() {
  local amqp=${1:?amqp port} mgmt=${2:?management port} owner=${3:-}
  ensure_installed
  node_env "$amqp" "$mgmt"
  echo "$amqp $mgmt" > "$dir/ports"
  if port_open "$amqp"; then
    echo "RabbitMQ already listening on 127.0.0.1:$amqp" >&2
    return 0
  fi
  cat > "$RABBITMQ_CONFIG_FILE" <<CONF
listeners.tcp.default = 127.0.0.1:$amqp
management.tcp.ip = 127.0.0.1
management.tcp.port = $mgmt
loopback_users = none
collect_statistics_interval = 500
CONF
  local tls_port=""
  if [ -f "$dir/tls/server.pem" ]; then
    tls_port=$((amqp + 2))
    cat >> "$RABBITMQ_CONFIG_FILE" <<CONF
listeners.ssl.default = 127.0.0.1:$tls_port
ssl_options.cacertfile = $dir/tls/ca.pem
ssl_options.certfile = $dir/tls/server.pem
ssl_options.keyfile = $dir/tls/server.key
ssl_options.verify = verify_none
ssl_options.fail_if_no_peer_cert = false
CONF
  fi
  echo "[rabbitmq_management]." > "$RABBITMQ_ENABLED_PLUGINS_FILE"
  nohup /usr/lib/rabbitmq/bin/rabbitmq-server > "$dir/log/console.log" 2>&1 &
  echo $! > "$dir/launcher.pid"
  if [ -n "$owner" ]; then
    # A watchdog, so that a test run killed before its clean-up leaves no broker behind.
    nohup bash -c 'while kill -0 "$1" 2>/dev/null; do sleep 1; done; "$2" kill "$3"; "$2" stop "$3"; rm -rf "$3"' \
      _ "$owner" "$(cd "$(dirname "$0")" && pwd)/$(basename "$0")" "$dir" >/dev/null 2>&1 &
  fi
  for _ in $(seq 1 120); do
    if port_open "$amqp" && port_open "$mgmt" && { [ -z "$tls_port" ] || port_open "$tls_port"; }; then
      echo "RabbitMQ ready on amqp://127.0.0.1:$amqp (management http://127.0.0.1:$mgmt)" >&2
      return 0
    fi
    sleep 0.5
  done
  echo "RabbitMQ did not become ready; see $dir/log" >&2
  tail -n 30 "$dir/log/console.log" >&2 || true
  return 1
}

beam_pid() {
  # The Erlang VM is the beam process started with this directory's HOME.
  pgrep -f -- "beam.smp.* -home $dir/home " | head -n 1 || true
}

stop() {
  [ -f "$dir/ports" ] || return 0
  read -r amqp mgmt < "$dir/ports"
  node_env "$amqp" "$mgmt"
  local pid
  pid=$(beam_pid)
  if [ -n "$pid" ]; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -KILL "$pid" 2>/dev/null || true
  fi
  epmd -kill >/dev/null 2>&1 || true
}

crash() {
  [ -f "$dir/ports" ] || return 0
  read -r amqp mgmt < "$dir/ports"
  node_env "$amqp" "$mgmt"
  local pid
  pid=$(beam_pid)
  [ -n "$pid" ] && kill -KILL "$pid" 2>/dev/null || true
  for _ in $(seq 1 40); do port_open "$amqp" || break; sleep 0.1; done
}

case "$cmd" in
  start) start "${3:-}" "${4:-}" "${5:-}" ;;
  stop) stop ;;
  kill) crash ;;
  *) echo "unknown command: $cmd" >&2; exit 2 ;;
esac
