#!/usr/bin/env bash
# Makes sure the services the tests talk to are up on loopback:
# PostgreSQL on 127.0.0.1:5432 and Mosquitto on 127.0.0.1:1883.
# Installs them from Debian packages when missing, starts them only when their port is closed.
set -euo pipefail

port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

wait_port() {
  local port=$1 name=$2
  for _ in $(seq 1 60); do
    port_open "$port" && return 0
    sleep 0.5
  done
  echo "ensure-services: $name did not open 127.0.0.1:$port within 30 s" >&2
  return 1
}

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

apt_install() {
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >/dev/null
}

ensure_postgres() {
  if port_open 5432; then return 0; fi
  command -v pg_ctlcluster >/dev/null || apt_install postgresql
  if [ -z "$(ls /etc/postgresql 2>/dev/null)" ]; then
    as_root pg_createcluster 15 main
  fi
  echo "ensure-services: starting PostgreSQL"
  as_root pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start
  wait_port 5432 PostgreSQL
}

ensure_mosquitto() {
  if port_open 1883; then return 0; fi
  command -v mosquitto >/dev/null || apt_install mosquitto mosquitto-clients
  echo "ensure-services: starting Mosquitto"
  if [ -f /etc/mosquitto/mosquitto.conf ] && as_root mosquitto -d -c /etc/mosquitto/mosquitto.conf 2>/dev/null && wait_port 1883 Mosquitto; then
    return 0
  fi
  local dir
  dir=$(mktemp -d /tmp/danube-mosquitto.XXXXXX)
  chmod 777 "$dir"
  cat >"$dir/mosquitto.conf" <<CONF
listener 1883 127.0.0.1
allow_anonymous true
persistence false
pid_file $dir/mosquitto.pid
log_dest file $dir/mosquitto.log
CONF
  as_root mosquitto -d -c "$dir/mosquitto.conf"
  wait_port 1883 Mosquitto
}

ensure_postgres
ensure_mosquitto
echo "ensure-services: PostgreSQL 127.0.0.1:5432 and Mosquitto 127.0.0.1:1883 are up"
