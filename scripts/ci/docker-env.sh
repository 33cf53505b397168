#!/usr/bin/env bash
# Starts (or finds) the Docker engine the stack tests need, and stops only the one it started.
#
#   scripts/ci/docker-env.sh start   # idempotent: reuses any reachable engine
#   scripts/ci/docker-env.sh stop    # stops the dockerd that `start` launched, nothing else
#   scripts/ci/docker-env.sh status
#
# The engine runs WITHOUT a bridge: this machine forbids traffic to private address ranges, so
# test containers use host networking and every packet stays on 127.0.0.1.
set -euo pipefail

LOG=${PEAK_WATCH_DOCKERD_LOG:-/tmp/peak-watch-dockerd.log}
PIDFILE=${PEAK_WATCH_DOCKERD_PIDFILE:-/tmp/peak-watch-dockerd.pid}
# Written when `start` found an engine it did not launch, so `stop` knows to leave it alone.
EXTERNAL_MARK=${PIDFILE%.pid}.external
WAIT_SECONDS=${PEAK_WATCH_DOCKERD_WAIT:-30}

die() {
  echo "docker-env: $*" >&2
  exit 1
}

engine_reachable() {
  docker info >/dev/null 2>&1
}

# The pid in our pidfile, only if that process is still a dockerd (pids get reused).
our_pid() {
  [[ -f $PIDFILE ]] || return 1
  local pid
  pid=$(cat "$PIDFILE")
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  [[ -r /proc/$pid/comm ]] || return 1
  [[ $(cat "/proc/$pid/comm") == dockerd ]] || return 1
  echo "$pid"
}

start() {
  command -v docker >/dev/null || die "no docker CLI on PATH (install: apt-get install -y docker.io)"
  if our_pid >/dev/null; then
    if engine_reachable; then
      echo "docker-env: dockerd (pid $(our_pid)) already started by this script and reachable"
      return 0
    fi
  elif engine_reachable; then
    touch "$EXTERNAL_MARK"
    echo "docker-env: a Docker engine is already reachable; using it and will not stop it"
    return 0
  fi
  command -v dockerd >/dev/null || die "no dockerd on PATH (install: apt-get install -y docker.io)"
  rm -f "$EXTERNAL_MARK"

  if ! our_pid >/dev/null; then
    echo "docker-env: starting dockerd (no bridge, no iptables); log: $LOG"
    # setsid: the engine must outlive this script's process group (CI runs it as a step).
    setsid dockerd --bridge=none --iptables=false --ip6tables=false \
      >>"$LOG" 2>&1 </dev/null &
    echo $! >"$PIDFILE"
  fi

  local waited=0
  until engine_reachable; do
    if ! our_pid >/dev/null; then
      tail -n 20 "$LOG" >&2 || true
      rm -f "$PIDFILE"
      die "dockerd exited during start-up; last log lines above ($LOG)"
    fi
    if ((waited >= WAIT_SECONDS)); then
      tail -n 20 "$LOG" >&2 || true
      die "dockerd did not answer 'docker info' within ${WAIT_SECONDS}s; last log lines above ($LOG)"
    fi
    sleep 1
    waited=$((waited + 1))
  done
  echo "docker-env: Docker engine $(docker version --format '{{.Server.Version}}' 2>/dev/null) ready (pid $(our_pid))"
}

stop() {
  local pid
  if ! pid=$(our_pid); then
    if [[ -f $EXTERNAL_MARK ]]; then
      rm -f "$EXTERNAL_MARK"
      echo "docker-env: the engine was not started by this script; leaving it running"
    else
      echo "docker-env: no dockerd started by this script is running"
    fi
    rm -f "$PIDFILE"
    return 0
  fi
  echo "docker-env: stopping dockerd (pid $pid)"
  kill -TERM "$pid"
  # dockerd stops its containers first (default 15 s grace each), so allow some time.
  local waited=0
  while kill -0 "$pid" 2>/dev/null; do
    if ((waited >= 45)); then
      echo "docker-env: dockerd did not stop in 45 s; sending SIGKILL" >&2
      kill -KILL "$pid" 2>/dev/null || true
      break
    fi
    sleep 1
    waited=$((waited + 1))
  done
  rm -f "$PIDFILE"
  echo "docker-env: dockerd stopped"
}

status() {
  if engine_reachable; then
    if pid=$(our_pid); then
      echo "docker-env: reachable (dockerd pid $pid, started by this script)"
    else
      echo "docker-env: reachable (not started by this script)"
    fi
  else
    echo "docker-env: no Docker engine reachable"
    return 1
  fi
}

case ${1:-} in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) die "usage: $0 start|stop|status" ;;
esac
