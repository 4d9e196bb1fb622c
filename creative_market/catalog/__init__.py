"""The catalogue: sellers, products of four kinds, licence offers, import."""
