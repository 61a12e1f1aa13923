# SPDX-License-Identifier: GPL-3.0-or-later
"""What every window test in tests/gui shares: TAP goes to the real standard
output while everything else (the bus daemons, dogtail's chatter) goes to
standard error, the test runs on a session bus of its own (the script starts
itself again under dbus-run-session, so that the accessibility bus is ours),
and dogtail must be importable. Each of these skips the whole test when the
machine cannot do it."""

import os
import shutil
import sys
import time

_SESSION = "ATLAS_GUI_SESSION"
_TAP_FD = "ATLAS_GUI_TAP_FD"


def tap_stream():
    fd = int(os.environ.get(_TAP_FD, "1"))
    return os.fdopen(os.dup(fd), "w")


def skip_all(reason):
    with tap_stream() as out:
        print(f"1..0 # SKIP {reason}", file=out)
    sys.exit(0)


def enter_session():
    """Returns the TAP stream, inside a session bus of the test's own."""
    if not os.environ.get("DISPLAY"):
        skip_all("no display: run the tests under xvfb-run")

    if os.environ.get(_SESSION) != "1":
        if shutil.which("dbus-run-session") is None:
            skip_all("dbus-run-session is missing")
        # The bus daemons it starts inherit standard output: give them
        # standard error, and keep the real standard output for TAP as
        # another descriptor.
        tap_fd = os.dup(1)
        os.set_inheritable(tap_fd, True)
        os.dup2(2, 1)
        env = dict(os.environ, **{_SESSION: "1", _TAP_FD: str(tap_fd)})
        env.pop("NO_AT_BRIDGE", None)
        os.execvpe("dbus-run-session",
                   ["dbus-run-session", "--", sys.executable] + sys.argv, env)

    tap = tap_stream()
    sys.stdout = sys.stderr

    try:
        import dogtail  # noqa: F401
        import pyatspi  # noqa: F401
    except ImportError as error:  # pragma: no cover
        skip_all(f"python3-dogtail is not installed ({error})")
    return tap


def wait_until(condition, timeout=20.0, step=0.25):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            value = condition()
        except Exception:  # the tree changes under us while it builds
            value = None
        if value:
            return value
        time.sleep(step)
    return None


def activate(node):
    """Clicks a node through its AT-SPI action, else with the pointer."""
    for action in ("click", "activate", "press", "toggle"):
        try:
            node.doActionNamed(action)
            return
        except Exception:
            continue
    node.click()


def find_app(pid):
    # A fresh desktop each time: the cached root does not see new apps.
    import pyatspi
    desktop = pyatspi.Registry.getDesktop(0)
    for app in desktop:
        try:
            if app.get_process_id() == pid:
                return app
        except Exception:
            continue
    return None
