"""The actor registry: loading, validation errors, lookups and outlet alignment."""
from __future__ import annotations

import pytest

from narratives.config import load_settings
from narratives.errors import RegistryError
from narratives.registry import load_registry, parse_registry


@pytest.fixture(scope="module")
def registry():
    return load_registry(load_settings().registry)


@pytest.mark.parametrize(
    "mention, side, via",
    [
        ("the Kremlin", "russia", "name"),
        ("Kremlin spokesman", "russia", "title"),
        ("Russia's ambassador to the UN", "russia", "title"),
        ("Ukraine's UN ambassador", "ukraine", "title"),
        ("Sergiy Kyslytsya", "ukraine", "name"),
        ("Vasily Nebenzya", "russia", "name"),
        ("UN Secretary-General", "un", "title"),
        ("the IAEA", "un", "name"),
        ("Pentagon", "other", "name"),
        ("Oleh Synehubov", "ukraine", "name"),
        ("Oleg Sinegoubov", "ukraine", "name"),
        ("Andrei Yusov", "ukraine", "spelling"),
        ("Khaled Kiari", "un", "name"),
        ("the Russian military", "russia", "name"),
        ("Ukrainian authorities", "ukraine", "pattern"),
        ("Kiev officials", "ukraine", "pattern"),
    ],
)
def test_lookup_links_mentions_to_sides(registry, mention, side, via):
    match = registry.lookup(mention)
    assert match is not None and (match.side, match.via) == (side, via)


def test_ambassador_to_the_un_of_a_third_country_is_not_un(registry):
    assert registry.lookup("France's ambassador to the UN").side == "other"
    assert registry.lookup("the ambassador to the UN") is None


def test_mixed_affiliations_are_left_undecided(registry):
    assert registry.lookup("Russian and Ukrainian officials") is None


def test_outlet_alignment_by_domain_or_url(registry):
    assert registry.outlet_side("https://www.rt.com/news/123-strike/") == "russia"
    assert registry.outlet_side("ukrinform.net") == "ukraine"
    assert registry.outlet_side("msnbc.com") == "other"
    assert registry.outlet_side("EFE and AFP") is None


@pytest.mark.parametrize(
    "content, message",
    [
        ("- just a list", "top level must be a mapping"),
        ("sides: {a: {}}\nactors: [{id: x, name: X, side: b}]", "unknown side 'b'"),
        ("sides: {a: {}}\nactors: [{id: x, name: X, side: a}, {id: x, name: Y, side: a}]", "duplicate actor ids"),
        ("sides: {a: {}}\nactors: [{name: X, side: a}]", "non-empty string 'id'"),
        ("sides: {a: {}}\noutlets: {rt.com: z}", "unknown side 'z'"),
        ("sides: [unclosed", "not readable YAML"),
    ],
)
def test_bad_registry_files_raise_clear_errors(tmp_path, content, message):
    path = tmp_path / "registry.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(RegistryError, match=message):
        load_registry(path)


def test_missing_registry_file_names_the_setting(tmp_path):
    with pytest.raises(RegistryError, match="NARRATIVES_REGISTRY"):
        load_registry(tmp_path / "nope.yaml")


def test_user_registry_for_another_conflict():
    registry = parse_registry(
        {
            "sides": {"north": {"patterns": ["Northern"]}, "south": {"patterns": ["Southern"]}},
            "actors": [{"id": "n-army", "name": "Northern Army", "side": "north"}],
        }
    )
    assert registry.lookup("the Northern Army").side == "north"
    assert registry.lookup("Southern officials").side == "south"
