"""A submission nbgrader submit did not make (no submission_secret.txt) never stops the class's
feedback (issue 22, point 7): collect sets it aside; a feedback folder already collected
without one is skipped by the release, and everyone else's feedback goes out.

The real nbgrader exchange classes (our subclasses) over real folders, as the test's own
account; tests/hub/test_keys_apart.py does it as real trainees through formgrader's route."""

from __future__ import annotations

import pytest
from exchange_apps import AID, ME, config, hand_in, run

from course_instructor.exchange import Collect, ReleaseFeedback


def _hand_in(tmp_path, secret: str | None, tag: str):
    return hand_in(tmp_path, {"a01.ipynb": "{}"}, secret=secret, tag=tag)


@pytest.mark.parametrize("secret", [None, ""], ids=["missing", "empty"])
def test_collect_sets_aside_a_submission_without_its_secret(tmp_path, caplog, secret):
    (tmp_path / "course").mkdir()
    folder = _hand_in(tmp_path, secret, "byhand")
    log = run(Collect, config(tmp_path), caplog)
    assert not (tmp_path / "course" / "submitted" / ME / AID).exists()
    assert (tmp_path / "course" / "quarantine" / AID / folder.name).is_dir()  # kept, named
    assert f"QUARANTINED: {ME}'s submission has no submission_secret.txt" in log
    assert "submission_secret.txt алга" in log


def test_a_link_in_place_of_the_secret_is_no_secret(tmp_path, caplog):
    (tmp_path / "course").mkdir()
    (tmp_path / "elsewhere.txt").write_text("x" * 128, encoding="utf-8")
    folder = _hand_in(tmp_path, None, "linked")
    (folder / "submission_secret.txt").symlink_to(tmp_path / "elsewhere.txt")
    assert "QUARANTINED" in run(Collect, config(tmp_path), caplog)


def test_an_honest_submission_is_collected_with_its_secret(tmp_path, caplog):
    (tmp_path / "course").mkdir()
    _hand_in(tmp_path, "a" * 128, "submitted")
    log = run(Collect, config(tmp_path), caplog)
    dest = tmp_path / "course" / "submitted" / ME / AID
    assert (dest / "submission_secret.txt").read_text() == "a" * 128
    assert "QUARANTINED" not in log


def test_release_feedback_skips_an_unsigned_folder_and_releases_the_rest(tmp_path, caplog):
    feedback = tmp_path / "course" / "feedback"
    for student, secret in (("honest", "s" * 128), ("byhand", None)):
        folder = feedback / student / AID
        folder.mkdir(parents=True)
        (folder / "a01.html").write_text(f"<p>{student}</p>", encoding="utf-8")
        (folder / "timestamp.txt").write_text("2026-12-07 10:00:00.000000 UTC8")
        if secret:
            (folder / "submission_secret.txt").write_text(secret)
    (tmp_path / "exchange" / "c1").mkdir(parents=True)
    log = run(ReleaseFeedback, config(tmp_path, CourseDirectory__student_id="*"), caplog)
    released = list((tmp_path / "exchange" / "c1" / "feedback").glob("*.html"))
    assert [p.read_text() for p in released] == ["<p>honest</p>"]
    assert "SKIPPED: byhand's feedback has no submission_secret.txt" in log
