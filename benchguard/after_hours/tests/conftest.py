"""The incident register's test helpers serve here too: protection is asked for judges of
the same courts, often about an incident reported through the register."""

from benchguard.incidents.tests.conftest import (  # noqa: F401  (fixtures)
    base_court,
    colleague,
    media_root,
    report,
)
