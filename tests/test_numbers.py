import math

from narratives.pairing.numbers import describe, extract_quantities, numeric_disagreement


def quantities(text):
    return [describe(q) for q in extract_quantities(text)]


def test_counts_with_their_categories_and_qualifiers():
    assert quantities("which left at least 24 dead and more than a hundred injured") == [">=24 dead", ">=100 injured"]
    assert quantities("hit a hotel, injuring 28 people") == ["28 injured"]
    assert quantities("six Russian guided missiles had targeted the city") == ["6 missiles"]
    assert quantities("There were up to 200 foreign mercenaries") == ["<=200 soldiers"]
    assert quantities("about 160 missiles") == ["~160 missiles"]
    assert quantities("twenty-one people were killed") == ["21 dead"]
    assert quantities("killed 12 civilians") == ["12 dead (civilians)"]
    assert quantities("dozens of drones") == [">=24 drones"]


def test_partitive_counts_bind_the_whole():
    assert quantities("shot down 21 of the 49 Iranian-made Shahed drones") == ["49 drones"]


def test_years_and_uncounted_numbers_are_ignored():
    assert quantities("In 2023 Russia fired missiles") == []
    assert quantities("the 3 ministers met") == []
    assert quantities("the theatre was bombed on March 16 while sheltering civilians") == []


def test_spans_point_at_the_number():
    text = "the attack killed 12 people"
    (q,) = extract_quantities(text)
    assert text[q.span.start : q.span.end] == "12"
    assert (q.low, q.high) == (12, 12)


def test_disagreement_needs_the_same_category_and_disjoint_intervals():
    dead24 = extract_quantities("24 people were killed")
    dead12 = extract_quantities("killing 12 people")
    injured28 = extract_quantities("injuring 28 people")
    at_least_10 = extract_quantities("at least 10 dead")
    assert numeric_disagreement(dead24, dead12) is not None
    assert numeric_disagreement(dead24, injured28) is None
    assert numeric_disagreement(dead24, at_least_10) is None  # 24 is at least 10
    assert numeric_disagreement(extract_quantities("about 160 missiles"), extract_quantities("163 missiles")) is None
    assert extract_quantities("at least 10 dead")[0].high == math.inf


def test_a_count_of_people_keeps_who_was_counted():
    assert quantities("killing 5 children") == ["5 dead (children)"]
    assert quantities("24 people were killed") == ["24 dead"]
    five, twelve = extract_quantities("killing 5 children"), extract_quantities("killing 12 women")
    assert numeric_disagreement(five, twelve) is None
    assert numeric_disagreement(five, extract_quantities("7 children were killed")) is not None


def test_counts_an_order_of_magnitude_apart_count_different_things():
    toll = extract_quantities("data on 4169 civilians killed")
    one_day = extract_quantities("Russians kill three civilians in Donetsk region")
    assert toll and one_day and numeric_disagreement(toll, one_day) is None
    assert numeric_disagreement(extract_quantities("50 civilians killed"), extract_quantities("39 civilians killed")) is not None


def test_a_count_of_people_killed_or_wounded_counts_the_casualties():
    killed, wounded = extract_quantities("At least 2,829 civilians killed; 435 civilians have been wounded")
    assert (killed.category, killed.low, killed.population) == ("dead", 2829.0, "civilians")
    assert (wounded.category, wounded.low, wounded.population) == ("injured", 435.0, "civilians")
    assert extract_quantities("12 civilians")[0].category == "civilians"


def test_a_count_of_the_killed_or_injured_is_no_count_of_the_dead():
    # RUWA, August 2022: the UN's children "killed or injured" against Ukraine's 374 killed
    # and 723 injured is no disagreement about the dead.
    un = extract_quantities("About 1,000 children killed or injured since full-scale Russian invasion of Ukraine")
    ukraine = extract_quantities("A total of 374 children have been killed and over 723 injured in Ukraine")
    assert quantities("About 1,000 children killed or injured") == ["~1000 dead or injured (children)"]
    assert quantities("5 killed and 12 injured") == ["5 dead", "12 injured"]
    assert numeric_disagreement(un, ukraine) is None
