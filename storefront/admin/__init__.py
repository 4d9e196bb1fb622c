"""Administration: verify sellers, unpublish listings."""
