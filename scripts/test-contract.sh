#!/usr/bin/env bash
# The contract test: schemathesis (PyPI; pinned in gateway-service/test/contract/
# requirements.txt) generates requests from the first city's gateway's
# /openapi.json over HTTPS (trusting the city's TLS root), each operation
# called with the key of a role that may call it, the partner routes as the
# second city's gateway (its TLS client certificate, presented on every request),
# and checks every answer against the document: status codes, content types,
# headers and body schemas; no 5xx; schema-valid requests accepted, invalid
# ones refused; an undocumented method answered 405 with Allow. Needs the
# network up. Report: reports/tests/contract-LABEL.json (lib/tests.sh), one test per operation.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/config.sh"
source "$(dirname "$0")/lib/tests.sh"

require_same_network
requirements=$ROOT_DIR/gateway-service/test/contract/requirements.txt
venv=$CACHE_DIR/contract-$(sha256sum "$requirements" | cut -c1-12)
if [[ ! -x "$venv/bin/schemathesis" ]]; then
  step "Installing the contract test's tools"
  python3 -c 'import ensurepip, venv' 2>/dev/null || apt_install python3 python3-venv
  rm -rf "$venv" && python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$requirements"
fi

city=${CITY_KEYS[0]} partner=${CITY_KEYS[1]}
url=https://$(city_host "$city"):$(gateway_port "$city")
partner_tls=$(node_dir "$partner" "$(gateway_name "$partner")")/tls
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
curl -fsS --cacert "$(ca_cert "$city")" "$url/openapi.json" >"$work/openapi.json"
node "$ROOT_DIR/gateway-service/test/contract/write-config.js" "$work/openapi.json" \
  "$RUNTIME_DIR/gateways/$city/api-keys.env" "${CONTRACT_MAX_EXAMPLES:-10}" >"$work/schemathesis.toml"

label=$(network_label "$ORDERER_TYPE" "$TONGBAN_NETNS")
step "Tests: contract-$label (schemathesis against $url)"
mkdir -p "$REPORTS_DIR"
contract_dir=$ROOT_DIR/gateway-service/test/contract
# Run in the scratch folder: schemathesis keeps its caches in the working directory.
(cd "$work" && PYTHONPATH=$contract_dir SCHEMATHESIS_HOOKS=plain_lambda_descriptions "$venv/bin/schemathesis" --config-file "$work/schemathesis.toml" run "$work/openapi.json" --url "$url" \
  --generation-database none --checks all --workers "${CONTRACT_WORKERS:-8}" \
  --tls-verify "$(ca_cert "$city")" --request-cert "$partner_tls/server.crt" --request-cert-key "$partner_tls/server.key" --phases "${CONTRACT_PHASES:-examples,coverage,fuzzing,stateful}" --seed "${CONTRACT_SEED:-1}" --no-color \
  --report junit --report-junit-path "$work/junit.xml") || true
# One test per operation: failed when schemathesis found anything wrong with it.
node -e '
  const xml = require("fs").readFileSync(process.argv[1], "utf8");
  const cases = xml.split("<testcase").slice(1);
  const failed = cases.filter((body) => /<(failure|error)[\s>]/.test(body.split("</testcase>")[0])).length;
  const report = { numPassedTests: cases.length - failed, numFailedTests: failed, numRuntimeErrorTestSuites: cases.length === 0 ? 1 : 0 };
  require("fs").writeFileSync(process.argv[2], JSON.stringify(report) + "\n");
  console.log(`contract: ${cases.length} operations, ${failed} with failures`);
' "$work/junit.xml" "$REPORTS_DIR/contract-$label.json"
