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
# Other sizes and languages, to look at (not for the metainfo):
# SCREENSHOT_SIZE=360x640 (default 1200x800) and SCREENSHOT_LANGUAGE=de or
# hi (the build tree's translations, in de_DE/hi_IN) add the width and the
# language to the names: PAGE-THEME-360-de.png. SCREENSHOT_PAGES lists
# the pages to take (default: those of the metainfo).
#
# Needs: Xvfb, dbus-daemon, ImageMagick's import and convert.
# Usage: build-aux/take-screenshots.sh [SALARY_ATLAS_BINARY] [OUTDIR]
# SCREENSHOT_PAGES (e.g. "career trend") and SCREENSHOT_THEMES take a subset;
# SCREENSHOT_DIALOGS="export-records:export-records::14" one of the dialogs.
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

size=${SCREENSHOT_SIZE:-1200x800}
width=${size%x*}
height=${size#*x}
suffix=
[ "$size" = 1200x800 ] || suffix="-$width"
export LC_ALL=C.UTF-8
if [ -n "${SCREENSHOT_LANGUAGE:-}" ]; then
  case $SCREENSHOT_LANGUAGE in
    de) LC_ALL=de_DE.UTF-8 ;;
    hi) LC_ALL=hi_IN.UTF-8 ;;
  esac
  export LANGUAGE=$SCREENSHOT_LANGUAGE
  export SALARY_ATLAS_LOCALEDIR
  SALARY_ATLAS_LOCALEDIR=$(cd "$(dirname "$bin")/../po" && pwd)
  suffix="$suffix-$SCREENSHOT_LANGUAGE"
fi
export GSETTINGS_BACKEND=keyfile GSETTINGS_SCHEMA_DIR="$schema_dir"
export XDG_CONFIG_HOME="$work/config" SALARY_ATLAS_DB="$work/atlas.db"
mkdir -p "$XDG_CONFIG_HOME/glib-2.0/settings" "$out"
if [ -n "$suffix" ]; then
  # The window buttons of GNOME (appmenu:close) and of phones, not Xvfb's
  # default three.
  mkdir -p "$XDG_CONFIG_HOME/gtk-4.0"
  printf '[Settings]\ngtk-decoration-layout=:close\n' >"$XDG_CONFIG_HOME/gtk-4.0/settings.ini"
fi

# The Records page's dialogs: a record's detail, Add Figure and the Curated list, which
# shows one of the default data's figures excluded (as an outlier) for its
# picture only: undone right after it.
"$bin" records --region IN --figures --limit 1 --format csv >"$work/top.csv"
uid_column=$(head -n 1 "$work/top.csv" | tr ',' '\n' | grep -n '^uid$' | cut -d: -f1)
excluded_uid=$(tail -n +2 "$work/top.csv" | head -n 1 | cut -d, -f"$uid_column")

