"""The system of record on SQLAlchemy 2: tables, migrations, unit of work, audit, as-of reads."""
