#!/usr/bin/env bash
# `npm run bench`: the benchmark of gateway-service/bench/ against the running
# network, or one it brings up and tears down. Deploys the baseline chaincode
# (scripts/bench/baseline-chaincode) beside the product's. Settings:
# BENCH_SECONDS (per load, default 10), BENCH_CLIENTS (closed loop, default 64),
# BENCH_ROUNDS (alternating closed-loop rounds of the writes 1 to 3, default 2),
# BENCH_WARMUP_OPERATIONS (unmeasured operations per scenario first, at most 20 s, default 1500),
# BENCH_LEDGER_SIZES (cases, default 1000,10000). ORDERER_TYPE=bft measures a
# SmartBFT network (brought up for it, or the running one if it is one).
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/config.sh"
require_same_network
cd "$ROOT_DIR"

bash scripts/install.sh
up_for_this_run
CC_NAME=baseline CC_DIR=$ROOT_DIR/scripts/bench/baseline-chaincode CC_PORT_OFFSET=81 bash scripts/deploy-chaincode.sh
step "Building the benchmark"
npx tsc -p gateway-service/tsconfig.bench.json
step "Running the benchmark"
TONGBAN_RUNTIME_DIR=$RUNTIME_DIR node gateway-service/dist-bench/bench/bench.js
