"""Table models: what the views show, fetched from the services page by page."""
