# Running the jest suites and the code checks for scripts/test.sh and
# test-network.sh. Sourced after common.sh and config.sh.

REPORTS_DIR=$ROOT_DIR/reports/tests

# network_label ORDERER_TYPE NETNS : names a network's reports: raft, or raft-netns in the netns mode.
network_label() { if [[ "$2" == 1 ]]; then echo "$1-netns"; else echo "$1"; fi; }

# run_suite NAME JEST_CONFIG : runs one jest configuration, keeping its JSON
# report; a failing suite does not stop the others (the summary counts it).
run_suite() {
  step "Tests: $1"
  mkdir -p "$REPORTS_DIR"
  npx jest -c "$ROOT_DIR/$2" --ci --runInBand --json --outputFile="$REPORTS_DIR/$1.json" || true
}

# run_check NAME COMMAND... : runs a check that is not a jest suite (lint, the
# format check) and records it in NAME.json as a suite of one test, in the
# shape the summary reads: passed when COMMAND succeeds, failed otherwise. The
# check's output goes to the log when it fails; a failure does not stop the
# other suites.
run_check() {
  local name=$1 output passed=1 failed=0
  shift
  step "Check: $name"
  mkdir -p "$REPORTS_DIR"
  if output=$("$@" 2>&1); then
    info "$name: clean"
  else
    passed=0 failed=1
    printf '%s\n' "$output" >&2
    warn "$name failed ($*)"
  fi
  printf '{"numPassedTests":%d,"numFailedTests":%d,"numRuntimeErrorTestSuites":0}\n' "$passed" "$failed" >"$REPORTS_DIR/$name.json"
}
