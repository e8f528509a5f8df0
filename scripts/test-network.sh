#!/usr/bin/env bash
# The network tiers of the tests for one ordering service (ORDERER_TYPE), on
# one host or in the netns mode (TONGBAN_NETNS): reuses a running network of
# that kind, or brings one up and tears down what it started; then the
# integration suite, the contract test (unless CONTRACT_TEST=no), the fault
# suite and, last, the consortium suite (a city joins). Reports go to
# reports/tests/{integration,contract,faults,consortium}-LABEL.json
# (LABEL: the type, with -netns in the netns mode). Run by test.sh.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/config.sh"
source "$(dirname "$0")/lib/tests.sh"

require_same_network
cd "$ROOT_DIR"
label=$(network_label "$ORDERER_TYPE" "$TONGBAN_NETNS")
step "Network tests with a $ORDERER_TYPE ordering service$(netns_mode && echo ', in network namespaces')"
up_for_this_run
if [[ "$NETWORK_REUSED" == yes ]]; then
  step "Reusing the running network"
  bash scripts/deploy-chaincode.sh
  bash scripts/describe-network.sh
  bash scripts/network.sh gateways
fi

# The integration suite opens the public verification page in Chromium.
bash scripts/install-browser.sh || warn "Chromium could not be installed; the page's end-to-end test will fail"
run_suite "integration-$label" gateway-service/jest.integration.config.js
[[ "${CONTRACT_TEST:-yes}" == no ]] || bash scripts/test-contract.sh || warn "the contract test could not run"
# Then these, which stop and restart the network's processes.
run_suite "faults-$label" gateway-service/jest.faults.config.js
# Last: a city joins the network.
run_suite "consortium-$label" gateway-service/jest.consortium.config.js
