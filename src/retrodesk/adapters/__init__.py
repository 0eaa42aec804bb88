"""Implementations of the ports: database, documents, batch analytics, file formats."""
