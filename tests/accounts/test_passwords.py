"""Password rules: at least 12 characters, not common, not the pact's own words."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from pactmonitor.accounts.passwords import PactWordsValidator
from tests import factory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "password",
    ["Techniekpact2020", "techniekpact2020!", "PACTMONITOR-2015", "Techniek2013Pact", "T3chn1ek"],
)
def test_a_password_built_from_the_pacts_words_and_years_is_refused(password):
    with pytest.raises(ValidationError):
        validate_password(password)


def test_the_pact_rule_itself_refuses_techniekpact2020_whatever_the_case():
    with pytest.raises(ValidationError, match="woorden of jaartallen"):
        PactWordsValidator().validate("tEcHnIeKpAcT2020")


def test_eleven_characters_are_too_few():
    with pytest.raises(ValidationError):
        validate_password("zq8-Lmv2#rX")


def test_a_long_unrelated_passphrase_is_accepted_even_if_it_mentions_the_pact_once():
    user = factory.user(username="nina")
    validate_password("paarse olifant fietst naar het techniekpact", user)


def test_a_password_like_the_user_name_is_refused():
    user = factory.user(username="coordinator-noordvleugel")
    with pytest.raises(ValidationError):
        validate_password("coordinator-noordvleugel", user)
