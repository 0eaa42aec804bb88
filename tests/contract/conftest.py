from tests.integration.db.databases import (  # noqa: F401 - fixtures
    engine,
    postgres_url,
    sqlite_template,
    uow_factory,
)
