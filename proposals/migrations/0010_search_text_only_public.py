"""search_text held the author's organisation even without consent: rebuild it from what is public."""

from django.db import migrations

BATCH = 2000


def rebuild(apps, schema_editor):
    Proposal = apps.get_model("proposals", "Proposal")
    # Only rows with an unconsented organisation or name can change.
    rows = Proposal.objects.filter(publish_name=False).exclude(author_organisation="", author_name="")
    batch = []
    for proposal in rows.only("text", "search_text").iterator(chunk_size=BATCH):
        # The same folding as proposals.models.search_text_for, with no name or organisation.
        proposal.search_text = proposal.text.casefold()
        batch.append(proposal)
        if len(batch) == BATCH:
            Proposal.objects.bulk_update(batch, ["search_text"])
            batch = []
    Proposal.objects.bulk_update(batch, ["search_text"])


class Migration(migrations.Migration):
    dependencies = [("proposals", "0009_public_newest_first_index")]

    operations = [migrations.RunPython(rebuild, migrations.RunPython.noop)]
