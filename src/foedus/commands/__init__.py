"""Command groups of the CLI, one module per area; ``foedus.cli`` mounts them."""
