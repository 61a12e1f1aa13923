#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs the Debian 12 packages Salary Atlas needs to build, run and test,
# skipping what is already there. Works as root or through sudo.
set -euo pipefail

packages=(
  # build
  meson ninja-build pkg-config gcc libc6-dev gettext
  libglib2.0-dev libglib2.0-dev-bin libgtk-4-dev libadwaita-1-dev
  libsqlite3-dev libcurl4-openssl-dev libjson-glib-dev libcairo2-dev libpango1.0-dev libpng-dev
  ca-certificates
  # fonts for the window and charts (₹, Devanagari)
  fonts-cantarell fonts-dejavu-core fonts-lohit-deva
  # validation of desktop file, metainfo and schema
  desktop-file-utils appstream libxml2-utils
  # tests: a display, a session bus, accessibility, a loopback HTTP server, PDF checks
  xvfb xauth dbus dbus-x11 at-spi2-core python3 python3-dogtail python3-yaml poppler-utils
  # fuzzing and sanitizers (build-aux/fuzz.sh, build-aux/sanitize.sh): clang with libFuzzer
  clang libclang-rt-14-dev
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "Installing: ${missing[*]}"
sudo=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "Need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  sudo=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
