# Running the jest suites for scripts/test.sh and test-network.sh. Sourced
# after common.sh and config.sh.

REPORTS_DIR=$ROOT_DIR/reports/tests

# run_suite NAME JEST_CONFIG : runs one jest configuration, keeping its JSON
# report; a failing suite does not stop the others (the summary counts it).
run_suite() {
  step "Tests: $1"
  mkdir -p "$REPORTS_DIR"
  npx jest -c "$ROOT_DIR/$2" --ci --runInBand --json --outputFile="$REPORTS_DIR/$1.json" || true
}
