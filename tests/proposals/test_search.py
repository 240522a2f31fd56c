"""search_proposals: Kazakh and Russian text in any letter case, on SQLite and PostgreSQL."""

import pytest

from proposals.models import Proposal
from proposals.selectors import search_proposals, similar_proposals
from tests import factories
from tests.proposals.conftest import make_proposal


def found(query):
    return set(search_proposals(Proposal.objects.all(), query).values_list("text", flat=True))


@pytest.mark.django_db
class TestSearch:
    @pytest.fixture(autouse=True)
    def data(self, tour):
        make_proposal(tour=tour, text="ӘКІМДІКПЕН бірге ИНКЛЮЗИВТІ МЕКТЕПТЕР салу")
        make_proposal(tour=tour, text="Оснастить Перинатальный ЦЕНТР для детей с аутизмом")
        make_proposal(tour=tour, text="Ұлттық спорт клубы «Тұсау кесер»")

    @pytest.mark.parametrize(
        "query, expected",
        [
            ("әкімдікпен", "ӘКІМДІКПЕН бірге ИНКЛЮЗИВТІ МЕКТЕПТЕР салу"),
            ("Инклюзивті мектеп", "ӘКІМДІКПЕН бірге ИНКЛЮЗИВТІ МЕКТЕПТЕР салу"),
            ("ПЕРИНАТАЛЬНЫЙ центр", "Оснастить Перинатальный ЦЕНТР для детей с аутизмом"),
            ("аутизм", "Оснастить Перинатальный ЦЕНТР для детей с аутизмом"),
            ("ҰЛТТЫҚ тұсау", "Ұлттық спорт клубы «Тұсау кесер»"),
        ],
    )
    def test_it_matches_regardless_of_letter_case(self, query, expected):
        assert found(query) == {expected}

    def test_every_word_must_match(self):
        assert found("мектептер аутизм") == set()

    def test_an_empty_query_matches_everything(self):
        assert len(found("  ")) == 3

    def test_it_finds_a_tracking_code(self, tour):
        proposal = make_proposal(tour=tour, text="Кітапхана")
        assert found(proposal.code.lower()) == {"Кітапхана"}

    def test_punctuation_cannot_break_the_query(self):
        assert found("мектеп & | ! ( :*") == {"ӘКІМДІКПЕН бірге ИНКЛЮЗИВТІ МЕКТЕПТЕР салу"}


@pytest.mark.django_db
class TestSimilar:
    def test_it_ranks_the_closest_first_and_skips_other_tours(self, tour):
        from tests import factories

        proposal = make_proposal(tour=tour, text="Манас көшесіндегі онкологиялық орталықты жаңа жабдықпен жарақтандыру")
        close = make_proposal(tour=tour, text="Манас көшесіндегі онкологиялық орталықты жабдықпен жарақтандыру керек")
        loose = make_proposal(tour=tour, text="Онкологиялық орталыққа көмек")
        make_proposal(tour=factories.TourFactory(), text=proposal.text)
        result = similar_proposals(proposal)
        assert result[0] == close
        assert loose not in result[:1]
        assert all(p.tour_id == tour.pk for p in result)


@pytest.mark.django_db
class TestSearchMatchesOnlyWhatThePublicSees:
    """The author's name and organisation are searchable only when the author agreed to publish them."""

    @pytest.fixture(autouse=True)
    def data(self, tour):
        make_proposal(
            tour=tour,
            text="Оңалту орталығын ашу",
            author_name="Гүлнар Сейтқалиева",
            author_organisation="Жарқын Болашақ ҚБ",
        )
        make_proposal(
            tour=tour,
            text="Спорт алаңын салу",
            author_name="Ерлан Жақыпов",
            author_organisation="Ақ Ниет ҮЕҰ",
            publish_name=True,
        )

    @pytest.mark.parametrize("query", ["Жарқын", "болашақ", "Гүлнар", "Сейтқалиева"])
    def test_an_unconsented_name_or_organisation_matches_nothing(self, client, query):
        assert found(query) == set()
        page = client.get("/kk/proposals/", {"q": query}).content.decode()
        assert "Оңалту орталығын ашу" not in page

    @pytest.mark.parametrize("query", ["Ақ Ниет", "ерлан", "Жақыпов", "спорт"])
    def test_a_consented_name_or_organisation_matches(self, client, query):
        assert found(query) == {"Спорт алаңын салу"}
        assert "Спорт алаңын салу" in client.get("/kk/proposals/", {"q": query}).content.decode()

    def test_withdrawn_consent_leaves_the_index(self):
        proposal = Proposal.objects.get(text="Спорт алаңын салу")
        proposal.publish_name = False
        proposal.save(update_fields=["publish_name"])
        assert found("Ақ Ниет") == set()


@pytest.mark.django_db
def test_the_migration_drops_unconsented_organisations_from_existing_rows(tour):
    import importlib

    from django.apps import apps

    make_proposal(tour=tour, text="Мектеп", author_organisation="Жарқын Болашақ", author_name="Гүлнар")
    make_proposal(tour=tour, text="Саябақ", author_organisation="Ақ Ниет", publish_name=True)
    # As the old save() wrote it: the organisation without consent.
    Proposal.objects.filter(text="Мектеп").update(search_text="мектеп жарқын болашақ")
    importlib.import_module("proposals.migrations.0010_search_text_only_public").rebuild(apps, None)
    assert dict(Proposal.objects.values_list("text", "search_text")) == {
        "Мектеп": "мектеп",
        "Саябақ": "саябақ ақ ниет",
    }


@pytest.mark.django_db
def test_a_former_name_finds_the_renamed_regions_proposals(client, tour):
    """«Нұр-Сұлтан» (2019–2022) is Astana: searching it finds Astana's proposals, in any case."""
    from tests.proposals.conftest import make_proposal

    astana = make_proposal(tour=tour, region=factories.region("KZ-71"), text="Пандус салу керек")
    make_proposal(tour=tour, region=factories.region("KZ-75"), text="Спорт секциясы керек")
    Proposal.objects.update(is_public=True)
    for query in ("Нұр-Сұлтан", "нур-султан", "Nur-Sultan", "Целиноград"):
        html = client.get("/ru/proposals/", {"q": query}).content.decode()
        assert astana.code in html and "Спорт секциясы" not in html, query
    page = client.get("/ru/regions/astana/").content.decode()
    assert "Бывшие названия: Nur-Sultan, Нұр-Сұлтан, Нур-Султан, Akmola, Ақмола, Акмола, Tselinograd" in page
