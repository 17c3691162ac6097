"""Profiles, the key store and typed preferences (no widgets)."""
