"""Quitting the desktop app while it works: many start/work/quit cycles on a real X server.

Usage: ``python bench/quit_cycles.py [--cycles N] [--seed S] [--keep DIR]`` (default 200
cycles). Needs ``Xvfb`` and ``xdotool`` (Debian: ``apt-get install xvfb xdotool``); it starts
its own Xvfb on a free display unless ``--display`` names one.

Each cycle starts ``main.py`` on a fresh data dir, so the demo library is imported, indexed
and its first page rendered while the window comes up, and the notes open with a file
keychain (keyrings.alt) kept in the cycle's temporary folder. Once the window is mapped, it
does work that leaves tasks on the workers, in a random order and with random pauses, as
real key presses and clicks: select another meeting (agenda, notes, page render), select an
agenda item, scroll and turn pages, type a note, search everything. At a random moment
0–``--max-delay`` s after the window appeared it quits: Ctrl+Q, or a WM_DELETE_WINDOW
message, which is what a window manager sends when the close button is clicked.

A quit that has not ended the app after 3 s is repeated the other way, after an Escape
(twice at most; counted as ``quits_repeated``): Qt refuses the window manager's close request
while the import's window-modal progress dialog shows, and without a window manager the
window now and then takes no keys after that dialog. A cycle fails when the app has not
exited ``--timeout`` s after the first quit (it is then sent SIGABRT, so faulthandler prints
every thread's stack, and killed), when it exits non-zero or by a signal, or when its stderr
has anything at all: a clean run prints nothing there, so a "Fatal Python error", a
segfault, a traceback or a Qt warning about a deleted object each fail it. The last line is
JSON: cycles, failures, seconds, and how long quitting took (from the first quit input to
the process's end).
"""

from __future__ import annotations

import argparse
import ctypes
import json
import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TITLE = "^Mødemappe$"
# Where the note editor is in a fresh 1280x820 window (default splitter sizes).
NOTE_EDITOR = (520, 700)
RETRY_S = 3.0  # a quit not done by then is repeated (twice at most), after an Escape


def start_xvfb() -> tuple[subprocess.Popen[bytes], str]:
    """An Xvfb on a free display number, which it reports on a pipe once it is ready."""
    read, write = os.pipe()
    proc = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1400x900x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as pipe:
        number = pipe.readline().strip()
    if not number:
        proc.kill()
        raise SystemExit("quit_cycles: Xvfb did not start")
    return proc, f":{number}"


class _ClientMessage(ctypes.Structure):
    _fields_ = [
        ("type", ctypes.c_int),
        ("serial", ctypes.c_ulong),
        ("send_event", ctypes.c_int),
        ("display", ctypes.c_void_p),
        ("window", ctypes.c_ulong),
        ("message_type", ctypes.c_ulong),
        ("format", ctypes.c_int),
        ("data", ctypes.c_long * 5),
    ]


class _XEvent(ctypes.Union):
    _fields_ = [("client", _ClientMessage), ("pad", ctypes.c_long * 24)]


class X11:
    """Sends WM_DELETE_WINDOW as a window manager does; xdotool has no such command."""

    def __init__(self, display: str) -> None:
        self.lib = ctypes.CDLL("libX11.so.6")
        self.lib.XOpenDisplay.restype = ctypes.c_void_p
        self.lib.XOpenDisplay.argtypes = [ctypes.c_char_p]
        self.lib.XInternAtom.restype = ctypes.c_ulong
        self.lib.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
        self.lib.XSendEvent.argtypes = [
            ctypes.c_void_p,
            ctypes.c_ulong,
            ctypes.c_int,
            ctypes.c_long,
            ctypes.c_void_p,
        ]
        self.lib.XFlush.argtypes = [ctypes.c_void_p]
        self.dpy = self.lib.XOpenDisplay(display.encode())
        if not self.dpy:
            raise SystemExit(f"quit_cycles: cannot open display {display}")
        self.protocols = self.lib.XInternAtom(self.dpy, b"WM_PROTOCOLS", 0)
        self.delete = self.lib.XInternAtom(self.dpy, b"WM_DELETE_WINDOW", 0)

    def close_window(self, window: int) -> None:
        event = _XEvent()
        event.client.type = 33  # ClientMessage
        event.client.send_event = 1
        event.client.window = window
        event.client.message_type = self.protocols
        event.client.format = 32
        event.client.data[0] = self.delete
        event.client.data[1] = 0  # CurrentTime
        self.lib.XSendEvent(self.dpy, window, 0, 0, ctypes.byref(event))
        self.lib.XFlush(self.dpy)


