"""Ulaanbaatar time in nbgrader's exchange: why the stock setting fails (the evidence, against
the installed nbgrader) and that course_instructor.exchange's timestamps read back exactly.
The hub tier (tests/hub/test_exchange_rules.py) runs the same through real submits."""

import datetime
import re

from nbgrader.exchange.default import ExchangeCollect
from nbgrader.exchange.default.list import ExchangeList
from nbgrader.utils import parse_utc

from course_instructor.exchange import local_timestamp, utc_token

UB = "Asia/Ulaanbaatar"
INSTANT = datetime.datetime(2026, 12, 10, 9, 0, 0, 250000, tzinfo=datetime.timezone.utc)


def stock_timestamp() -> str:
    """What nbgrader 0.9 writes with Exchange.timezone = Asia/Ulaanbaatar (its own format)."""
    from dateutil.tz import gettz

    return INSTANT.astimezone(gettz(UB)).strftime("%Y-%m-%d %H:%M:%S.%f %Z")


def test_stock_timestamps_in_ulaanbaatar_time_are_misread():
    stamp = stock_timestamp()
    assert stamp.endswith(" +08")  # tzdata's abbreviation for the zone is numeric
    # parse_utc reads "+08" as 8 seconds, "+0800" as 800: 17:00 local becomes ~17:00 UTC
    assert parse_utc(stamp) == datetime.datetime(2026, 12, 10, 16, 59, 52, 250000)
    assert parse_utc("2026-12-10 17:00:00 +0800") == datetime.datetime(2026, 12, 10, 16, 46, 40)
    # and collect reads the student from a name that has "+" in its timestamp wrongly
    collect = ExchangeCollect.__new__(ExchangeCollect)
    record = collect._path_to_record(f"/x/inbound/ct-t1+a01+{stamp}+RANDOM")
    assert record["username"] == "ct-t1+a01"


def test_our_timestamps_are_local_and_read_back_exactly():
    stamp = local_timestamp(UB, INSTANT)
    assert stamp == "2026-12-10 17:00:00.250000 UTC8" and "+" not in stamp
    assert parse_utc(stamp) == INSTANT.replace(tzinfo=None)
    collect = ExchangeCollect.__new__(ExchangeCollect)
    record = collect._path_to_record(f"/x/inbound/ct-t1+a01+{stamp}+RANDOM")
    assert record["username"] == "ct-t1"
    assert record["timestamp"] == INSTANT.replace(tzinfo=None)


def test_the_trainees_list_and_feedback_names_split_cleanly():
    stamp = local_timestamp(UB, INSTANT)
    listing = ExchangeList.__new__(ExchangeList)
    listing.inbound = True
    info = listing.parse_assignment(f"/x/c1/inbound/ct-t1+a01+{stamp}+RANDOM")
    assert (info["student_id"], info["assignment_id"], info["timestamp"]) == \
        ("ct-t1", "a01", stamp)
    # fetch_feedback splits the cached copy's name on "+" into exactly three parts
    assert len(f"ct-t1+a01+{stamp}".split("+")) == 3


def test_utc_tokens_parse_utc_understands():
    for hours, minutes in ((8, 0), (0, 0), (-5, 0), (5, 30)):
        offset = datetime.timedelta(hours=hours, minutes=minutes if hours >= 0 else -minutes)
        token = utc_token(offset)
        assert re.fullmatch(r"UTC-?\d+(:\d\d)?", token)
        local = datetime.datetime(2026, 12, 10, 12, 0) + offset
        assert parse_utc(f"{local:%Y-%m-%d %H:%M:%S} {token}") == \
            datetime.datetime(2026, 12, 10, 12, 0)


def test_a_deadline_typed_as_docs_hub_md_says():
    """`nbgrader db assignment add ... --duedate "2026-12-10 17:00 Asia/Ulaanbaatar"` (the
    zone by name) and formgrader's own form ("2026-12-10T17:00" + its "+0800" box) both mean
    17:00 in Ulaanbaatar; a bare time is read as UTC."""
    assert parse_utc("2026-12-10 17:00 Asia/Ulaanbaatar") == datetime.datetime(2026, 12, 10, 9)
    assert parse_utc("2026-12-10T17:00 +0800") == datetime.datetime(2026, 12, 10, 9)
    assert parse_utc("2026-12-10 17:00") == datetime.datetime(2026, 12, 10, 17)