for theme in ${SCREENSHOT_THEMES:-light dark}; do
  for page in ${SCREENSHOT_PAGES:-overview compare companies company-regions experience career distribution trend records records-detail records-curated records-add-figure sources}; do
    # records-DIALOG: the Records page with that dialog open; any other
    # name is a page's own (company-regions is one page).
    view=$page
    dialog=
    case $page in records-*) view=records dialog=${page#records-} ;; esac
    cat >"$XDG_CONFIG_HOME/glib-2.0/settings/keyfile" <<EOF
[org/salaryatlas/SalaryAtlas]
theme='$theme'
last-view='$view'
window-width=$width
window-height=$height
EOF
    [ "$page" != records-curated ] || "$bin" curate exclude --reason outlier "$excluded_uid" >/dev/null
    SALARY_ATLAS_SCREENSHOT_DIALOG=$dialog SALARY_ATLAS_TRACE_LATENCY=1 "$bin" 2>"$work/app.log" &
    app=$!
    i=0
    # The Records page paints its rows after the charts' queries: its own line.
    ready="first frame with data painted"
    [ "$view" != records ] || ready="records: first rows shown"
    # (then the loading state's fade ends: SCREENSHOT_SETTLE)
    while [ $i -lt ${SCREENSHOT_WAIT_TENTHS:-50} ] && ! grep -q "$ready" "$work/app.log"; do
      sleep 0.1
      i=$((i + 1))
    done
    sleep ${SCREENSHOT_SETTLE:-2.5}
    # The dialogs open 2 s after the page's first rows.
    [ -z "$dialog" ] || sleep 4
    import -window root -crop "$((width + ${SCREENSHOT_MARGIN:-0}))x${height}+0+0" "$work/shot.png"
    # Under load the window is sometimes not mapped yet: an all-black
    # picture is taken again after a longer wait.
    if [ "$(convert "$work/shot.png" -format '%[fx:mean]' info:)" = 0 ]; then
      sleep 5
      import -window root -crop "$((width + ${SCREENSHOT_MARGIN:-0}))x${height}+0+0" "$work/shot.png"
    fi
    convert "$work/shot.png" -strip "$out/$page-$theme$suffix.png"
    kill "$app"
    wait "$app" 2>/dev/null || true
    [ "$page" != records-curated ] || "$bin" curate undo >/dev/null
    echo "$out/$page-$theme$suffix.png"
  done
done

# The import and export dialogs and Companies, light and dark, at the window's width and
# at a phone's (360 px): each opened by ATLAS_TEST_DIALOG once the window
# shows its data (see app/gui/atlas-window-import.c), on files made from
# ../shared/data (ATLAS_SHARED_DATA): the Glassdoor India file with German
# column names (no format claims it: the mapping dialog), and the levels.fyi
# file (detected; 16 of its rows are rejected: the rejected lines).
data=${ATLAS_SHARED_DATA:-$here/../../shared/data}
glassdoor=$data/india-software-salaries-2022-glassdoor.csv
levels=$data/levels-fyi-stem-salaries-2017-2021.csv
if [ -f "$glassdoor" ] && [ -f "$levels" ]; then
  unknown="$work/gehaelter.csv"
  { echo "Bewertung,Firma,Stelle,Jahresgehalt,Meldungen,Ort,Status,Rolle"
    tail -n +2 "$glassdoor" | head -n 200; } >"$unknown"
  for theme in ${SCREENSHOT_DIALOG_THEMES:-light dark}; do
    for width in 0 360; do
      for shot in ${SCREENSHOT_DIALOGS:-import-mapping:import:$unknown:14 import-detected:import:$levels:14 \
                  import-rejections:rejections:$levels:40 export-records:export-records::14 \
                  companies-dialog:companies::14}; do
        name=${shot%%:*}; rest=${shot#*:}
        dialog=${rest%%:*}; rest=${rest#*:}
        file=${rest%%:*}; wait=${rest#*:}
        suffix=$theme; [ "$width" = 0 ] || suffix=$theme-$width
        rm -f "$SALARY_ATLAS_DB" "$SALARY_ATLAS_DB-wal" "$SALARY_ATLAS_DB-shm"
        cat >"$XDG_CONFIG_HOME/glib-2.0/settings/keyfile" <<EOT
[org/salaryatlas/SalaryAtlas]
theme='$theme'
last-view='overview'
window-width=1200
window-height=800
EOT
        ATLAS_TEST_DIALOG=$dialog ATLAS_TEST_IMPORT_FILE=$file ATLAS_TEST_DIALOG_WIDTH=$width \
          "$bin" 2>"$work/app.log" &
        app=$!
        sleep "$wait"
        import -window root -crop 1200x800+0+0 "$work/shot.png"
        convert "$work/shot.png" -strip "$out/$name-$suffix.png"
        kill "$app"
        wait "$app" 2>/dev/null || true
        echo "$out/$name-$suffix.png"
      done
    done
  done
else
  echo "take-screenshots: no ../shared/data (ATLAS_SHARED_DATA): the import dialogs are not taken" >&2
fi
