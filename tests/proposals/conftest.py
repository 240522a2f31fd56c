import factory
import pytest

from proposals.models import AnswerTemplate, Proposal
from tests import factories


class AnswerTemplateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AnswerTemplate

    title = "Инклюзивті мектептер"
    status = Proposal.Status.ACCEPTED
    answer_kk = "Ұсыныс қабылданды: бағдарламаға енгізілді."
    answer_ru = "Предложение принято и включено в программу."
    answer_en = "Accepted and taken into the program."


@pytest.fixture
def proposal(tour, astana):
    return factories.ProposalFactory(tour=tour, region=astana)


@pytest.fixture
def answer_template(db):
    return AnswerTemplateFactory()


def make_proposal(**kwargs):
    """A proposal created through the service, so its history starts like a real one."""
    from proposals.services import proposal_create

    defaults = {
        "tour": kwargs.pop("tour", None) or factories.TourFactory(),
        "region": kwargs.pop("region", None) or factories.region(),
        "direction": "education",
        "channel": Proposal.Channel.PUBLIC_FORM,
        "text": "Инклюзивті мектептер салу керек",
    }
    defaults.update(kwargs)
    return proposal_create(**defaults)
