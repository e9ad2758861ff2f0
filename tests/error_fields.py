"""What a templated error message is made of: its templates and the values it shows.

Shared by the formula-error tests (tests/core) and the file-error tests (tests/classroom).
"""

from __future__ import annotations

import string


def templates_in(template: str, fields: dict) -> list[str]:
    """The template and every nested phrase's template."""
    found = [template]
    for value in fields.values():
        if isinstance(value, dict):
            found += templates_in(value["template"], value.get("fields") or {})
    return found


def plain_values(template: str, fields: dict) -> list[str]:
    """The names, numbers and user text the template shows (nested phrases' too)."""
    values = []
    for _, name, _, _ in string.Formatter().parse(template):
        value = fields.get(name) if name else None
        if isinstance(value, dict):
            values += plain_values(value["template"], value.get("fields") or {})
        elif name:
            values.append(str(value))
    return values
