"""Schema evolution: step-by-step upgrades of documents written by older coprods.

Each :class:`Migration` turns the plain data of one schema version into the next, without
losing anything. Loading runs the chain from a document's version up to the current one, so
stored agreements keep loading as coprod evolves; ``coprod convert --to-version`` writes the
upgraded file. Schema version 1 is the first released; no migration exists yet.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import attrs

from coprod.errors import InvalidValueError

#: A step: plain data of version N (without the envelope's ``schema_version``) -> version N+1.
Upgrade = Callable[[str, dict[str, Any]], dict[str, Any]]


@attrs.frozen(kw_only=True)
class Migration:
    """One step from schema version ``from_version`` to ``from_version + 1``.

    Args:
        from_version: The version it reads.
        description: What changed, for the changelog and for ``coprod convert``'s report.
        upgrade: A function of (document kind, data) returning the data at the next version;
            it must keep every value (migrations are lossless).

    .. versionadded:: 0.1.0
    """

    from_version: int
    description: str
    upgrade: Upgrade

    @property
    def to_version(self) -> int:
        """The version it writes."""
        return self.from_version + 1


_MIGRATIONS: dict[int, Migration] = {}


def register_migration(migration: Migration) -> None:
    """Add a migration step; each version has at most one step out of it.

    Raises:
        InvalidValueError: If a step from that version is already registered.
    """
    if migration.from_version in _MIGRATIONS:
        raise InvalidValueError(
            f"a migration from schema version {migration.from_version} is already registered"
        )
    _MIGRATIONS[migration.from_version] = migration


def unregister_migration(from_version: int) -> None:
    """Remove the step from *from_version* (for tests and plugins)."""
    _MIGRATIONS.pop(from_version, None)


def readable_versions(current: int) -> frozenset[int]:
    """The versions that can be brought up to *current* by registered steps."""
    versions = {current}
    v = current - 1
    while v in _MIGRATIONS:
        versions.add(v)
        v -= 1
    return frozenset(versions)


def upgrade(kind: str, data: Mapping[str, Any], from_version: int, to_version: int
            ) -> tuple[dict[str, Any], tuple[Migration, ...]]:
    """Run the migration steps from *from_version* to *to_version*.

    Returns:
        The upgraded data and the steps applied, in order.
    """
    body = dict(data)
    applied = []
    for v in range(from_version, to_version):
        step = _MIGRATIONS[v]
        body = step.upgrade(kind, body)
        applied.append(step)
    return body, tuple(applied)
