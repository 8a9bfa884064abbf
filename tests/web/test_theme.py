"""The pages wear the NL Design System: its components in the base template, colours and spacing
from a theme's design tokens, and a theme a pact can replace with a file of its own."""

import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.core.exceptions import ImproperlyConfigured

from pactmonitor.settings import theme

pytestmark = pytest.mark.django_db

STATIC = Path(__file__).resolve().parents[2] / "src" / "pactmonitor" / "web" / "static"
APP_CSS = sorted((STATIC / "web").glob("*.css"))
THEMES = {path.stem: path.read_text() for path in (STATIC / "themes").glob("*.css")}
VENDORED = (STATIC / "vendor" / "rhc-components.css").read_text() + (
    STATIC / "vendor" / "utrecht-components.css"
).read_text()
COLOUR_VALUE = re.compile(r"#[0-9a-fA-F]{3,8}\b|\b(?:rgba?|hsla?)\(")


def rules(css: str) -> list[tuple[str, str]]:
    """(selector, declarations) of every rule, those inside @media included."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    css = re.sub(r"@media[^{]*\{((?:[^{}]*\{[^{}]*\})*)\s*\}", r"\1", css)
    return [(sel.strip(), body) for sel, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css)]


def properties(body: str) -> set[str]:
    """The properties a rule sets, custom properties (tokens) left out, each by its family
    (padding-inline-start and padding are both "padding"; width is "inline-size")."""
    names = re.findall(r"(?:^|;)\s*([a-z-]+)\s*:", body)
    return {family(name) for name in names if not name.startswith("--")}


FAMILIES = {
    "width": "inline-size",
    "height": "block-size",
    "top": "inset",
    "left": "inset",
    "right": "inset",
    "bottom": "inset",
    "min-width": "min-inline-size",
    "max-width": "max-inline-size",
    "min-height": "min-block-size",
    "max-height": "max-block-size",
}


def family(name: str) -> str:
    for prefix in ("padding", "margin", "border", "background", "inset", "outline"):
        if name == prefix or name.startswith(prefix + "-"):
            return prefix
    return FAMILIES.get(name, name)


def styled(selector: str) -> set[str]:
    """What a selector styles, as component names without modifiers: the component classes of
    its last compound, or the first component class before it and the element it names
    (".utrecht-table th")."""
    compounds = re.split(r"[\s>+~]+", selector.strip())
    own = set(re.findall(r"\.((?:utrecht|nl|rhc)-[a-z0-9-]+(?:__[a-z0-9-]+)?)", compounds[-1]))
    if own:
        return {re.sub(r"--[a-z0-9-]+", "", name) for name in own}
    element = re.match(r"[a-z0-9]*", compounds[-1]).group(0)
    before = re.findall(r"\.((?:utrecht|nl|rhc)-[a-z0-9-]+(?:__[a-z0-9-]+)?)", selector)
    return {re.sub(r"--[a-z0-9-]+", "", before[0]) + " " + element} if before and element else set()


def test_the_app_css_holds_no_colour_value_outside_the_theme_files():
    found = {
        path.name: COLOUR_VALUE.findall(path.read_text())
        for path in APP_CSS
        if COLOUR_VALUE.search(path.read_text())
    }
    assert APP_CSS and found == {}


def test_the_app_css_sets_no_property_a_component_sets_itself():
    vendored: dict[str, set[str]] = {}
    for selectors, body in rules(VENDORED):
        for selector in selectors.split(","):
            for name in styled(selector):
                vendored.setdefault(name, set()).update(properties(body))
    overrides = [
        (selector, name, sorted(properties(body) & vendored.get(name, set())))
        for path in APP_CSS
        for selectors, body in rules(path.read_text())
        for selector in selectors.split(",")
        for name in styled(selector)
        if properties(body) & vendored.get(name, set())
    ]
    assert overrides == []


def test_the_app_css_leaves_the_skip_link_to_its_component():
    app = "".join(path.read_text() for path in APP_CSS)
    assert ".nl-skip-link" not in app


@pytest.mark.parametrize("name", ["pactmonitor", "rijkshuisstijl"])
def test_every_token_of_the_app_css_is_given_by_each_theme(name):
    app = "".join(path.read_text() for path in APP_CSS)
    used = set(re.findall(r"var\((--pm-[\w-]+)", app))
    set_by_the_app = set(re.findall(r"(--pm-[\w-]+)\s*:", app))
    defined = set(re.findall(r"(--[\w-]+)\s*:", THEMES[name]))
    assert used - set_by_the_app - defined == set()


def test_the_neutral_theme_wears_no_rijkshuisstijl_token():
    assert "--rhc-color" not in THEMES["pactmonitor"]
    assert "lintblauw" not in THEMES["pactmonitor"]


def test_the_base_template_builds_the_page_from_the_components(client, world):
    page = client.get("/pacten/techniekpact-2020/acties/2/").content.decode()
    assert '<header class="utrecht-page-header">' in page
    assert '<nav class="utrecht-nav-bar"' in page and 'class="utrecht-nav-list"' in page
    assert '<footer class="utrecht-page-footer">' in page and "utrecht-link-list" in page
    assert '<nav class="utrecht-breadcrumb-nav"' in page
    assert '<h1 class="nl-heading nl-heading--level-1">' in page
    assert "utrecht-data-list__item-key" in page
    assert 'class="nl-skip-link nl-skip-link--visible-on-focus"' in page


def test_the_navigation_marks_the_section_the_visitor_is_in(client, world):
    page = client.get("/pacten/techniekpact-2020/").content.decode()
    assert '<a class="utrecht-nav-list__link" href="/pacten/" aria-current="page">' in page
    assert 'href="/" aria-current' not in page


def test_a_status_is_a_status_badge_with_its_word(client, world):
    page = client.get("/pacten/techniekpact-2020/").content.decode()
    assert 'class="utrecht-badge-status pm-status pm-status--afgerond">afgerond<' in page


def test_the_pages_wear_the_neutral_theme_unless_told_otherwise(client, world):
    page = client.get("/pacten/").content.decode()
    assert 'class="pactmonitor-theme"' in page and "/static/themes/pactmonitor" in page
    assert "rhc-tokens" not in page


def test_a_ministrys_site_wears_the_rijkshuisstijl(client, world, settings):
    settings.PACTMONITOR_THEME, _ = theme("rijkshuisstijl", "")
    page = client.get("/pacten/").content.decode()
    assert 'class="rhc-theme"' in page and "/static/vendor/rhc-tokens" in page


def test_a_pact_replaces_the_theme_with_a_token_file_of_its_own(client, world, settings, tmp_path):
    own = tmp_path / "klimaatpact.css"
    own.write_text(".pactmonitor-theme { --pm-color-primary-500: green; }")
    settings.PACTMONITOR_THEME, settings.STATICFILES_DIRS = theme("pactmonitor", str(own))
    page = client.get("/pacten/").content.decode()
    assert "/static/pact-theme/klimaatpact" in page
    assert "/static/themes/pactmonitor" not in page
    assert finders.find("pact-theme/klimaatpact.css") == str(own)


def test_a_theme_that_does_not_exist_stops_start_up_with_its_name(tmp_path):
    with pytest.raises(ImproperlyConfigured, match="PACTMONITOR_THEME: expected one of"):
        theme("oranje", "")
    with pytest.raises(ImproperlyConfigured, match="PACTMONITOR_THEME_CSS: .* is not a .css file"):
        theme("pactmonitor", str(tmp_path / "missing.css"))
