# Shared helpers of the Tongban scripts: logging, background processes with
# pid and log files, and readiness probes. Sourced, never run.

# Prefer coloured step headers only on a terminal.
if [[ -t 1 ]]; then _bold=$'\e[1m'; _red=$'\e[31m'; _reset=$'\e[0m'; else _bold=''; _red=''; _reset=''; fi

step() { printf '%s==> %s%s\n' "$_bold" "$*" "$_reset"; }
info() { printf '    %s\n' "$*"; }
warn() { printf '%swarning:%s %s\n' "$_red" "$_reset" "$*" >&2; }
fail() {
  printf '%serror:%s %s\n' "$_red" "$_reset" "$*" >&2
  exit 1
}

# Under `set -e`, name the script, line and command that failed.
trap 'printf "%serror:%s %s line %s: \`%s\` failed\n" "$_red" "$_reset" "${BASH_SOURCE[0]##*/}" "$LINENO" "$BASH_COMMAND" >&2' ERR

# quietly COMMAND... : runs COMMAND with its output hidden, unless it fails:
# then its last lines go to stderr.
quietly() {
  local out
  if ! out=$("$@" 2>&1); then
    tail -n 5 <<<"$out" >&2
    return 1
  fi
}

# apt_install PACKAGE... : installs Debian packages (as root, or with sudo).
apt_install() {
  command -v apt-get >/dev/null || fail "missing $*; install them with your package manager"
  info "installing $* with apt-get"
  local sudo_cmd=()
  ((EUID == 0)) || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# unique_list ITEM... : the items separated by commas, each once, in order.
unique_list() { printf '%s\n' "$@" | awk '!seen[$0]++' | paste -sd, -; }

# A random secret for CA enrolments and API keys, hex only.
random_secret() { od -An -N16 -tx1 /dev/urandom | tr -d ' \n'; }

pid_file() { echo "$RUNTIME_DIR/pids/$1.pid"; }
log_file() { echo "$RUNTIME_DIR/logs/$1.log"; }

# alive PID : true while the process runs. A killed process stays a zombie
# until its parent (init, for ours) reaps it; that is not running.
alive() {
  local state
  state=$(ps -o stat= -p "$1" 2>/dev/null) && [[ $state != Z* ]]
}

# The pid of a process we started, if it still runs.
running_pid() {
  local file pid
  file=$(pid_file "$1")
  [[ -f "$file" ]] || return 1
  pid=$(<"$file")
  alive "$pid" || return 1
  echo "$pid"
}

# start_process NAME NAMESPACE COMMAND... : runs COMMAND in its own session in
# the background, output to the NAME log, pid to the NAME pid file; inside the
# network namespace NAMESPACE unless that is empty. The environment of the
# caller (exported variables) is passed on. `ip netns exec` and setsid both
# exec COMMAND, so the pid is COMMAND's own. With TONGBAN_FOREGROUND=1 (a
# systemd unit's ExecStart, see bundle-city.sh) the script becomes COMMAND
# instead, its output going to the service manager's journal.
start_process() {
  local name=$1 namespace=$2
  shift 2
  if running_pid "$name" >/dev/null; then
    info "$name already running (pid $(running_pid "$name"))"
    return 0
  fi
  [[ -z "$namespace" ]] || set -- ip netns exec "$namespace" "$@"
  mkdir -p "$RUNTIME_DIR/pids" "$RUNTIME_DIR/logs"
  if [[ "${TONGBAN_FOREGROUND:-0}" == 1 ]]; then
    echo $$ >"$(pid_file "$name")"
    info "$name runs in the foreground (pid $$)"
    exec "$@"
  fi
  setsid "$@" >>"$(log_file "$name")" 2>&1 </dev/null &
  echo $! >"$(pid_file "$name")"
  info "$name started (pid $!, log $(log_file "$name"))"
}

# stop_processes NAME... : stops the process groups we started under these
# names (all signalled first, then awaited, so a tier stops in parallel) and
# removes their pid files.
stop_processes() {
  local name pid
  local -A pids=()
  for name in "$@"; do
    if pid=$(running_pid "$name"); then
      pids[$name]=$pid
      kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    fi
  done
  local deadline=$((SECONDS + 15))
  for name in "${!pids[@]}"; do
    pid=${pids[$name]}
    while alive "$pid"; do
      if ((SECONDS > deadline)); then
        warn "$name (pid $pid) ignored SIGTERM; sending SIGKILL"
        kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
      fi
      sleep 0.1
    done
    info "$name stopped (pid $pid)"
  done
  for name in "$@"; do rm -f "$(pid_file "$name")"; done
}

stop_process() { stop_processes "$1"; }

# wait_ready NAME DESCRIPTION COMMAND... : polls COMMAND until it succeeds,
# failing with the process's log location if NAME dies or the time runs out.
wait_ready() {
  local name=$1 what=$2
  shift 2
  local deadline=$((SECONDS + READY_TIMEOUT_SECONDS))
  until "$@" >/dev/null 2>&1; do
    if ! running_pid "$name" >/dev/null; then
      tail -n 20 "$(log_file "$name")" >&2 || true
      fail "$name exited while waiting for $what; log: $(log_file "$name")"
    fi
    if ((SECONDS > deadline)); then
      tail -n 20 "$(log_file "$name")" >&2 || true
      fail "$name: $what not ready after ${READY_TIMEOUT_SECONDS}s; log: $(log_file "$name")"
    fi
    sleep 0.2
  done
}

# http_ok URL [CURL_ARGS...] : true when URL answers 2xx.
http_ok() {
  local url=$1
  shift
  curl -fsS -o /dev/null --max-time 2 "$@" "$url"
}

# tcp_open HOST PORT : true when something accepts connections there.
tcp_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

# True when every process of the network (lib/config.sh) runs.
network_running() {
  local name
  for name in $(network_processes); do running_pid "$name" >/dev/null || return 1; done
}

# up_for_this_run : unless the network runs, brings it up and, when the calling
# script exits, takes down what it started (down if a runtime folder existed
# before, clean otherwise). Sets NETWORK_REUSED to yes or no.
up_for_this_run() {
  if network_running; then
    NETWORK_REUSED=yes
    return 0
  fi
  NETWORK_REUSED=no
  if [[ -d "$RUNTIME_DIR" ]]; then TEARDOWN=down; else TEARDOWN=clean; fi
  trap 'bash "$ROOT_DIR/scripts/network.sh" "$TEARDOWN"' EXIT
  bash "$ROOT_DIR/scripts/network.sh" up
}
