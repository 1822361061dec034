from typing import Any

from django import template

from corridor.core.texts import render, said

register = template.Library()


@register.filter(name="said")
def said_filter(value: Any, fallback: Any = "") -> Any:
    """{{ stored|said:fallback }}: a stored message in the reader's language (the fallback when there is none)."""
    if value in (None, "", {}):
        return fallback
    return said(value)


@register.simple_tag
def message(msgid: str, params: dict[str, Any] | None = None) -> str:
    """{% message job.message job.message_params %}: a message id and its parameters, in the reader's language."""
    return render(msgid or "", params or {})
