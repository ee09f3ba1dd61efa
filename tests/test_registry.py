"""The actor registry: loading, validation errors, lookups and outlet alignment."""
from __future__ import annotations

import pytest

from narratives.config import load_settings
from narratives.errors import RegistryError
from narratives.sides.registry import load_registry, parse_registry


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
        ("Ukrainian authorities", "ukraine", "name"),
        ("Kiev officials", "ukraine", "organisation"),
        ("Ukrainian lawmakers", "ukraine", "pattern"),
        ("the Vinnytsia city council", "ukraine", "place"),
        ("Separatist leader", "russia", "pattern"),  # Reuters' "Separatist leader says court to decide fate of Azovstal fighters"
    ],
)
def test_lookup_links_mentions_to_sides(registry, mention, side, via):
    match = registry.lookup(mention)
    assert match is not None and (match.side, match.via) == (side, via)


def test_ambassador_to_the_un_of_a_third_country_is_not_un(registry):
    assert registry.lookup("France's ambassador to the UN").side == "other"
    assert registry.lookup("the ambassador to the UN") is None


def test_separatists_of_another_conflict_are_not_russias(registry):
    assert registry.lookup("Kurdish separatists") is None


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
        ("sides: {a: {}}\nactors: [{id: x, name: X, side: a}, {id: x, name: Y, side: a}]", "duplicate actor id 'x'"),
        ("sides: {a: {}}\nactors: [{name: X, side: a}]", "field 'id': must be a non-empty string"),
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


@pytest.mark.parametrize(
    "content, where, field",
    [
        ("sides: {russia: {}}\nactors:\n  - {id: a, name: A, side: russia}\n  - {id: b, name: B, side: rusia}\n",
         ":4: actors[1] (b), field 'side': unknown side 'rusia'", "actors[1] (b).side"),
        ("sides: {russia: {}}\nactors:\n  - {id: a, name: A, side: russia, alias: [X]}\n",
         ":3: actors[0] (a), field 'alias': unknown field; did you mean 'aliases'?", "actors[0] (a).alias"),
        ("sides: {russia: {}}\nactors:\n  - {id: a, name: A, side: russia, roles: [{title: T, from: May 2024}]}\n",
         ":3: actors[0] (a).roles[0], field 'from': must be a date", "actors[0] (a).roles[0].from"),
        ("sides:\n  russia: {patterns: [Russia]}\nactors:\n  - {id: a, name: A, side: russia\n",
         ":5: not readable YAML", None),
    ],
)
def test_registry_errors_name_file_line_and_field(tmp_path, content, where, field):
    path = tmp_path / "registry.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(RegistryError) as error:
        load_registry(path)
    assert f"{path}{where}" in error.value.message
    if field is not None:
        assert error.value.field == field


def test_roles_with_dates_link_the_current_holder_by_title(registry):
    assert registry.lookup("Russia's defence minister").actor.id == "belousov"
    assert registry.lookup("the NATO chief").actor.id == "rutte"
    belousov = registry.actor("belousov")
    assert belousov.roles[0].start == "2024-05" and belousov.roles[0].end is None


@pytest.mark.parametrize(
    "mention, side",
    [
        ("Vassily Nebenzia, Russia's ambassador to the United Nations", "russia"),
        ("Britain's UN ambassador Barbara Woodward", "other"),
        ("UN special rapporteur on Russia Mariana Katzarova", "un"),
        ("Osnat Lubrani, UN resident coordinator in Ukraine", "un"),
        ("the OSCE Special Monitoring Mission to Ukraine", "other"),
        ("North Korean leader Kim Jong Un", "other"),
        ("the Kiev regime", "ukraine"),
        ("Yevhen Balytskyi", "russia"),
        ("Russia's envoy to the IAEA", "russia"),
    ],
)
def test_hard_cases_of_the_war(registry, mention, side):
    assert registry.lookup(mention).side == side


@pytest.mark.parametrize(
    "mention, side",
    [
        ("spokeswoman for the UN human rights office", "un"),
        ("Russia's ambassador to the UN", "russia"),
        ("head of the Russian-installed administration in Kharkiv region", "russia"),
        ("UN monitoring mission, which recorded the consequences of the shelling", "un"),
        ("2025-04-06 UN High Commissioner for Human Rights Volker Turk on Sunday", "un"),
    ],
)
def test_affiliation_decides_unknown_speakers_without_actors(registry, mention, side):
    match = registry.affiliation_match(mention)
    assert match is not None and match.side == side and match.actor is None
    assert registry.affiliation_match("Peskov") is None