def xdotool(env: dict[str, str], *args: str, timeout: float = 10) -> str:
    done = subprocess.run(
        ["xdotool", *args], env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    return done.stdout


def find_window(env: dict[str, str], proc: subprocess.Popen[bytes], limit: float) -> int | None:
    """The main window's id once it is mapped, or None if the app died or took too long."""
    end = time.monotonic() + limit
    while time.monotonic() < end and proc.poll() is None:
        ids = xdotool(env, "search", "--onlyvisible", "--name", TITLE).split()
        if ids:
            return int(ids[0])
        time.sleep(0.05)
    return None


def work_steps(env: dict[str, str], wid: int) -> dict[str, Callable[[], None]]:
    """Each step is what a user does with the keyboard or mouse; each leaves tasks running."""
    w = str(wid)

    def keys(*names: str) -> None:
        xdotool(env, "windowfocus", w, "key", "--delay", "20", *names)

    def note() -> None:
        x, y = NOTE_EDITOR
        xdotool(env, "mousemove", "--window", w, str(x), str(y), "click", "1")
        xdotool(env, "type", "--delay", "15", "Spørg til økonomien i punkt 2.1")

    def search() -> None:
        keys("ctrl+f")
        xdotool(env, "type", "--delay", "15", "sundhed")
        keys("Return")

    return {
        "meeting": lambda: keys("alt+1", "Down"),
        "item": lambda: keys("alt+2", "Down", "Down", "Down"),
        "scroll": lambda: keys("alt+3", "Next", "Next", "Next", "ctrl+Next", "Right"),
        "note": note,
        "search": search,
    }


def quit_app(env: dict[str, str], x11: X11, wid: int, how: str) -> None:
    if how == "ctrl+q":
        xdotool(env, "windowfocus", str(wid), "key", "ctrl+q")
    else:
        x11.close_window(wid)


def run_cycle(
    rng: random.Random, env: dict[str, str], x11: X11, args: argparse.Namespace, folder: Path
) -> dict[str, object]:
    data = folder / "data"
    cycle_env = dict(env)
    cycle_env.update(
        PYTHON_KEYRING_BACKEND="keyrings.alt.file.PlaintextKeyring",
        XDG_DATA_HOME=str(folder / "xdg-data"),
        XDG_CONFIG_HOME=str(folder / "xdg-config"),
        XDG_RUNTIME_DIR=str(folder / "runtime"),
        HOME=str(folder / "home"),
    )
    (folder / "runtime").mkdir(mode=0o700)
    (folder / "home").mkdir()
    stderr_path = folder / "stderr.txt"
    with open(stderr_path, "wb") as err:
        proc = subprocess.Popen(
            [sys.executable, str(ROOT / "main.py"), "--data-dir", str(data)],
            env=cycle_env,
            stdout=subprocess.DEVNULL,
            stderr=err,
            cwd=ROOT,
        )
        record: dict[str, object] = {"pid": proc.pid}
        wid = find_window(env, proc, args.timeout)
        done: list[str] = []
        quit_how = "none"
        quit_at = time.monotonic()
        if wid is not None:
            deadline = time.monotonic() + rng.uniform(0, args.max_delay)
            steps = work_steps(env, wid)
            order = list(steps)
            rng.shuffle(order)
            for name in order:
                if time.monotonic() >= deadline or proc.poll() is not None:
                    break
                steps[name]()
                done.append(name)
                time.sleep(rng.uniform(0, 0.15))
            time.sleep(max(0.0, deadline - time.monotonic()))
            quit_how = rng.choice(["ctrl+q", "close"])
            quit_at = time.monotonic()
            quit_app(env, x11, wid, quit_how)
        rc: int | None = None
        hung, retries = False, 0
        limit = time.monotonic() + args.timeout
        while rc is None:
            try:
                rc = proc.wait(timeout=RETRY_S)
            except subprocess.TimeoutExpired:
                if time.monotonic() >= limit:
                    hung = True
                    if args.keep and shutil.which("import"):  # what the screen showed
                        args.keep.mkdir(parents=True, exist_ok=True)
                        shot = args.keep / f"hung-{proc.pid}.png"
                        subprocess.run(
                            ["import", "-window", "root", str(shot)], env=env, check=False
                        )
                    proc.send_signal(signal.SIGABRT)  # faulthandler prints every stack
                    try:
                        rc = proc.wait(timeout=5)
                    except subprocess.TimeoutExpired:
                        proc.kill()
                        rc = proc.wait()
                elif wid is not None and retries < 2:
                    # Quitting the other way: the window manager's close request is refused
                    # while the import's window-modal progress dialog shows (a user presses
                    # Escape, Cancel, first), and without a window manager the window now and
                    # then takes no keys after that dialog, Ctrl+Q included.
                    retries += 1
                    xdotool(env, "key", "Escape")
                    quit_app(env, x11, wid, "close" if quit_how == "ctrl+q" else "ctrl+q")
    stderr = stderr_path.read_text(errors="replace")
    problems = []
    if wid is None:
        problems.append("no window")
    if hung:
        problems.append("did not exit")
    if rc != 0:
        problems.append(f"exit status {rc}")
    if stderr.strip():
        problems.append("stderr: " + stderr.strip().splitlines()[0][:200])
    record.update(
        work=done,
        quit=quit_how,
        quit_seconds=time.monotonic() - quit_at,
        retries=retries,
        rc=rc,
        problems=problems,
        stderr=stderr,
    )
    return record


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cycles", type=int, default=200)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--max-delay", type=float, default=2.0, help="latest quit, seconds")
    parser.add_argument("--timeout", type=float, default=30.0, help="per start and per exit")
    parser.add_argument("--display", help="an X display to use instead of a new Xvfb")
    parser.add_argument("--keep", type=Path, help="copy failing cycles' stderr here")
    args = parser.parse_args()
    for tool in ("xdotool",) if args.display else ("xdotool", "Xvfb"):
        if shutil.which(tool) is None:
            raise SystemExit(f"quit_cycles: {tool} is not installed")
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(2**32)
    rng = random.Random(seed)
    xvfb, display = (None, args.display) if args.display else start_xvfb()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("QT_", "MOEDEMAPPE_"))}
    path = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p)
    env.update(DISPLAY=display, PYTHONPATH=path, PYTHONFAULTHANDLER="1")
    x11 = X11(display)
    failures: list[dict[str, object]] = []
    quit_times: list[float] = []
    kinds: Counter[str] = Counter()
    repeated = 0
    started = time.monotonic()
    print(f"quit_cycles: {args.cycles} cycles on {display}, seed {seed}", flush=True)
    try:
        for n in range(1, args.cycles + 1):
            with tempfile.TemporaryDirectory(prefix="quit-cycle-") as tmp:
                record = run_cycle(rng, env, x11, args, Path(tmp))
            kinds[str(record["quit"])] += 1
            repeated += bool(record["retries"])
            if record["problems"]:
                failures.append(record)
                print(
                    f"cycle {n}: FAIL ({record['quit']} after {record['work']}): "
                    + "; ".join(map(str, record["problems"])),
                    flush=True,
                )
                if args.keep:
                    args.keep.mkdir(parents=True, exist_ok=True)
                    (args.keep / f"cycle-{n}.stderr.txt").write_text(str(record["stderr"]))
            else:
                quit_times.append(float(str(record["quit_seconds"])))
            if n % 10 == 0 or n == args.cycles:
                print(
                    f"cycles {n}, failures {len(failures)}, "
                    f"seconds {time.monotonic() - started:.0f}",
                    flush=True,
                )
    finally:
        if xvfb is not None:
            xvfb.terminate()
            xvfb.wait()
    seconds = time.monotonic() - started
    print(
        json.dumps(
            {
                "cycles": args.cycles,
                "failures": len(failures),
                "seconds": round(seconds, 1),
                "seed": seed,
                "quit_methods": dict(kinds),
                "quits_repeated": repeated,
                "quit_to_exit_s": {
                    "median": round(statistics.median(quit_times), 3) if quit_times else None,
                    "max": round(max(quit_times), 3) if quit_times else None,
                },
                "failed": [{k: r[k] for k in ("quit", "work", "rc", "problems")} for r in failures],
            },
            ensure_ascii=False,
        )
    )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
