import pytest


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/pacten/",
        "/pacten/techniekpact-2020/",
        "/pacten/techniekpact-2020/acties/1/",
        "/pacten/techniekpact-2020/acties/2/",
        "/landsdelen/",
        "/landsdelen/noord/",
        "/regios/groningen/",
        "/rondes/2014/",
        "/indicatoren/",
        "/indicatoren/havo-nt-profiel/",
        "/initiatieven/",
        "/initiatieven/betapunt-noord/",
        "/zoeken/?q=techniek",
        "/en/",
        "/pacten/techniekpact-noord/",
        "/initiatieven/?q=beta",
    ],
)
def test_smoke(client, world, url):
    r = client.get(url)
    assert r.status_code == 200, r.content[:3000]
