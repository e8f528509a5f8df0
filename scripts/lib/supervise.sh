#!/usr/bin/env bash
# Keeps a command running: restarts it when it exits, with a growing pause
# (1s, 2s, 4s ... 30s) that resets after a run of a minute or more. Used for
# the chaincode servers, which the peers cannot restart themselves.
# Usage: supervise.sh NAME COMMAND...
set -uo pipefail
name=$1
shift
pause=1
child=
trap '[[ -n "$child" ]] && kill -TERM "$child" 2>/dev/null; exit 0' TERM INT
while true; do
  started=$SECONDS
  "$@" &
  child=$!
  wait "$child"
  status=$?
  echo "supervise: $name exited with status $status; restarting in ${pause}s" >&2
  if ((SECONDS - started >= 60)); then pause=1; fi
  sleep "$pause" &
  wait $!
  pause=$((pause * 2 > 30 ? 30 : pause * 2))
done
