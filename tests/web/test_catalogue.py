"""The UI string catalogues: same keys in both languages, and every key the pages use exists."""

from __future__ import annotations

import re
from pathlib import Path

from executor_balancer.web import i18n

WEB = Path(i18n.__file__).parent
LITERAL_KEY = re.compile(r"""\bt\(\s*['"]([a-z_]+(?:\.[a-z0-9_]+)+)['"]""")


def test_both_languages_have_the_same_keys_and_no_empty_string() -> None:
    en, ru = i18n.catalogue("en"), i18n.catalogue("ru")
    assert set(en) == set(ru)
    assert all(value.strip() for value in [*en.values(), *ru.values()])


def test_every_literal_key_in_templates_and_scripts_exists() -> None:
    known = set(i18n.catalogue("en"))
    files = [*WEB.glob("templates/**/*.html"), *WEB.glob("static/js/**/*.js")]
    used = {key for path in files for key in LITERAL_KEY.findall(path.read_text(encoding="utf-8"))}
    assert used, "the pattern finds the keys"
    assert sorted(used - known) == []


def test_language_negotiation() -> None:
    assert i18n.choose_language(None, "ru-RU,ru;q=0.9,en;q=0.8") == "ru"
    assert i18n.choose_language(None, "de-DE,en;q=0.5,ru;q=0.4") == "en"
    assert i18n.choose_language(None, "de, fr") == "en"
    assert i18n.choose_language(None, "en;q=0.2, ru;q=0.7") == "ru"
    assert i18n.choose_language("ru", "en") == "ru"
    assert i18n.choose_language("xx", None) == "en"
    assert i18n.choose_language(None, "ru;q=abc, *;q=0.1") == "en"
