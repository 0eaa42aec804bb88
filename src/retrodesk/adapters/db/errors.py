"""Translate database failures into retrodesk errors at the adapter boundary."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm.exc import StaleDataError

from retrodesk.kernel.errors import Conflict, RetrodeskError

__all__ = ["translate_db_errors"]


@contextlib.contextmanager
def translate_db_errors() -> Iterator[None]:
    """Re-raise SQLAlchemy failures as retrodesk errors, chaining the cause."""
    try:
        yield
    except StaleDataError as exc:
        raise Conflict("the record changed since it was read") from exc
    except IntegrityError as exc:
        raise Conflict("a uniqueness or reference rule was violated: "
                       f"{str(exc.orig).splitlines()[0]}") from exc
    except OperationalError as exc:
        reason = str(exc.orig).splitlines()[0]
        raise RetrodeskError(f"the database is unavailable: {reason}") from exc
