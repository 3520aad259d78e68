#!/usr/bin/env bash
# Makes sure the services the tests talk to are up on loopback:
# PostgreSQL on 127.0.0.1:5432, MariaDB on 127.0.0.1:3306 (root without password, database test), Mosquitto on
# 127.0.0.1:1883 and ClickHouse (HTTP) on 127.0.0.1:8123.
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

# Debian's mariadb-server, started by its init script when the port is closed; root logs in without a password over
# TCP from loopback and the database `test` exists (created once, idempotently).
ensure_mariadb() {
  if ! port_open 3306; then
    command -v mariadbd >/dev/null || apt_install mariadb-server
    echo "ensure-services: starting MariaDB"
    as_root service mariadb start >/dev/null
    wait_port 3306 MariaDB
  fi
  if ! mariadb -h 127.0.0.1 -P 3306 -u root -e 'CREATE DATABASE IF NOT EXISTS test' 2>/dev/null; then
    as_root mariadb -u root -e "CREATE DATABASE IF NOT EXISTS test;
      ALTER USER 'root'@'localhost' IDENTIFIED VIA mysql_native_password USING PASSWORD('') OR unix_socket;
      FLUSH PRIVILEGES;"
  fi
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

# Debian's clickhouse-server (18.16 on bookworm), restricted to IPv4 loopback by a config.d override, started as the
# clickhouse user without systemd (start-stop-daemon, as the package's init script does).
ensure_clickhouse() {
  if port_open 8123; then return 0; fi
  command -v clickhouse-server >/dev/null || apt_install clickhouse-server
  local override=/etc/clickhouse-server/config.d/danube-loopback.xml
  if [ ! -f "$override" ]; then
    as_root mkdir -p /etc/clickhouse-server/config.d
    as_root tee "$override" >/dev/null <<'XML'
<?xml version="1.0"?>
<!-- Written by danube-connect scripts/ensure-services.sh: listen on IPv4 loopback only. -->
<yandex>
    <listen_host replace="replace">127.0.0.1</listen_host>
</yandex>
XML
  fi
  echo "ensure-services: starting ClickHouse"
  as_root start-stop-daemon --start --quiet --chuid clickhouse:clickhouse --background \
    --exec /usr/sbin/clickhouse-server -- --config=/etc/clickhouse-server/config.xml
  wait_port 8123 ClickHouse
}

ensure_postgres
ensure_mariadb
ensure_mosquitto
ensure_clickhouse
echo "ensure-services: PostgreSQL 127.0.0.1:5432, MariaDB 127.0.0.1:3306, Mosquitto 127.0.0.1:1883 and ClickHouse 127.0.0.1:8123 are up"
