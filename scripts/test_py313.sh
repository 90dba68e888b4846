#!/usr/bin/env bash
# The suite on Python 3.13, the Python of Debian 13 "trixie" (the current stable), inside a debootstrapped trixie
# root: Debian's python3.13, llama-cpp-python built from source for it (5-10 minutes, once), then `make test` on
# the committed HEAD, as on a fresh machine. Needs root (debootstrap, chroot, mounts); not part of `make test`.
# The root lives outside the repository (TRIXIE_ROOT, default ../trixie-root) and is kept for the next run.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
ROOT=$(realpath -m "${TRIXIE_ROOT:-../trixie-root}")
[ "$(id -u)" -eq 0 ] || { echo "test_py313: needs root (debootstrap, chroot, mount)" >&2; exit 2; }
command -v debootstrap >/dev/null || apt-get install -y -qq debootstrap
if [ ! -x "$ROOT/usr/bin/python3.13" ]; then
  debootstrap --variant=minbase \
    --include=python3,python3-venv,python3-dev,python3-pip,gcc,g++,make,cmake,git,ca-certificates \
    trixie "$ROOT" http://deb.debian.org/debian
fi
# the host's name resolution, CA bundle (with a TLS-inspecting proxy's CA, if any) and pip configuration
cp /etc/resolv.conf "$ROOT/etc/resolv.conf"
cp /etc/ssl/certs/ca-certificates.crt "$ROOT/etc/ssl/certs/ca-certificates.crt"
if [ -f /etc/pip.conf ]; then cp /etc/pip.conf "$ROOT/etc/pip.conf"; fi
if [ -d /etc/xdg/pip ]; then mkdir -p "$ROOT/etc/xdg/pip" && cp -r /etc/xdg/pip/. "$ROOT/etc/xdg/pip/"; fi
mounted=()
bind() {  # bind host path $1 at $2 inside the root, unless something is mounted there already
  mkdir -p "$ROOT$2"
  if ! mountpoint -q "$ROOT$2"; then mount --rbind "$1" "$ROOT$2" && mounted+=("$ROOT$2"); fi
}
cleanup() { for m in "${mounted[@]}"; do umount -R "$m" 2>/dev/null || umount -lR "$m"; done; }
trap cleanup EXIT
if ! mountpoint -q "$ROOT/proc"; then mount -t proc proc "$ROOT/proc" && mounted+=("$ROOT/proc"); fi
bind /dev /dev
bind /sys /sys
for d in /opt/pypi /opt/pypi-more /opt/wheels; do  # local package indexes named by pip's configuration, if any
  if [ -d "$d" ]; then bind "$d" "$d"; fi
done
mkdir -p "$HOME/.cache/conflict-extract"
bind "$HOME/.cache/conflict-extract" /root/.cache/conflict-extract  # the verified model files
bind "$REPO/../shared" /src/shared
rm -rf "$ROOT/src/repo"
git clone -q "$REPO" "$ROOT/src/repo"  # the committed HEAD of this checkout
chroot "$ROOT" env -i HOME=/root LANG=C.UTF-8 PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
  bash -c 'cd /src/repo && python3 --version && make test'
