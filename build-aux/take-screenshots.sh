#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Screenshots of every page of the window in light and dark, on the embedded
# default data (what a new user sees first), for the README and the
# AppStream metainfo: data/screenshots/PAGE-THEME.png.
#
# The window runs on a display of its own (Xvfb) with a session bus of its
# own and settings in a temporary keyfile (theme, page, 1200x800). Each
# picture is taken once the page has painted the results of its queries
# (SALARY_ATLAS_TRACE_LATENCY, see bench/README.md), or after 5 s for the
# Sources page, which runs none.
#
# Needs: Xvfb, dbus-daemon, ImageMagick's import and convert.
# Usage: build-aux/take-screenshots.sh [SALARY_ATLAS_BINARY] [OUTDIR]
# SCREENSHOT_PAGES (e.g. "career trend") and SCREENSHOT_THEMES take a subset.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
. "$here/headless-session.sh"
bin=${1:-$here/../_build/app/salary-atlas}
out=${2:-$here/../data/screenshots}
schema_dir=$(cd "$(dirname "$bin")/../data/desktop" && pwd)

for tool in Xvfb dbus-daemon import convert "$bin"; do
  command -v "$tool" >/dev/null 2>&1 || { echo "take-screenshots: $tool not found" >&2; exit 1; }
done

work=$(mktemp -d)
xvfb=
bus=
cleanup () {
  [ -z "$xvfb" ] || kill "$xvfb" 2>/dev/null || true
  [ -z "$bus" ] || kill "$bus" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

start_headless_session "$work" 1400x900x24

export LC_ALL=C.UTF-8 GSETTINGS_BACKEND=keyfile GSETTINGS_SCHEMA_DIR="$schema_dir"
export XDG_CONFIG_HOME="$work/config" SALARY_ATLAS_DB="$work/atlas.db"
mkdir -p "$XDG_CONFIG_HOME/glib-2.0/settings" "$out"

for theme in ${SCREENSHOT_THEMES:-light dark}; do
  for page in ${SCREENSHOT_PAGES:-overview compare companies company-regions experience career distribution trend sources}; do
    cat >"$XDG_CONFIG_HOME/glib-2.0/settings/keyfile" <<EOF
[org/salaryatlas/SalaryAtlas]
theme='$theme'
last-view='$page'
window-width=1200
window-height=800
EOF
    SALARY_ATLAS_TRACE_LATENCY=1 "$bin" 2>"$work/app.log" &
    app=$!
    i=0
    while [ $i -lt ${SCREENSHOT_WAIT_TENTHS:-50} ] && ! grep -q "first frame with data painted" "$work/app.log"; do
      sleep 0.1
      i=$((i + 1))
    done
    sleep ${SCREENSHOT_SETTLE:-1.5}
    import -window root -crop 1200x800+0+0 "$work/shot.png"
    convert "$work/shot.png" -strip "$out/$page-$theme.png"
    kill "$app"
    wait "$app" 2>/dev/null || true
    echo "$out/$page-$theme.png"
  done
done
