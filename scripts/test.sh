#!/usr/bin/env bash
# The README's second command: lint and the format check, unit tests of every
# workspace, the browser tests of the pages (headless Chromium, the gateway's
# app in-process), then the integration and fault suites against the real
# network, for each ordering service in TEST_ORDERER_TYPES (default: the running
# network's, else ORDERER_TYPE, else raft; CI runs "raft bft"), the types in
# TEST_NETNS in the netns mode (default: as the running network, else
# TONGBAN_NETNS; CI: raft). Ends with one line "N passed, N failed" over all
# suites, the checks counted as suites.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/config.sh"
source "$(dirname "$0")/lib/tests.sh"

require_same_network
rm -rf "$REPORTS_DIR" && mkdir -p "$REPORTS_DIR"
cd "$ROOT_DIR"

bash scripts/install.sh

run_check lint npm run --silent lint
run_check format npm run --silent format:check
run_suite chaincode-unit chaincode/jest.config.js
run_suite gateway-unit gateway-service/jest.config.js
run_suite web-unit gateway-service/web/jest.config.cjs
bash scripts/install-browser.sh || warn "Chromium could not be installed; the browser suites will fail"
run_suite gateway-browser gateway-service/jest.browser.config.js
expected=(lint format chaincode-unit gateway-unit web-unit gateway-browser)

# Each ordering service on its own network, one after the other (they share ports and the
# runtime folder); the contract test, which tests the gateway's API rather than the
# ordering, on the first only.
contract=yes
for type in ${TEST_ORDERER_TYPES:-$ORDERER_TYPE}; do
  netns=$TONGBAN_NETNS
  if [[ -n "${TEST_NETNS+set}" ]]; then
    if [[ " $TEST_NETNS " == *" $type "* ]]; then netns=1; else netns=0; fi
  fi
  label=$(network_label "$type" "$netns")
  ORDERER_TYPE=$type TONGBAN_NETNS=$netns CONTRACT_TEST=$contract bash scripts/test-network.sh || warn "the $label network's suites could not run to the end"
  expected+=("integration-$label" "faults-$label" "consortium-$label")
  [[ "$contract" == yes ]] && expected+=("contract-$label")
  contract=no
done

# One line over every report; a suite that could not run counts as a failure.
node -e '
  const fs = require("fs"), path = require("path");
  const [dir, ...expected] = process.argv.slice(1);
  let passed = 0, failed = 0;
  for (const file of fs.readdirSync(dir)) {
    const report = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8"));
    passed += report.numPassedTests;
    failed += report.numFailedTests + report.numRuntimeErrorTestSuites;
  }
  for (const suite of expected) {
    if (!fs.existsSync(path.join(dir, suite + ".json"))) failed += 1;
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed === 0 && passed > 0 ? 0 : 1;
' "$REPORTS_DIR" "${expected[@]}"
