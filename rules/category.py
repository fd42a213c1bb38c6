"""Placeholder while the family is being written."""

RULES = ()
