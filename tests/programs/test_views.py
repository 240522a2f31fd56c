"""The public programs list (by direction) and program page."""

import pytest

from programs.models import Direction
from tests import factories


@pytest.mark.django_db
class TestProgramList:
    def test_it_groups_programs_by_direction_in_a_fixed_order(self, client):
        factories.ProgramFactory(title_en="Sport club «Tusau keser»", direction=Direction.SPORT)
        factories.ProgramFactory(title_en="Education grants", direction=Direction.EDUCATION)
        factories.ProgramFactory(title_en="Eye screening", direction=Direction.HEALTHCARE)
        html = client.get("/en/programs/").content.decode()
        assert html.index('<h2 id="direction-1" class="h4">Education</h2>') < html.index("Healthcare</h2>")
        assert html.index("Healthcare</h2>") < html.index("Sport</h2>")
        assert html.index("Education grants") < html.index("Eye screening") < html.index("Sport club")

    def test_it_shows_beneficiaries_and_regions_reached(self, client):
        program = factories.ProgramFactory(title_en="Exoskeletons", beneficiaries=42)
        factories.region("KZ-71").programs.add(program)
        factories.region("KZ-75").programs.add(program)
        html = client.get("/en/programs/").content.decode()
        assert "42 beneficiaries" in html
        assert "2 regions" in html

    def test_it_says_so_when_there_is_no_program(self, client, db):
        assert "No programs have been published yet." in client.get("/en/programs/").content.decode()

    def test_it_shows_titles_in_the_page_language(self, client, db):
        factories.ProgramFactory(title_kk="Білім гранттары", title_ru="Образовательные гранты")
        assert "Білім гранттары" in client.get("/kk/programs/").content.decode()
        assert "Образовательные гранты" in client.get("/ru/programs/").content.decode()


@pytest.mark.django_db
class TestProgramDetail:
    def test_it_shows_what_for_whom_where_and_how_many(self, client):
        program = factories.ProgramFactory(
            slug="exoskeletons",
            title_en="Exoskeletons and bionic prostheses",
            target_group_en="Children with disabilities",
            body_en="We **buy** exoskeletons. <script>alert(1)</script>",
            beneficiaries=17,
        )
        factories.region("KZ-71").programs.add(program)
        html = client.get("/en/programs/exoskeletons/").content.decode()
        assert "<h1>Exoskeletons and bionic prostheses</h1>" in html
        assert "Children with disabilities" in html
        assert "<strong>buy</strong>" in html
        assert "<script>alert" not in html
        assert 'data-testid="beneficiaries">17<' in html
        assert 'href="/en/regions/astana/"' in html

    def test_it_lists_the_public_proposals_that_shaped_it(self, client, tour):
        program = factories.ProgramFactory(slug="screening")
        factories.ProposalFactory(tour=tour, program=program, text="Көз скринингі керек", publish_name=True)
        factories.ProposalFactory(tour=tour, program=program, author_name="Құпия Есім", publish_name=False)
        factories.ProposalFactory(tour=tour, program=program, text="Жария емес", is_public=False)
        factories.ProposalFactory(tour=tour, text="Басқа бағдарлама")
        html = client.get("/en/programs/screening/").content.decode()
        assert "Көз скринингі керек" in html
        assert "Әлия Сәрсенова" in html
        assert "Құпия Есім" not in html
        assert "Жария емес" not in html
        assert "Басқа бағдарлама" not in html

    def test_an_unknown_program_is_404(self, client, db):
        assert client.get("/en/programs/nothing-here/").status_code == 404
