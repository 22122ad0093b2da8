"""Search keys of names (A15): the simplified form, the tone-less pinyin of every reading
(multi-reading characters and surnames such as 单 shan / 曾 zeng / 解 xie) and initials.

Keys are strings with a prefix so one indexed column serves all three look-ups:
``s:张伟``, ``p:zhangwei``, ``i:zw``.
"""

from __future__ import annotations

import itertools
import re
from functools import cache

import opencc
from pypinyin import Style, pinyin

from benchguard.organization.services import SURNAME_READINGS

MAX_READINGS = 16  # combinations of readings kept per name (三 characters × 2–3 readings)
_SEPARATORS = re.compile(r"[\s·•．.\-]+")
_LATIN = re.compile(r"^[a-z]+$")


@cache
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def simplify(name: str) -> str:
    """Simplified characters, no spaces or middle dots, latin letters lower-cased."""
    return _SEPARATORS.sub("", _converter().convert(name)).lower()


def is_latin(text: str) -> bool:
    return bool(_LATIN.match(text))


def readings(simplified: str) -> list[str]:
    """Tone-less pinyin of every reading, the surname reading first."""
    surname = next((s for s in (simplified[:2], simplified[:1]) if s and s in SURNAME_READINGS), "")
    per_char: list[list[str]] = []
    if surname:
        per_char.append(["".join(SURNAME_READINGS[surname])])
    rest = simplified[len(surname) :]
    if rest:
        for options in pinyin(rest, style=Style.NORMAL, heteronym=True, errors="default"):
            per_char.append(list(dict.fromkeys(o.lower() for o in options if o.strip())) or [""])
    if len(surname) == 1:
        # Also the character's other readings, ranked after the surname reading.
        for options in pinyin(surname, style=Style.NORMAL, heteronym=True):
            for option in options:
                if option not in per_char[0]:
                    per_char[0].append(option)
    combos = itertools.islice(itertools.product(*per_char), MAX_READINGS)
    return list(dict.fromkeys("".join(c) for c in combos if any(c)))


def initials(simplified: str) -> list[str]:
    surname = next((s for s in (simplified[:2], simplified[:1]) if s and s in SURNAME_READINGS), "")
    first = "".join(r[0] for r in SURNAME_READINGS.get(surname, ()))
    rest = pinyin(simplified[len(surname) :], style=Style.FIRST_LETTER, heteronym=False)
    return [first + "".join(r[0][:1].lower() for r in rest if r and r[0])] if simplified else []


def keys_for(name: str) -> list[str]:
    """The keys stored for one name."""
    simplified = simplify(name)
    if not simplified:
        return []
    keys = [f"s:{simplified}"]
    if is_latin(simplified):
        return [*keys, f"p:{simplified}"]
    keys += [f"p:{r}" for r in readings(simplified)]
    keys += [f"i:{i}" for i in initials(simplified)]
    return list(dict.fromkeys(k[:120] for k in keys))
