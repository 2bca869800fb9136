"""Full-text search over operations (PostgreSQL GIN index on a tsvector, SQLite FTS5 with triggers) and the
indexes behind the sort orders of the public list. The SQL lives in ``transparency.search`` so that
``post_migrate`` can put back what a rebuild of ``projects_operation`` removes."""

from django.db import migrations


def forwards(apps, schema_editor):
    from subsidia.transparency import search

    search.install(schema_editor.connection)


def backwards(apps, schema_editor):
    from subsidia.transparency import search

    search.uninstall(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("transparency", "0001_initial"),
        ("projects", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
