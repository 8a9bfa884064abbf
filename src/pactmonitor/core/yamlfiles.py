"""Reading the YAML files Pactmonitor ships and accepts (the dataset, the source recipes).

One loader for all of them: libyaml's safe loader when PyYAML was built with it — it parses the
bundled dataset about ten times faster than the pure-Python one — and the pure-Python safe loader
otherwise. Both build only plain data (no Python objects from tags) and read the same YAML.
"""

from __future__ import annotations

from typing import Any

import yaml

YAMLError = yaml.YAMLError
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(text: str) -> Any:
    """The data of one YAML document; raises ``YAMLError`` (with line and column) when it is
    not valid YAML."""
    return yaml.load(text, Loader=_Loader)  # noqa: S506  (a safe loader, C or Python)
