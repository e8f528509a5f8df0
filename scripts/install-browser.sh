#!/usr/bin/env bash
# Installs what the browser tests need: Debian's chromium (driven by
# playwright-core; `npx playwright install` downloads from outside the package
# registries, so it is not used), fonts-noto-cjk, without which Chinese
# renders as boxes, and libnss3-tools, whose certutil makes the throwaway NSS
# database through which the tests' Chromium trusts the gateways' TLS CAs.
# Safe to re-run; nothing is done when all are there.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

step "Checking the browser for the page tests"
missing=()
[[ -x /usr/bin/chromium ]] || missing+=(chromium)
fc-list 2>/dev/null | grep -q 'Noto Sans CJK' || missing+=(fonts-noto-cjk)
command -v certutil >/dev/null || missing+=(libnss3-tools)
if ((${#missing[@]} > 0)); then
  apt_install "${missing[@]}"
else
  info "chromium, fonts-noto-cjk and certutil are installed"
fi
