"""Case numbers as courts write them: `（2026）鲁02民初123号` — the year in brackets
(full-width or half-width), the court's code (鲁02: the province and the
administrative division), the case-type code (民初, 执恢, …) and the sequence, then 号
(Supreme People's Court, Provisions on Case Numbers, 2015, and its standard of case
types and their codes)."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from benchguard.cases.choices import Stage

# The case-type codes a base or intermediate court files under, with the stage a new
# case of the type starts in. Codes from the SPC's standard of case types (2015/2016).
TYPE_CODES: dict[str, str] = {
    **dict.fromkeys(
        ["民初", "民终", "民再", "民申", "民特", "民督", "民催", "民辖", "民辖终", "民破", "民算", "民撤"],
        Stage.TRIAL,
    ),
    **dict.fromkeys(["刑初", "刑终", "刑再", "刑申", "刑更", "刑辖"], Stage.TRIAL),
    **dict.fromkeys(["行初", "行终", "行再", "行申", "行审", "行辖"], Stage.TRIAL),
    **dict.fromkeys(["执", "执恢", "执异", "执复", "执监", "执协", "执保", "执他"], Stage.ENFORCEMENT),
    **dict.fromkeys(["财保", "行保", "证保"], Stage.TRIAL),
    **dict.fromkeys(["法赔", "委赔"], Stage.TRIAL),
}
EARLIEST_YEAR = 1979  # the first year of the People's Courts' numbering still in archives

_PATTERN = re.compile(
    r"^[（(](?P<year>\d{4})[）)](?P<court>[\u4e00-\u9fff]\d{2,4})(?P<type>[\u4e00-\u9fff]{1,3})"
    r"(?P<sequence>[1-9]\d{0,5})号$"
)


@dataclass(frozen=True)
class CaseNumber:
    year: int
    court_code: str
    type_code: str
    sequence: int

    def __str__(self) -> str:
        """The number in its written form, with full-width brackets."""
        return f"（{self.year}）{self.court_code}{self.type_code}{self.sequence}号"


def parse_case_number(text: str, *, today: dt.date | None = None) -> CaseNumber:
    """The parts of a case number, or ValidationError saying what is wrong. Spaces are
    ignored; half-width brackets are accepted and written full-width."""
    value = "".join(unicodedata.normalize("NFKC", text).split())  # full-width digits too
    if not value:
        raise ValidationError(_("Enter the case number."), code="required")
    match = _PATTERN.match(value)
    if match is None:
        raise ValidationError(
            _(
                "A case number is written like （2026）鲁02民初123号: the year in brackets, "
                "the court's code, the case type, the number and 号."
            ),
            code="format",
        )
    year = int(match["year"])
    this_year = (today or dt.date.today()).year
    if not EARLIEST_YEAR <= year <= this_year:
        raise ValidationError(
            _("The year of a case number lies between %(earliest)s and this year."),
            code="year",
            params={"earliest": EARLIEST_YEAR},
        )
    if match["type"] not in TYPE_CODES:
        raise ValidationError(
            _("“%(code)s” is not a case-type code (民初, 民终, 刑初, 行初, 执, 执恢, …)."),
            code="type",
            params={"code": match["type"]},
        )
    return CaseNumber(year, match["court"], match["type"], int(match["sequence"]))
