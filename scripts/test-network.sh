#!/usr/bin/env bash
# The network tiers of the tests for one ordering service (ORDERER_TYPE):
# reuses a running network of that type, or brings one up and tears down what
# it started; then the integration suite, the contract test (unless
# CONTRACT_TEST=no) and, last, the fault suite. Reports go to
# reports/tests/{integration,contract,faults}-TYPE.json. Run by test.sh.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/config.sh"
source "$(dirname "$0")/lib/tests.sh"

require_orderer_type
cd "$ROOT_DIR"
step "Network tests with a $ORDERER_TYPE ordering service"
up_for_this_run
if [[ "$NETWORK_REUSED" == yes ]]; then
  step "Reusing the running network"
  bash scripts/deploy-chaincode.sh
  bash scripts/describe-network.sh
  bash scripts/network.sh gateways
fi

# The integration suite opens the public verification page in Chromium.
bash scripts/install-browser.sh || warn "Chromium could not be installed; the page's end-to-end test will fail"
run_suite "integration-$ORDERER_TYPE" gateway-service/jest.integration.config.js
[[ "${CONTRACT_TEST:-yes}" == no ]] || bash scripts/test-contract.sh || warn "the contract test could not run"
# Last: these stop and restart the network's processes.
run_suite "faults-$ORDERER_TYPE" gateway-service/jest.faults.config.js
