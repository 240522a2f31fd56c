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
