"""The seller dashboard: shop details, listings, uploads, licence offers (blueprint in views)."""
