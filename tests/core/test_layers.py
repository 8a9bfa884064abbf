"""The app layering of docs/development.md holds: the contract lives in pyproject.toml."""

from pathlib import Path

from importlinter import configuration
from importlinter.application.use_cases import lint_imports

PYPROJECT = Path(__file__).resolve().parents[2] / "pyproject.toml"


def test_no_app_imports_an_app_above_or_beside_it_so_no_two_apps_import_each_other():
    configuration.configure()  # what the lint-imports command does first
    # On failure the captured report names each forbidden import with its module and line.
    assert lint_imports(config_filename=str(PYPROJECT), cache_dir=None, no_logo=True)
