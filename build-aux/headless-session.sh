# SPDX-License-Identifier: GPL-3.0-or-later
# Sourced by the scripts that run the window without a desktop
# (bench/bench-startup.sh, bench/bench-filter.sh, build-aux/take-screenshots.sh).
#
# start_headless_session WORK SCREEN: starts an Xvfb of SCREEN (e.g.
# 1920x1080x24) on a display number it finds free, and a D-Bus session bus;
# exports DISPLAY and DBUS_SESSION_BUS_ADDRESS and sets $xvfb and $bus to
# their process ids for the caller's clean-up. Their logs go to WORK.

start_headless_session () {
  Xvfb -displayfd 3 -screen 0 "$2" -nolisten tcp 3>"$1/display" 2>"$1/xvfb.log" &
  xvfb=$!
  for _ in $(seq 100); do [ -s "$1/display" ] && break; sleep 0.05; done
  [ -s "$1/display" ] || { echo "$0: Xvfb did not start" >&2; cat "$1/xvfb.log" >&2; exit 1; }
  DISPLAY=":$(head -n 1 "$1/display")"
  export DISPLAY

  dbus-daemon --session --nofork --print-address=3 3>"$1/bus" 2>"$1/bus.log" &
  bus=$!
  for _ in $(seq 100); do [ -s "$1/bus" ] && break; sleep 0.05; done
  [ -s "$1/bus" ] || { echo "$0: dbus-daemon did not start" >&2; exit 1; }
  DBUS_SESSION_BUS_ADDRESS=$(head -n 1 "$1/bus")
  export DBUS_SESSION_BUS_ADDRESS
}
