"""Use cases, one module per aggregate; every write is one transaction."""
