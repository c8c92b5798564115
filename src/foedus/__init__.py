"""foedus: who did what to whom, and who promised to help whom, from the news."""

__version__ = "0.1.0"
