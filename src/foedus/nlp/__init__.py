"""The spaCy side of the data path: one Language with our components in order."""
