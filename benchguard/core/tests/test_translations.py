"""The translation catalogues: Chinese complete, compiled files current, nothing left out.

Court staff work in Simplified Chinese (the default language); English is the msgid
itself. See docs/translations.md for the workflow (`make messages`).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.test import Client

PACKAGE_DIR = Path(__file__).resolve().parents[2]  # the benchguard package
PROJECT_DIR = PACKAGE_DIR.parent
LOCALE_DIR = PACKAGE_DIR / "locale"
LANGUAGES = ["zh_Hans", "en"]
ZH_PO = LOCALE_DIR / "zh_Hans" / "LC_MESSAGES" / "django.po"

Key = tuple[str | None, str, str]  # (msgctxt, msgid, msgid_plural)


def _po(language: str) -> polib.POFile:
    return polib.pofile(str(LOCALE_DIR / language / "LC_MESSAGES" / "django.po"))


def _key(entry: polib.POEntry | polib.MOEntry) -> Key:
    return (entry.msgctxt or None, entry.msgid, entry.msgid_plural or "")


def _translations(catalogue: polib.POFile | polib.MOFile) -> dict[Key, tuple[str, ...]]:
    """msgid → msgstr (or the plural forms in order) of every translated, non-fuzzy entry."""
    result: dict[Key, tuple[str, ...]] = {}
    for entry in catalogue:
        if entry.obsolete or "fuzzy" in entry.flags or not entry.msgid:
            continue
        if entry.msgid_plural:
            forms = tuple(entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural))
            if any(forms):
                result[_key(entry)] = forms
        elif entry.msgstr:
            result[_key(entry)] = (entry.msgstr,)
    return result


def _describe(keys: set[Key]) -> str:
    return "\n".join(
        f"  {('[' + ctxt + '] ') if ctxt else ''}{msgid!r}{(' / ' + repr(plural)) if plural else ''}"
        for ctxt, msgid, plural in sorted(keys, key=lambda k: (k[1], k[0] or "", k[2]))
    )


# --- (a) the Chinese catalogue is complete ------------------------------------------


def test_chinese_catalogue_is_complete_and_not_fuzzy() -> None:
    po = polib.pofile(str(ZH_PO))
    assert not po.metadata_is_fuzzy, "remove '#, fuzzy' from the header of the zh_Hans catalogue"
    assert po.metadata.get("Plural-Forms", "").replace(" ", "") == "nplurals=1;plural=0;"
    assert po.metadata.get("Language") == "zh_Hans"
    untranslated = [e.msgid for e in po.untranslated_entries()]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    empty_plurals = [e.msgid for e in po if e.msgid_plural and not e.obsolete and not e.msgstr_plural.get(0)]
    assert not untranslated, "untranslated in zh_Hans:\n  " + "\n  ".join(map(repr, untranslated))
    assert not fuzzy, "fuzzy in zh_Hans (check and clear the flag):\n  " + "\n  ".join(map(repr, fuzzy))
    assert not empty_plurals, "plural without msgstr[0]:\n  " + "\n  ".join(map(repr, empty_plurals))
    assert len(po) > 0


def test_chinese_translations_keep_their_placeholders() -> None:
    import re

    placeholder = re.compile(r"%\(\w+\)[sdif]|%[sdif]")
    wrong = []
    for entry in polib.pofile(str(ZH_PO)):
        if entry.obsolete:
            continue
        expected = sorted(set(placeholder.findall(entry.msgid)))
        targets = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        for target in targets:
            if sorted(set(placeholder.findall(target))) != expected:
                wrong.append(f"{entry.msgid!r} → {target!r}")
    assert not wrong, "placeholders differ:\n  " + "\n  ".join(wrong)


# --- (b) the committed .mo files are compiled from the current .po files --------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_compiled_catalogue_matches_source(language: str) -> None:
    mo_path = LOCALE_DIR / language / "LC_MESSAGES" / "django.mo"
    assert mo_path.exists(), f"{mo_path} is missing: run `make messages` and commit the .mo file"
    from_po = _translations(_po(language))
    from_mo = _translations(polib.mofile(str(mo_path)))
    stale = {k for k in from_po.keys() | from_mo.keys() if from_po.get(k) != from_mo.get(k)}
    assert not stale, (
        f"{language}: django.mo is out of date with django.po; run `make messages` "
        f"(or `benchguard compilemessages` in benchguard/) and commit the .mo. Differs:\n" + _describe(stale)
    )


# --- (c) every translatable string in the source is in the catalogue -----------------


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> polib.POFile:
    """Run makemessages over a throw-away copy of the package; the real catalogues are
    never touched (LOCALE_PATHS is pointed at the copy)."""
    if shutil.which("xgettext") is None or shutil.which("msgmerge") is None:
        pytest.fail(
            "GNU gettext (xgettext, msgmerge) is not installed, so the source cannot be "
            "checked for strings missing from the catalogue. Install it: "
            "`apt-get install gettext` (Debian/Ubuntu; the CI script does this) or "
            "`brew install gettext` (macOS)."
        )
    root = tmp_path_factory.mktemp("i18n")
    copy = root / "benchguard"
    shutil.copytree(
        PACKAGE_DIR,
        copy,
        ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "locale", "static", "node_modules"),
    )
    (copy / "locale").mkdir()
    (root / "i18n_check_settings.py").write_text(
        "from benchguard.config.settings_test import *  # noqa: F403\n"
        f"LOCALE_PATHS = [{str(copy / 'locale')!r}]\n",
        encoding="utf-8",
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "i18n_check_settings",
        "PYTHONPATH": os.pathsep.join([str(root), str(PROJECT_DIR)]),
        "BENCHGUARD_VAR_DIR": str(root / "var"),
    }
    # The same extraction as `make messages`, run inside the copy.
    result = subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "-l", "zh_Hans", "-i", "static/*"],
        cwd=copy, env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert result.returncode == 0, f"makemessages failed:\n{result.stdout}\n{result.stderr}"
    extracted = copy / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
    assert extracted.exists(), f"makemessages wrote nothing:\n{result.stdout}\n{result.stderr}"
    return polib.pofile(str(extracted))


@pytest.fixture(scope="module")
def extracted_keys(extracted: polib.POFile) -> set[Key]:
    return {_key(e) for e in extracted if not e.obsolete}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_source_string_is_in_the_catalogue(extracted_keys: set[Key], language: str) -> None:
    catalogue = {_key(e) for e in _po(language) if not e.obsolete}
    missing = extracted_keys - catalogue
    assert not missing, (
        f"{len(missing)} translatable string(s) in the source are not in the {language} "
        "catalogue; run `make messages`, translate them in "
        "benchguard/locale/zh_Hans/LC_MESSAGES/django.po and run `make messages` again:\n"
        + _describe(missing)
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_has_no_strings_the_source_dropped(extracted_keys: set[Key], language: str) -> None:
    leftover = {_key(e) for e in _po(language) if not e.obsolete} - extracted_keys
    assert not leftover, (
        f"the {language} catalogue holds strings no longer in the source; run `make messages`:\n"
        + _describe(leftover)
    )


def test_extraction_sees_templates_and_python(extracted: polib.POFile) -> None:
    """Guards the extraction itself: Python, the project templates (benchguard/templates)
    and the apps' templates (benchguard/<app>/templates) are all scanned."""
    files = {path for entry in extracted for path, _line in entry.occurrences}
    assert any(f.endswith(".py") for f in files), files
    assert any(f.startswith("templates/") for f in files), files
    assert any("/templates/" in f and not f.startswith("templates/") for f in files), files
    assert not any(f.startswith(("static/", "locale/")) or "/.venv/" in f for f in files), files


# --- (d) the pages speak Chinese by default and English on request -------------------


def test_login_page_is_chinese_by_default_and_english_on_request() -> None:
    client = Client()
    response = client.get("/accounts/login/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "登录" in page
    assert "Sign in" not in page
    assert response["Content-Language"] == "zh-hans"

    response = client.post("/accounts/language/", {"language": "en", "next": "/accounts/login/"}, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain, "the language switch should redirect back"
    page = response.content.decode()
    assert "Sign in" in page
    assert "登录" not in page
    assert response["Content-Language"] == "en"

    response = client.post(
        "/accounts/language/", {"language": "zh-hans", "next": "/accounts/login/"}, follow=True
    )
    assert "登录" in response.content.decode()
