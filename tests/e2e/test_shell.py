"""`rasa shell` driven in a pseudo-terminal: a short conversation, with a button chosen."""

import sys
from pathlib import Path

import pexpect
import pytest

from tests.conftest import MODEL, ROOT
from tests.e2e.conftest import ENV, free_port

pytestmark = pytest.mark.model
PROMPT = "Your input ->"
DOWN = "\x1b[B"


def test_shell_conversation_with_buttons(action_endpoints, tmp_path):
    rasa = str(Path(sys.executable).parent / "rasa")
    log = open(tmp_path / "shell.log", "w")  # noqa: SIM115
    shell = pexpect.spawn(rasa, ["shell", "--model", str(MODEL), "--endpoints", str(action_endpoints),
                                 "--port", str(free_port())],
                          cwd=str(ROOT), env={**ENV, "TERM": "xterm"}, encoding="utf-8",
                          timeout=180, dimensions=(50, 200))
    shell.logfile_read = log
    try:
        shell.expect_exact(PROMPT)
        shell.sendline("hi")
        shell.expect_exact("I'm Legbot")
        shell.expect_exact(PROMPT, timeout=60)
        shell.sendline("my calves cramp at night")
        shell.expect_exact("Is it one leg or both?", timeout=60)
        shell.expect_exact("Left leg", timeout=30)
        shell.send(DOWN)  # choose the second button, "Right leg"
        shell.send("\r")
        shell.expect_exact("Is either leg swollen, red or warm", timeout=60)
        shell.expect_exact("None of these", timeout=30)
        shell.send(DOWN + DOWN)  # "None of these"
        shell.send("\r")
        shell.expect_exact("Does anything ease it?", timeout=60)
        shell.expect_exact("Stretching", timeout=30)
        shell.send(DOWN)  # "Stretching"
        shell.send("\r")
        shell.expect_exact("How long has this been going on?", timeout=60)
        # the last choice of a button menu lets the user type freely
        shell.expect_exact("Type out your own message", timeout=30)
        for _ in range(3):
            shell.send(DOWN)
        shell.send("\r")
        shell.sendline("just tell me")
        shell.expect_exact("Possible causes", timeout=60)
        shell.expect_exact("Muscle cramps", timeout=30)
        shell.expect_exact("not a diagnosis", timeout=30)
    finally:
        shell.sendline("/stop")
        shell.close(force=True)
        log.close()
