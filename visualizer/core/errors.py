"""The one error type every user-facing failure is reported with."""

from __future__ import annotations

#: The kinds of error, as the command line's JSON names them (DESIGN.md).
ERROR_KINDS = ("syntax", "unsupported", "domain", "too_complex", "timeout", "argument")


class ExpressionError(ValueError):
    """A problem with what the user asked for, explained in plain words.

    Parameters
    ----------
    kind : str
        One of :data:`ERROR_KINDS`.
    message : str
        A sentence a learner understands, e.g. "missing ')' to close the '(' at 4".
    position : int or None
        0-based character index in the user's text where the problem is, or None.
    """

    def __init__(self, kind: str, message: str, position: int | None = None):
        if kind not in ERROR_KINDS:
            raise ValueError(f"unknown error kind {kind!r}")
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.position = position

    def to_dict(self) -> dict:
        """The ``{"kind", "message", "position"}`` object of the JSON contract."""
        return {"kind": self.kind, "message": self.message, "position": self.position}

    @classmethod
    def from_dict(cls, data: dict) -> ExpressionError:
        return cls(data["kind"], data["message"], data.get("position"))

    def __reduce__(self):
        return (ExpressionError, (self.kind, self.message, self.position))
