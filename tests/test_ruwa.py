"""RUWA reader: parsing, boilerplate cleaning, batch records and side labels."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from narratives.corpora.ruwa import clean_headline, clean_lede, read_ruwa, ruwa_records
from narratives.errors import DataError

ROOT = Path(__file__).resolve().parent.parent
RUWA = ROOT.parent / "shared" / "data" / "ruwa" / "ruwa.csv"

CSV = """src,Date,Site,Event,KW,title,desc
https://censor.net/en/news/1/a,09/29/2022,censor.net,nuclear,['*'],"Shelling of ZNPP: Occupiers shelled the plant again. PHOTO (29.09.22 20:14) « War in Ukraine | Censor.NET","29.09.22 20:14 - Shelling of ZNPP: Occupiers shelled the plant again. PHOTO. The shelling lasted two hours. View news."
https://www.ukrinform.net/rubric-ato/2-b,04/08/2022,ukrinform.net,railway,['Kramatorsk'],Russians strike Kramatorsk station - Zelensky,Dozens of people were killed at the station. — Ukrinform.
tass.com/politics/3,04/04/2022,tass.com,bucha,"['Bucha', 'bucha']","Bucha footage is a provocation, Russian envoy says",
https://www.bbc.co.uk/news/4,04/04/2022,bbc.co.uk,bucha,['Bucha'],,
"""


@pytest.fixture()
def small_csv(tmp_path: Path) -> Path:
    path = tmp_path / "ruwa.csv"
    path.write_text(CSV, encoding="utf-8")
    return path


def test_read_ruwa_parses_dates_keywords_and_urls(small_csv: Path) -> None:
    rows = list(read_ruwa(small_csv))
    assert [r.outlet for r in rows] == ["censor.net", "ukrinform.net", "tass.com", "bbc.co.uk"]
    assert rows[0].date == dt.date(2022, 9, 29)
    assert rows[0].weak and not rows[1].weak
    assert rows[2].kw == ("Bucha", "bucha")
    assert rows[2].url == "tass.com/politics/3"
    assert [r.outlet_side for r in rows] == ["ukraine", "ukraine", "russia", "other"]


def test_cleaning_removes_stamps_sections_and_agency_tags() -> None:
    assert clean_headline("Ukraine war: Drone attack targets fleet") == "Drone attack targets fleet"
    assert clean_headline(
        "Fights: Battle of Donbas (10.06.22 07:10) « War in Ukraine | Censor.NET"
    ) == "Fights: Battle of Donbas"
    assert clean_lede("Dozens were killed. — Ukrinform.") == "Dozens were killed."
    assert clean_lede("10.06.22 07:10 - Heavy fighting. View news.") == "Heavy fighting."
    assert clean_lede("Troops advanced, officials said.\xa0April 10, 2022") == "Troops advanced, officials said."


def test_records_join_headline_and_lede_without_repeating(small_csv: Path) -> None:
    records = list(ruwa_records(small_csv))
    assert len(records) == 3  # the BBC row has neither headline nor lede
    censor = records[0]
    assert censor["text"] == "Shelling of ZNPP: Occupiers shelled the plant again. The shelling lasted two hours."
    assert censor["published"] == "2022-09-29" and censor["outlet"] == "censor.net"
    assert censor["event"] == "nuclear" and censor["id"].startswith("ruwa-")
    assert records[1]["text"] == "Russians strike Kramatorsk station - Zelensky. Dozens of people were killed at the station."
    assert len({r["id"] for r in records}) == 3


def test_missing_file_and_columns_are_data_errors(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="not found"):
        list(read_ruwa(tmp_path / "nope.csv"))
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(DataError, match="columns"):
        list(read_ruwa(bad))


def test_headline_attribution_relabels_or_drops(small_csv: Path) -> None:
    from models.training.stance_data import headline_speaker, label_row

    assert headline_speaker("Bucha footage is a provocation, Russian envoy says") == "Russian envoy"
    assert headline_speaker("Russia says it hit military targets") == "Russia"
    assert headline_speaker("Russians strike Kramatorsk station - Zelensky") == "Zelensky"
    assert headline_speaker("Losses of the occupiers: 200 tanks destroyed") is None
    rows = {r.outlet: r for r in read_ruwa(small_csv)}
    assert label_row(rows["tass.com"]).side == "russia"
    assert label_row(rows["bbc.co.uk"]) is None
    bbc = rows["tass.com"].__class__(
        outlet="bbc.co.uk", title="Russia says it hit only military targets", desc="", event="x",
        kw=(), date=dt.date(2022, 1, 1),
    )
    assert label_row(bbc).side == "russia"  # an international outlet reporting Russia's claim
    censor = rows["tass.com"].__class__(
        outlet="censor.net", title="Kremlin says strike hit military targets", desc="", event="x",
        kw=(), date=dt.date(2022, 1, 1),
    )
    assert label_row(censor) is None  # a partisan outlet reporting the other side's claim


def test_un_speakers_give_weak_un_labels_in_any_outlet(small_csv: Path) -> None:
    from models.training.stance_data import label_row, registry_speaker_side
    from narratives.config import load_settings
    from narratives.sides.registry import load_registry

    side_of = registry_speaker_side(load_registry(load_settings().registry))
    template = next(iter(read_ruwa(small_csv)))

    def row(outlet: str, title: str):
        return template.__class__(outlet=outlet, title=title, desc="", event="x", kw=(), date=dt.date(2022, 1, 1))

    assert label_row(row("reuters.com", "Zaporizhzhia plant lost external power, IAEA says"), side_of=side_of).side == "un"
    assert label_row(row("censor.net", "Civilian death toll exceeds 1,000 - U.N."), side_of=side_of).side == "un"
    # an ambassador to the UN speaks for his country, not for the UN
    assert label_row(row("reuters.com", "Bucha footage is staged, Russia's UN envoy says"), side_of=side_of).side == "russia"


@pytest.mark.skipif(not RUWA.is_file(), reason="shared RUWA data not present")
def test_real_ruwa_cleaning_leaves_no_boilerplate() -> None:
    texts = [r["text"] for r in ruwa_records(RUWA)]
    assert len(texts) > 14_000
    for marker in ("| Censor.NET", "View news", "— Ukrinform."):
        assert not any(marker in t for t in texts), marker
