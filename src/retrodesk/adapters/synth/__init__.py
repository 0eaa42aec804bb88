"""The synthetic book of business: deterministic, Washington-like, written through the loader."""
