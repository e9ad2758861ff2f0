"""Shipped resources: icons, translations, lessons (data only)."""
