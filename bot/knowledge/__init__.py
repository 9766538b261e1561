"""The knowledge store: schema, the builder that reads data/documents, the read-only query API."""
