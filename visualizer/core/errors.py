"""The one error type every user-facing failure is reported with.

A message can be built from a *template* and its *fields*
(``ExpressionError("syntax", template=error_text("missing '{closer}' to close the
'{opener}' at {at}"), fields={...})``). The English message is the template formatted
with the fields, exactly what the command line prints; the GUI translates the template
(Qt context ``"ExpressionError"``) and formats the translation with the same fields.
A field whose value is itself words is a :func:`phrase` (a nested template), so that
no English fragment is left inside a translated sentence. Names, numbers and the
user's own text are plain field values and are never translated.

:func:`error_text` only marks a template for the translation catalogue
(``visualizer/i18n_catalog.py`` collects its literal argument); it returns it unchanged.
Everything here is Qt-free.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

#: The kinds of error, as the command line's JSON names them (docs/command-line.md).
ERROR_KINDS = ("syntax", "unsupported", "domain", "too_complex", "timeout", "argument")

#: The Qt translation context of every marked template.
TRANSLATION_CONTEXT = "ExpressionError"

#: The Qt translation context of the optimizers' stop messages (:func:`message_text`).
MESSAGE_CONTEXT = "Descent"


def error_text(template: str) -> str:
    """Mark ``template`` as a translatable error text; returns it unchanged.

    The catalogue scanner finds ``error_text("...")`` calls by reading the source, so
    the argument must be a string literal.
    """
    return template


def message_text(template: str) -> str:
    """Mark ``template`` as a translatable message that is not an error; returns it unchanged.

    Used for the optimizers' stop messages ("converged after {steps} at {where}: ...");
    the catalogue collects them under :data:`MESSAGE_CONTEXT`. As for :func:`error_text`,
    the argument must be a string literal. They are rendered with :func:`render` like
    error templates.
    """
    return template


def phrase(template: str, **fields) -> dict:
    """A translatable piece of words to use as a field value: ``{"template", "fields"}``.

    A plain dict, so that it crosses the helper process's JSON pipe as it is.
    """
    return {"template": template, "fields": fields}


def _is_phrase(value) -> bool:
    return isinstance(value, Mapping) and "template" in value


def render(template: str, fields: Mapping | None = None,
           translate: Callable[[str], str] | None = None) -> str:
    """``template`` formatted with ``fields``; nested :func:`phrase` values rendered first.

    Parameters
    ----------
    template : str
        A ``str.format`` template with named fields.
    fields : mapping, optional
        Field values: numbers, names and user text as they are, or phrases.
    translate : callable, optional
        Maps a template to its translation (the GUI passes Qt's translator); None keeps
        the English. A translation that cannot be formatted (a field renamed by mistake)
        falls back to the English template rather than failing.
    """
    values = {}
    for name, value in (fields or {}).items():
        if _is_phrase(value):
            value = render(value["template"], value.get("fields"), translate)
        values[name] = value
    if translate is not None:
        try:
            return translate(template).format(**values)
        except (KeyError, IndexError, ValueError):
            pass
    return template.format(**values)


class ExpressionError(ValueError):
    """A problem with what the user asked for, explained in plain words.

    Parameters
    ----------
    kind : str
        One of :data:`ERROR_KINDS`.
    message : str, optional
        A sentence a learner understands, e.g. "missing ')' to close the '(' at 4".
        Computed from ``template`` and ``fields`` when a template is given.
    position : int or None
        0-based character index in the user's text where the problem is, or None.
    template : str, optional
        The message's translatable template (marked with :func:`error_text`).
    fields : dict, optional
        The template's field values (see :func:`render`).

    Attributes
    ----------
    kind, message, position, template, fields
        As given; ``template`` is None for a message that is not translatable.
    """

    def __init__(self, kind: str, message: str | None = None, position: int | None = None,
                 *, template: str | None = None, fields: Mapping | None = None):
        if kind not in ERROR_KINDS:
            raise ValueError(f"unknown error kind {kind!r}")
        fields = dict(fields or {})
        if template is not None:
            message = render(template, fields)
        elif message is None:
            raise TypeError("ExpressionError needs a message or a template")
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.position = position
        self.template = template
        self.fields = fields

    def render(self, translate: Callable[[str], str] | None = None) -> str:
        """The message, its template translated by ``translate`` (the English without)."""
        if self.template is None:
            return self.message
        return render(self.template, self.fields, translate)

    def to_dict(self) -> dict:
        """The ``{"kind", "message", "position"}`` object of the JSON contract."""
        return {"kind": self.kind, "message": self.message, "position": self.position}

    def to_transport(self) -> dict:
        """:meth:`to_dict` plus ``template`` and ``fields`` when there is a template.

        For the program's own process boundary (the helper's replies), so the GUI can
        still translate; never printed by the command line.
        """
        data = self.to_dict()
        if self.template is not None:
            data["template"] = self.template
            data["fields"] = self.fields
        return data

    @classmethod
    def from_dict(cls, data: dict) -> ExpressionError:
        """The error of :meth:`to_dict` or :meth:`to_transport`."""
        template = data.get("template")
        if isinstance(template, str):
            try:
                error = cls(data["kind"], position=data.get("position"), template=template,
                            fields=data.get("fields") or {})
            except (KeyError, IndexError, ValueError, TypeError, AttributeError):
                error = None  # a template that does not fit its fields: keep the message
            if error is not None and error.message == data["message"]:
                return error
        return cls(data["kind"], data["message"], data.get("position"))

    def __reduce__(self):
        return (_rebuild, (self.kind, self.message, self.position, self.template, self.fields))


def _rebuild(kind, message, position, template=None, fields=None) -> ExpressionError:
    error = ExpressionError(kind, message, position)
    error.template, error.fields = template, dict(fields or {})
    return error
