"""Importing this module registers every foedus spaCy factory."""

from ..actors import component as _actors  # noqa: F401
from ..timex import component as _timex  # noqa: F401
from ..places import component as _places  # noqa: F401
from ..coding import component as _coding  # noqa: F401
