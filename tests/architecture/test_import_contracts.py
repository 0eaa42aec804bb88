"""The layer map (kernel ← rules ← rating ← programs ← adapters ← entrypoints) holds."""

import subprocess
import sys
from pathlib import Path

from retrodesk.entrypoints.errors import STATUS
from retrodesk.kernel import errors


def test_import_layers_are_respected() -> None:
    linter = Path(sys.executable).with_name("lint-imports")
    done = subprocess.run([str(linter)], capture_output=True, text=True, check=False,
                          cwd=Path(__file__).parents[2])
    assert done.returncode == 0, done.stdout + done.stderr


def test_every_error_class_has_a_status_and_exit_code() -> None:
    classes = [obj for obj in vars(errors).values()
               if isinstance(obj, type) and issubclass(obj, errors.RetrodeskError)]
    assert set(classes) == set(STATUS)
