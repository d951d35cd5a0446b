"""Checks shared by the services; each raises a ValidationError naming the field."""
from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from ..errors import ValidationError

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
# Digits with the separators people write; an extension may follow ("x12", "ext. 4").
_PHONE = re.compile(r"^\+?[0-9 ()./-]{3,}((x|ext\.?)\s*[0-9]+)?$", re.IGNORECASE)


def _name(field: str, label: str | None) -> str:
    return label or field.replace("_", " ").capitalize()


def text(field: str, value: Any, *, required: bool = False, max_length: int = 255, label: str | None = None) -> str:
    # Imports call this for every cell: plain strings skip the conversion.
    value = value.strip() if value.__class__ is str else "" if value is None else str(value).strip()
    if required and not value:
        raise ValidationError(field, f"{_name(field, label)} is required.")
    if len(value) > max_length:
        raise ValidationError(field, f"{_name(field, label)} is too long ({len(value)} characters; "
                                     f"at most {max_length}).")
    return value


def email(field: str, value: Any) -> str:
    value = text(field, value, label="Email").lower()
    if value and not _EMAIL.match(value):
        raise ValidationError(field, f"“{value}” is not an email address (expected name@example.org).")
    return value


def phone(field: str, value: Any) -> str:
    # Kept exactly as typed: leading zeros and spacing are meaningful to people.
    value = text(field, value, label="Phone", max_length=40)
    if value and not _PHONE.match(value):
        raise ValidationError(field, f"“{value}” is not a phone number (digits, spaces, + - ( ) allowed).")
    return value


def choice(field: str, value: Any, choices: dict[str, str], *, label: str | None = None) -> str:
    if value.__class__ is str and value in choices:  # the stored code, as forms and readers give it
        return value
    value = "" if value is None else str(value).strip()
    if value in choices:
        return value
    lowered = value.lower()
    for code, lab in choices.items():
        if lowered in (code, lab.lower()):
            return code
    raise ValidationError(field, f"{_name(field, label)} “{value}” is not one of: {', '.join(choices.values())}.")


def integer(field: str, value: Any, *, low: int | None = None, high: int | None = None,
            label: str | None = None, allow_none: bool = False) -> int | None:
    if value is None or value == "":
        if allow_none:
            return None
        raise ValidationError(field, f"{_name(field, label)} is required.")
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise ValidationError(field, f"{_name(field, label)} must be a whole number, not “{value}”.") from None
    if (low is not None and number < low) or (high is not None and number > high):
        raise ValidationError(field, f"{_name(field, label)} must be between {low} and {high}; got {number}.")
    return number


def a_date(field: str, value: Any, *, label: str | None = None) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        name = label or field.replace("_", " ").capitalize()
        raise ValidationError(field, f"{name} “{value}” is not a date (expected YYYY-MM-DD).") from None


def boolean(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in ("1", "yes", "y", "true", "x", "✓")
    return bool(value)
