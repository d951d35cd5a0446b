"""Commrel's speed suite: each case timed against a raw-library baseline in the same run."""
