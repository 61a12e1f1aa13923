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
  # man page, user help (Mallard, translated with itstool, checked with yelp-check)
  scdoc itstool yelp-tools
  # the locales the number-formatting tests run in (generated below)
  locales
  # tests: a display, a session bus, accessibility, a loopback HTTP server, PDF checks
  xvfb xauth dbus dbus-x11 at-spi2-core python3 python3-dogtail python3-yaml poppler-utils
  # fuzzing and sanitizers (build-aux/fuzz.sh, build-aux/sanitize.sh): clang with libFuzzer
  clang libclang-rt-14-dev
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

# The locale tests (tests/test-locale-format.c) skip a locale that is not
# generated; here, and so in CI, all four are.
locales=("en_US.UTF-8 UTF-8" "de_DE.UTF-8 UTF-8" "hi_IN UTF-8" "en_IN UTF-8")
missing_locales=()
for l in "${locales[@]}"; do
  grep -qx "$l" /etc/locale.gen 2>/dev/null || missing_locales+=("$l")
done

if [ ${#missing[@]} -eq 0 ] && [ ${#missing_locales[@]} -eq 0 ]; then
  exit 0
fi

sudo=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "Need root or sudo to install: ${missing[*]} ${missing_locales[*]}" >&2; exit 1; }
  sudo=(sudo)
fi

if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if [ ${#missing_locales[@]} -gt 0 ]; then
  echo "Generating locales: ${missing_locales[*]}"
  for l in "${missing_locales[@]}"; do
    echo "$l" | "${sudo[@]}" tee -a /etc/locale.gen >/dev/null
  done
  "${sudo[@]}" locale-gen
fi
