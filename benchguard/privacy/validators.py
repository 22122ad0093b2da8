"""Checks of what the office types in the privacy area (A18): the notifier's contact
printed on the takedown notice, and the court's template of the notice."""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

from benchguard.core.validators import is_phone_number

# The placeholders the notice is rendered with (services.notice_text).
PLACEHOLDERS = (
    "recipient", "platform", "person", "exposed", "urls", "evidence", "notifier", "contact", "date",
)  # fmt: skip
# What makes it a valid notice: to whom, the addresses, the evidence, the notifier's real
# identity and how to reach them (Civil Code art. 1195: the notice carries preliminary
# evidence and the notifier's real identity).
REQUIRED_PLACEHOLDERS = ("recipient", "urls", "evidence", "notifier", "contact")
# The provisions the notice cites: kept in the template's own text.
CITATIONS = ("第四十七条", "第一千零三十七条", "第一千一百九十五条")

_NAME = re.compile(r"\{(\w*)\}")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"\+?\d[\d \-()（）]{5,}\d(?:\s*(?:转|分机|ext\.?|x|#)\s*\d{1,6})?", re.IGNORECASE)


def _listed(names: list[str]) -> str:
    return "、".join(f"{{{name}}}" for name in names)


@deconstructible
class NoticeTemplate:
    """Only the known placeholders, written {name}, and the required ones all there."""

    def __call__(self, value: Any) -> None:
        text = str(value or "")
        found = _NAME.findall(text)
        unknown = sorted({name for name in found if name not in PLACEHOLDERS})
        if unknown:
            raise ValidationError(
                _("Unknown placeholders: %(names)s. The template may use %(known)s."),
                code="unknown_placeholder",
                params={"names": _listed(unknown), "known": _listed(list(PLACEHOLDERS))},
            )
        rest = _NAME.sub("", text)
        if "{" in rest or "}" in rest:
            stray = next(line for line in rest.splitlines() if "{" in line or "}" in line)
            raise ValidationError(
                _("A brace without its pair: “%(line)s”. Write a placeholder as {name}."),
                code="malformed_placeholder",
                params={"line": stray.strip()[:60]},
            )
        missing = [name for name in REQUIRED_PLACEHOLDERS if name not in found]
        if missing:
            raise ValidationError(
                _("The notice must carry %(names)s: the template lacks them."),
                code="missing_placeholder",
                params={"names": _listed(missing)},
            )
        lacking = [citation for citation in CITATIONS if citation not in text]
        if lacking:
            raise ValidationError(
                _("The notice must cite PIPL art. 47, Civil Code arts. 1037 and 1195; it lacks %(cited)s."),
                code="missing_citation",
                params={"cited": "、".join(lacking)},
            )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, NoticeTemplate)

    def __hash__(self) -> int:
        return hash(NoticeTemplate)


NOTICE_TEMPLATE = NoticeTemplate()


def is_contact(value: str) -> bool:
    """A phone number (core.validators) or an e-mail address in the text, a name beside
    it allowed (“委员会办公室 0532-8088103”)."""
    for address in _EMAIL.findall(value):
        try:
            validate_email(address)
        except ValidationError:
            continue
        return True
    return any(is_phone_number(candidate) for candidate in _PHONE.findall(value))


@deconstructible
class NotifierContact:
    def __call__(self, value: Any) -> None:
        if value and not is_contact(str(value)):
            raise ValidationError(
                _(
                    "Give a phone number (0532-8888 8888, 138 0000 0000) or an e-mail address where the "
                    "platform can reach the notifier."
                ),
                code="contact",
            )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, NotifierContact)

    def __hash__(self) -> int:
        return hash(NotifierContact)


NOTIFIER_CONTACT = NotifierContact()
