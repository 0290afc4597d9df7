"""``moedemappe --self-test``: the self-test's report on the terminal (the steps are in
``reader.selftest``). One line per step as it ends, ``ok`` or ``FAIL``; a last line with the
outcome. Exit 0 if every step passed, else 1."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from reader import __version__
from reader.i18n import plural, say
from reader.selftest import STEPS, Step, StepResult, installation, run_self_test


def self_test(out: TextIO, extra: Sequence[Step] = ()) -> int:
    """Run the core's steps and then ``extra`` (the window's), reporting on ``out``."""
    where = installation()
    print(
        say(
            f"Mødemappe {__version__} selvtest ({where})",
            f"Mødemappe {__version__} self-test ({where})",
        ),
        file=out,
        flush=True,
    )

    def show(step: StepResult) -> None:
        if step.failed:
            print(f"FAIL {step.name}: {step.detail}", file=out, flush=True)
        else:
            print(f"ok   {step.name}: {step.detail} ({step.seconds:.2f} s)", file=out, flush=True)

    outcome = run_self_test([*STEPS, *extra], show)
    if not outcome.passed:
        print(
            say(
                f"selvtesten fejlede ved trinnet {outcome.failed!r}; log og data i {outcome.root}",
                f"self-test failed at step {outcome.failed!r}; log and data kept in {outcome.root}",
            ),
            file=out,
        )
        return 1
    n = plural(outcome.steps, "trin", "trin", "step", "steps")
    print(
        say(
            f"selvtesten bestået: {n} på {outcome.seconds:.1f} s",
            f"self-test passed: {n} in {outcome.seconds:.1f} s",
        ),
        file=out,
    )
    return 0
