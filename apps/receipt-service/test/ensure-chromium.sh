#!/usr/bin/env bash
# Installs Debian's Chromium for the receipt browser tests (playwright-core drives /usr/bin/chromium; it never
# downloads a browser of its own). Skips when already installed. Needs root (apt-get).
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  echo "chromium present: $(/usr/bin/chromium --version 2>/dev/null || echo /usr/bin/chromium)"
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq chromium >/dev/null
echo "chromium installed: $(/usr/bin/chromium --version)"
