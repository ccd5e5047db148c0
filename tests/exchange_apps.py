"""The hand-in set-up the exchange's unit tests share (test_exchange_collect, _secret): a
trainee's submission made in the inbound folder by hand, and our nbgrader exchange apps run
over real folders as the test's own account (collect sets aside a submission its named
trainee does not own)."""

from __future__ import annotations

import datetime
import logging
import os
import pwd
import signal
from pathlib import Path

from nbgrader.auth import Authenticator
from nbgrader.coursedir import CourseDirectory
from traitlets.config import Config

from course_instructor.exchange import local_timestamp

UB = "Asia/Ulaanbaatar"
AID = "a01"
ME = pwd.getpwuid(os.getuid()).pw_name
SECRET = "s" * 128  # as nbgrader submit writes it


def config(root: Path, **extra) -> Config:
    """Course c1, assignment a01, course root root/course, exchange root/exchange; ``extra``
    as Class__trait=value."""
    config = Config()
    config.CourseDirectory.root = str(root / "course")
    config.CourseDirectory.course_id = "c1"
    config.CourseDirectory.assignment_id = AID
    config.Exchange.root = str(root / "exchange")
    config.Exchange.timezone = UB
    for key, value in extra.items():
        cls, trait = key.split("__")
        config[cls][trait] = value
    return config


def run(cls, config: Config, caplog) -> str:
    """Run the exchange app ``cls``; what it logged."""
    log = logging.getLogger(f"test-{cls.__name__}")
    app = cls(coursedir=CourseDirectory(config=config),
              authenticator=Authenticator(config=config), config=config, log=log)
    signal.alarm(60)  # a pipe opened by a copy would hang here: fail instead
    try:
        with caplog.at_level(logging.INFO, logger=log.name):
            app.start()
    finally:
        signal.alarm(0)
    return caplog.text


def hand_in(root: Path, files: dict, when: datetime.datetime | None = None,
            stamp_file: str | None = None, secret: str | None = SECRET,
            tag: str = "r4nd0m") -> Path:
    """A folder in inbound as a trainee can make one: any name, any timestamp.txt, a secret
    or none (None: no submission_secret.txt)."""
    stated = local_timestamp(UB, when or datetime.datetime.now(datetime.timezone.utc))
    folder = root / "exchange" / "c1" / "inbound" / f"{ME}+{AID}+{stated}+{tag}"
    folder.mkdir(parents=True)
    (folder / "timestamp.txt").write_text(stamp_file or stated, encoding="utf-8")
    if secret is not None:
        (folder / "submission_secret.txt").write_text(secret, encoding="utf-8")
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder
