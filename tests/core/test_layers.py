"""The app layering of docs/development.md holds: the contract lives in pyproject.toml."""

from pathlib import Path

from django.apps import apps
from importlinter import configuration
from importlinter.application.use_cases import lint_imports

PYPROJECT = Path(__file__).resolve().parents[2] / "pyproject.toml"


def test_no_app_imports_an_app_above_or_beside_it_so_no_two_apps_import_each_other():
    configuration.configure()  # what the lint-imports command does first
    # On failure the captured report names each forbidden import with its module and line.
    assert lint_imports(config_filename=str(PYPROJECT), cache_dir=None, no_logo=True)


def test_no_model_orders_its_plain_queries_across_a_foreign_key():
    # docs/development.md: Meta.ordering names the model's own columns, so a plain query joins
    # nothing; a list across parents orders explicitly.
    joining = [
        model._meta.label
        for model in apps.get_models()
        if model.__module__.startswith("pactmonitor.")
        and "JOIN" in str(model._default_manager.all().query)
    ]
    assert joining == []
