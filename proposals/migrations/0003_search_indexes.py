"""Full-text and trigram indexes on PostgreSQL; nothing on SQLite (it searches the casefolded copy)."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

# The expression must match what proposals.selectors builds, or PostgreSQL will not use the index.
CREATE = [
    "CREATE INDEX IF NOT EXISTS proposal_search_fts ON proposals_proposal "
    "USING gin (to_tsvector('simple'::regconfig, COALESCE(search_text, '')))",
    "CREATE INDEX IF NOT EXISTS proposal_search_trgm ON proposals_proposal USING gin (search_text gin_trgm_ops)",
]
DROP = [
    "DROP INDEX IF EXISTS proposal_search_fts",
    "DROP INDEX IF EXISTS proposal_search_trgm",
]


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for sql in statements:
            schema_editor.execute(sql)

    return apply


class Migration(migrations.Migration):
    dependencies = [
        ("proposals", "0002_import_jobs_answer_templates_notifications"),
    ]

    operations = [
        TrigramExtension(),  # a no-op on other databases
        migrations.RunPython(run(CREATE), run(DROP)),
    ]
