"""The statements a Dutch public site publishes: accessibility, privacy and contact."""

import pytest

pytestmark = pytest.mark.django_db


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_every_page_links_the_three_statements_from_its_footer(client, world):
    footer = page(client, "/pacten/").split('<footer class="utrecht-page-footer">', 1)[1]
    for url in ("/toegankelijkheid/", "/privacy/", "/contact/"):
        assert f'href="{url}"' in footer


def test_the_accessibility_statement_gives_its_status_and_the_date_of_the_last_check(
    client, settings
):
    settings.PACTMONITOR_ACCESSIBILITY_CHECKED = "2026-12-01"
    text = page(client, "/toegankelijkheid/")
    assert "Status: C — eerste maatregelen genomen" in text
    assert '<time datetime="2026-12-01">1 december 2026</time>' in text
    assert "Nationale ombudsman" in text


def test_the_contact_page_names_the_operator_and_address_when_they_are_set(client, settings):
    settings.PACTMONITOR_OPERATOR = "Secretariaat Techniekpact"
    settings.PACTMONITOR_CONTACT_EMAIL = "info@example.org"
    text = page(client, "/contact/")
    assert "Deze website wordt beheerd door Secretariaat Techniekpact." in text
    assert 'href="mailto:info@example.org"' in text


def test_without_an_operator_the_pages_say_so_and_name_nobody(client, settings):
    settings.PACTMONITOR_OPERATOR = ""
    settings.PACTMONITOR_CONTACT_EMAIL = ""
    settings.PACTMONITOR_CONTACT_URL = ""
    assert "heeft nog geen contactgegevens opgegeven" in page(client, "/contact/")
    assert "heeft nog niet opgegeven wie verantwoordelijk is" in page(client, "/privacy/")


def test_the_privacy_statement_says_contact_persons_are_never_public(client):
    assert "nooit op de openbare pagina's" in page(client, "/privacy/")


def test_the_statements_are_in_english_under_en(client):
    assert "Accessibility statement" in page(client, "/en/toegankelijkheid/")


@pytest.mark.parametrize("url", ["/", "/pacten/techniekpact-2020/", "/zoeken/?q=techniek", "/en/"])
def test_a_reader_of_the_public_pages_gets_no_cookie_as_the_privacy_statement_says(
    client, world, url
):
    response = client.get(url)
    assert response.status_code == 200 and not response.cookies
