"""Home, about and help pages, the navigation registry and template helpers."""
