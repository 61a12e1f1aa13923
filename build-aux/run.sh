#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs what is missing, builds, and starts Salary Atlas. Extra arguments
# go to the app (e.g. --db FILE, or a subcommand such as "stats --by experience").
set -euo pipefail
cd "$(dirname "$0")/.."

build-aux/deps.sh
[ -f _build/build.ninja ] || meson setup _build
meson compile -C _build

# Use the freshly built schema without installing anything system-wide.
export GSETTINGS_SCHEMA_DIR="$PWD/_build/data/desktop"
exec _build/app/salary-atlas "$@"
