#!/usr/bin/env bash
# The README's second command: unit tests of every workspace, then the
# integration suites against the real network. Reuses a running network, or
# brings one up for all suites and tears down what it started. Ends with one
# line "N passed, N failed" over all suites.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/config.sh"

REPORTS_DIR=$ROOT_DIR/reports/tests
rm -rf "$REPORTS_DIR" && mkdir -p "$REPORTS_DIR"
cd "$ROOT_DIR"

bash scripts/install.sh

# run_suite NAME JEST_CONFIG : runs one jest configuration, keeping its JSON report.
run_suite() {
  step "Tests: $1"
  npx jest -c "$2" --ci --runInBand --json --outputFile="$REPORTS_DIR/$1.json" || true
}

run_suite chaincode-unit chaincode/jest.config.js
run_suite gateway-unit gateway-service/jest.config.js

up_for_this_run
if [[ "$NETWORK_REUSED" == yes ]]; then
  step "Reusing the running network"
  bash scripts/deploy-chaincode.sh
  bash scripts/describe-network.sh
  bash scripts/network.sh gateways
fi

run_suite integration gateway-service/jest.integration.config.js
# Last: these stop and restart the network's processes.
run_suite faults gateway-service/jest.faults.config.js

# One line over every report; a suite that could not run counts as a failure.
node -e '
  const fs = require("fs"), path = require("path");
  let passed = 0, failed = 0;
  for (const file of fs.readdirSync(process.argv[1])) {
    const report = JSON.parse(fs.readFileSync(path.join(process.argv[1], file), "utf8"));
    passed += report.numPassedTests;
    failed += report.numFailedTests + report.numRuntimeErrorTestSuites;
  }
  for (const expected of ["chaincode-unit", "gateway-unit", "integration", "faults"]) {
    if (!fs.existsSync(path.join(process.argv[1], expected + ".json"))) failed += 1;
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed === 0 && passed > 0 ? 0 : 1;
' "$REPORTS_DIR"
