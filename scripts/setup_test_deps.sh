#!/usr/bin/env bash
# What the test suite needs besides the venv (idempotent; quick when everything is there), run by `make test`:
# redis-server (the Redis cache tests), nginx (the scale-out test), Chromium and its driver (tests/browser).
# Installs with apt-get on Debian, as root (sudo otherwise); elsewhere it says what is missing.
set -euo pipefail
missing=()
command -v redis-server >/dev/null || missing+=(redis-server)
[ -x /usr/sbin/nginx ] || missing+=(nginx)
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null; then
  echo "setup_test_deps: install ${missing[*]} (the tests that need them skip without)" >&2
  exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo
# without systemd, nginx's postinst would start nginx on port 80: a policy-rc.d that forbids starting services
# is in place while the packages install (only if there was none)
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null
  $SUDO chmod +x /usr/sbin/policy-rc.d
  trap '$SUDO rm -f /usr/sbin/policy-rc.d' EXIT
fi
$SUDO apt-get update -qq
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
