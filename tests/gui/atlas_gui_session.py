# SPDX-License-Identifier: GPL-3.0-or-later
"""What every window test in tests/gui shares: TAP goes to the real standard
output while everything else (the bus daemons, dogtail's chatter) goes to
standard error, the test runs on a session bus of its own (the script starts
itself again under dbus-run-session, so that the accessibility bus is ours),
and dogtail must be importable. Each of these skips the whole test when the
machine cannot do it. Then the window's start with settings of the test's
own, the searches every test makes, and the TAP report at the end."""

import atexit
import os
import shutil
import subprocess
import sys
import tempfile
import time

_SESSION = "ATLAS_GUI_SESSION"
_TAP_FD = "ATLAS_GUI_TAP_FD"
_RUNTIME = "ATLAS_GUI_RUNTIME_DIR"


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
        # The accessibility bus's socket is $XDG_RUNTIME_DIR/at-spi/bus_N
        # (~/.cache without it) for display N: the launcher of the test
        # before, going away, removed the socket of the next one on the same
        # display ("Couldn't connect to accessibility bus", seen in the
        # slow sanitized run). Each test gets a folder of its own.
        env["XDG_RUNTIME_DIR"] = tempfile.mkdtemp(prefix="atlas-gui-runtime-")
        env[_RUNTIME] = env["XDG_RUNTIME_DIR"]
        os.execvpe("dbus-run-session",
                   ["dbus-run-session", "--", sys.executable] + sys.argv, env)

    tap = tap_stream()
    sys.stdout = sys.stderr
    if os.environ.get(_RUNTIME):
        atexit.register(shutil.rmtree, os.environ[_RUNTIME], True)

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


def _no_reply(error):
    return "Did not receive a reply" in str(error)


def activate(node):
    """Clicks a node through its AT-SPI action, else with the pointer. An
    action whose reply did not come in time was still sent (a slow window
    does it later): it is not followed by another, which on a menu item
    would click whatever took the item's place."""
    for action in ("click", "activate", "press", "toggle"):
        try:
            node.doActionNamed(action)
            return
        except Exception as error:
            if _no_reply(error):
                print(f"# {action}: no reply in time; waiting on its effect", file=sys.stderr)
                return
            continue
    node.click()


def activate_until(node, condition, timeout=30.0, tries=3):
    """Activates @node until @condition holds: a click in a slow window
    (a sanitized build under load) can get no reply over AT-SPI and be
    lost. Each try waits @timeout on the state, not a fixed sleep, and
    clicks again only when the state has not come, so that a click
    that was merely slow is not undone by a second one."""
    for _ in range(tries):
        try:
            activate(node)
        except Exception as error:  # the node went away: its click may have landed
            print(f"# activating {node}: {error}", file=sys.stderr)
        value = wait_until(condition, timeout=timeout)
        if value:
            return value
    return None


def ancestors(node, top):
    """@node's ancestors up to @top (included), nearest first."""
    chain = []
    while node is not None:
        node = node.parent
        if node is None:
            break
        chain.append(node)
        if node == top:
            break
    return chain


def find_near(chain, predicate, timeout=60.0, depth=3):
    """A node for @predicate among the children of the nodes of @chain
    (ancestors(), from the top down) and their children to @depth, not
    below lists and tables: a toast's button is a grandchild of its
    overlay, an ancestor of the page. Much quicker than a walk of the
    window, which in a slow window outlasts a toast's timeout."""
    def search():
        for ancestor in reversed(chain):
            level = [c for c in ancestor if c is not None and c not in chain]
            for _ in range(depth):
                following = []
                for n in level:
                    if predicate(n):
                        return n
                    if n.roleName not in ("table", "tree table", "list", "tree", "grid"):
                        following.extend(c for c in n if c is not None)
                level = following
        return None
    return wait_until(search, timeout=timeout, step=0.1)


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


def import_dogtail():
    """Imported once the application has started the accessibility bus and
    registry: a desktop object made earlier does not see applications."""
    # libatspi waits 800 ms for a reply by default; a sanitized window on a
    # loaded machine takes longer, and the call then fails although the
    # window does what it was asked (a menu click "got no reply").
    import gi
    gi.require_version("Atspi", "2.0")
    from gi.repository import Atspi
    Atspi.set_timeout(15000, 60000)
    from dogtail.config import config
    config.checkForA11y = False  # GTK 4 talks AT-SPI without the GNOME setting
    config.defaultDelay = 0.2
    config.searchCutoffCount = 40
    config.logDebugToFile = False
    # dogtail.tree gives the accessibles findChild and friends.
    from dogtail import tree  # noqa: F401


def launch(binary, db, workdir, settings, env=None):
    """Starts the window on @db with a GSettings keyfile of its own in
    @workdir (@settings: its lines below the app's group), AT-SPI on and
    @env added; then imports dogtail. Returns the process."""
    environ = dict(os.environ)
    environ.pop("NO_AT_BRIDGE", None)
    config_home = os.path.join(workdir, "config")
    os.makedirs(os.path.join(config_home, "glib-2.0", "settings"))
    with open(os.path.join(config_home, "glib-2.0", "settings", "keyfile"), "w") as keyfile:
        keyfile.write("[org/salaryatlas/SalaryAtlas]\n" + settings)
    environ.update({
        "GSETTINGS_BACKEND": "keyfile",
        "XDG_CONFIG_HOME": config_home,
        "GTK_A11Y": "atspi",
    })
    environ.update(env or {})
    process = subprocess.Popen([binary, "--db", db], env=environ)
    time.sleep(3)
    import_dogtail()
    return process


def stop(process):
    if process is None:
        return
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


def find(node, timeout=15.0, **kwargs):
    from dogtail.predicate import GenericPredicate
    return wait_until(lambda: node.findChild(GenericPredicate(**kwargs),
                                             retry=False, requireResult=False),
                      timeout)


def find_by(node, predicate, timeout=15.0):
    return wait_until(lambda: node.findChild(predicate, retry=False, requireResult=False),
                      timeout)


def find_prefix(node, role, prefix, timeout=15.0):
    """The first node of @role (None: any) whose accessible name starts
    with @prefix."""
    return find_by(node, lambda n: role in (None, n.roleName) and
                   (n.name or "").startswith(prefix), timeout)


def finish(tap, tests, results):
    """Prints TAP: each of @tests passes when @results (ok, message) holds
    it as ok; exits with the verdict."""
    print(f"1..{len(tests)}", file=tap)
    for number, message in enumerate(tests, start=1):
        passed = any(ok for ok, m in results if m == message)
        print(f"{'ok' if passed else 'not ok'} {number} - {message}", file=tap)
    tap.flush()
    sys.exit(0 if all(any(ok for ok, m in results if m == t) for t in tests) else 1)
