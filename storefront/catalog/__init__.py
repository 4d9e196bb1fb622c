"""Browsing the catalogue: kinds, clusters, regions, product pages, sellers, files."""
