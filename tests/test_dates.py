import datetime as dt

import pytest

from narratives.ingest.dates import claim_date, incident_date, resolve_dates

SUNDAY = dt.date(2023, 12, 31)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("This Sunday, Russia attacked the city", dt.date(2023, 12, 31)),
        ("the bombing this Saturday against Belgorod", dt.date(2023, 12, 30)),
        ("hit a hotel on Saturday night, injuring 28", dt.date(2023, 12, 30)),
        ("At this Saturday's meeting", dt.date(2023, 12, 30)),
        ("drones launched last night", dt.date(2023, 12, 30)),
        ("talks are due next Monday", dt.date(2024, 1, 1)),
        ("the strike on December 29", dt.date(2023, 12, 29)),
        ("the talks on 2 January", dt.date(2024, 1, 2)),
        ("the attack of 24 February 2022", dt.date(2022, 2, 24)),
        ("yesterday's shelling", dt.date(2023, 12, 30)),
    ],
)
def test_relative_and_absolute_dates_resolve_against_publication(text, expected):
    mentions = resolve_dates(text, SUNDAY)
    assert [m.date for m in mentions] == [expected]
    assert text[mentions[0].span.start : mentions[0].span.end] == mentions[0].text


def test_words_that_only_look_like_months_are_not_dates():
    assert resolve_dates("officials say 9 may be dead", SUNDAY) == []


def test_relative_dates_need_a_publication_date_but_absolute_ones_do_not():
    assert resolve_dates("on Saturday", None) == []
    assert [m.date for m in resolve_dates("on 30 December 2023", None)] == [dt.date(2023, 12, 30)]


def test_claim_date_falls_back_to_publication():
    assert claim_date("the aggressor attacked civilian targets", SUNDAY) == SUNDAY
    assert claim_date("on Saturday night the rockets hit", SUNDAY) == dt.date(2023, 12, 30)


def test_a_date_mention_off_the_calendar_of_news_is_no_date():
    published = dt.date(2022, 4, 8)
    assert claim_date("the order of 0001-01-01 stands", published) == published
    assert claim_date("on 2022-04-07 the station was hit", published) == dt.date(2022, 4, 7)


def test_a_date_that_opens_a_period_does_not_date_the_claim():
    # The state holds when the report is filed: April's toll, the mall on the day of the strike.
    april = dt.date(2022, 4, 20)
    assert claim_date("1,430 civilians were killed since February 24", april) == april
    assert claim_date("starting on June 23, the mall will not close during air alerts", april) == april
    assert claim_date("960 troops have surrendered since Monday", april) == april
    # A date that is the day of the act still dates it, after a period's start too.
    assert claim_date("since February 24, and on April 18 the plant was hit", april) == dt.date(2022, 4, 18)



@pytest.mark.parametrize(
    "text, published, expected",
    [
        # A follow-up dates the act it reports: in the clause before the date, or right after it.
        ("Mariupol Drama Theater: 300 people died in Mariupol Drama Theater on March 16", "2022-03-25", "2022-03-16"),
        ("Bombed Mariupol theater shown on Russian state TV. Russian state broadcaster RTR showed video Monday of "
         "the drama theater, which was bombed on March 16 while sheltering civilians", "2022-03-29", "2022-03-16"),
        ("Death toll in October 6 attack on Zaporizhzhia climbs to 20", "2022-10-09", "2022-10-06"),
        # The war's first day, a period's start or range, a weekday, no act, the report's own news cycle, history.
        ("A total of 143 children have been killed since Russia started its invasion of Ukraine on February 24",
         "2022-03-28", None),
        ("From February 24 to March 22, the Russian invaders lost about 15,300 personnel", "2022-03-22", None),
        ("Russia invaded Ukraine on Thursday by land, air and sea", "2022-02-26", None),
        ("The Ukrainian and Russian delegations will hold the third round of talks on March 7", "2022-03-12", None),
        ("Russian missile hit the station on April 7", "2022-04-08", None),
        ("the plant was shelled on 5 March", "2022-08-01", None),
    ],
)
def test_a_follow_up_dates_its_incident_only_by_a_calendar_date_of_an_act(text, published, expected):
    day = dt.date.fromisoformat(published)
    assert incident_date(text, day) == (dt.date.fromisoformat(expected) if expected else None)


def test_an_undated_claim_of_a_follow_up_is_about_its_incident_day():
    march_25, march_16 = dt.date(2022, 3, 25), dt.date(2022, 3, 16)
    assert claim_date("about 300 people were killed in the bombardment", march_25, march_16) == march_16
    # Its own date still comes first ("yesterday" is the day before the report).
    assert claim_date("yesterday rescuers found 20 more bodies", march_25, march_16) == dt.date(2022, 3, 24)
