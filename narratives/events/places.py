"""One spelling per place: the Russian-derived and older romanisations that war news uses
next to the Ukrainian ones ("Kremenchug" / "Kremenchuk", "Zaporozhye" / "Zaporizhzhia",
"Kiev" / "Kyiv"). Russian and Ukrainian outlets report one incident under different
spellings of its place; story alignment compares names and words after this mapping, so
the place an incident happened in is one name whoever reports it.

The table is data: lower-cased variant -> the Ukrainian romanisation (the form Ukrainian
and most international outlets use since 2019).
"""
from __future__ import annotations

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
