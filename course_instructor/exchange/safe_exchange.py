"""nbgrader's exchange on the class server, three small changes named in every server's
nbgrader_config.py (course_instructor/hub/setup_class.py):

    c.ExchangeFactory.submit = "course_instructor.exchange.Submit"
    c.ExchangeFactory.collect = "course_instructor.exchange.Collect"

1. Ulaanbaatar time that nbgrader reads back right. With Exchange.timezone = "Asia/Ulaanbaatar"
   the stock format writes "... +08": nbgrader 0.9 splits submission names on "+" (collect
   takes "<student>+<assignment>" for the student, fetch_feedback crashes) and its parse_utc
   reads a bare "+08" or "+0800" as 8 or 800 *seconds* (tests/test_exchange_time.py shows
   both). Submit writes "2026-12-10 17:00:00.000000 UTC8" instead: local wall time, no "+",
   and parse_utc turns it into the exact UTC instant.
2. A submit that fails half-way (the exchange's disk full) leaves no partial copy that collect
   could take for the newest submission, and says so in Mongolian and English.
3. Collect sets aside every inbound submission whose owner is not the account of the trainee
   it names (`nbgrader submit --student=<someone else>`): moved to quarantine/ in the course
   root, never collected, reported to the instructor; and names each late submission.
4. Collect takes only what a submit writes, at the time it was written. The inbound folder is
   writable by every trainee, and a trainee owns their submission in it, so its name and its
   timestamp.txt say whatever its owner wrote (nbgrader #1104): a submission made or changed
   after its stated time gets the time the system clock gave its files (ctime, which no
   ordinary account can set) and the instructor is told. nbgrader's copy follows links and
   opens pipes: a link in a submission (to the grader's own sources, which the grader can read)
   would be copied as the file it points to, a pipe would hang the collect of the whole class.
   Only regular files and folders are copied, opened without following links; the rest is
   left out with a message, and a submission too large is skipped alone, not the class.
5. Collect sets aside a submission that `nbgrader submit` did not make: one without its
   submission_secret.txt (a folder written into inbound by hand). Collected, it would be graded,
   and formgrader's class-wide *Release feedback* would then stop on it with FileNotFoundError
   for everyone; its owner could never fetch its feedback anyway (the secret names the page).
   ReleaseFeedback skips, and names, any such folder already collected before this rule.
"""

from __future__ import annotations

import datetime
import errno
import fnmatch
import glob
import os
import shutil
import stat

from dateutil.tz import gettz
from nbgrader.exchange.default import ExchangeCollect, ExchangeReleaseFeedback, ExchangeSubmit
from traitlets import Bool

from .inbound import copy_regular, has_secret, true_time

COLLECTED = "collected"  # intake.COLLECTED (grading imports exchange, not the other way)

TIME_FORMAT = "%Y-%m-%d %H:%M:%S.%f"


# nbgrader's own failure messages, with what a trainee reads first
MESSAGES_MN = {
    "Assignment not found": "Ийм даалгавар энэ хичээлд алга: багш гаргаагүй эсвэл нэрийг "
                            "буруу бичсэн байна.",
    "No course id specified": "Хичээлээ сонгоно уу.",
    "Inbound directory doesn't exist": "Багш энэ хичээлийн ажил хүлээн авах хавтсыг "
                                       "хараахан үүсгээгүй байна.",
    "You do not have access": "Та энэ хичээлд бүртгэлгүй байна.",
}


WRITE_ERRORS_MN = {
    errno.ENOSPC: "ажил хүлээн авах дискэнд зай дууссан",
    errno.EDQUOT: "ажил хүлээн авах дискний хязгаар дүүрсэн",
    errno.EACCES: "ажил хүлээн авах хавтсанд бичих эрхгүй",
}


def utc_token(offset: datetime.timedelta) -> str:
    """UTC+8 -> "UTC8", UTC-5 -> "UTC-5", UTC+5:30 -> "UTC5:30" (parse_utc reads all three)."""
    minutes = int(offset.total_seconds() // 60)
    sign = "-" if minutes < 0 else ""
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


def local_timestamp(timezone: str, now: datetime.datetime | None = None) -> str:
    tz = gettz(timezone)
    if tz is None:
        raise ValueError(timezone)
    moment = (now or datetime.datetime.now(datetime.timezone.utc)).astimezone(tz)
    return f"{moment.strftime(TIME_FORMAT)} {utc_token(moment.utcoffset())}"


class Submit(ExchangeSubmit):
    def set_timestamp(self):
        try:
            self.timestamp = local_timestamp(self.timezone)
        except ValueError:
            self.fail(f"Invalid timezone: {self.timezone}")

    def fail(self, msg):
        mn = next((v for k, v in MESSAGES_MN.items() if str(msg).startswith(k)), "")
        super().fail(f"{mn} / {msg}" if mn else msg)

    def _assignment_not_found(self, src_path, other_path):
        self.log.fatal(f"Ийм даалгавар алга: таны хавтсанд «{os.path.basename(src_path)}» "
                       f"гэсэн хавтас байхгүй. Нэрийг шалгаад, даалгавраа эхлээд татаж авна уу.")
        super()._assignment_not_found(src_path, other_path)

    def copy_files(self):
        try:
            super().copy_files()
        except OSError as err:
            # half a submission in inbound would be collected as the newest: remove it
            shutil.rmtree(os.path.join(self.inbound_path, self.assignment_filename),
                          ignore_errors=True)
            cached = self.assignment_filename.rsplit("+", 1)[0]
            shutil.rmtree(os.path.join(self.cache_path, cached), ignore_errors=True)
            why = WRITE_ERRORS_MN.get(err.errno, "файл бичиж чадсангүй")
            self.fail(f"Илгээж чадсангүй: {why}. Таны ажил өөрийн "
                      f"хавтсандаа бүтэн байгаа; багшид хэлээд дахин илгээнэ үү. / Not "
                      f"submitted ({err.__class__.__name__}: {err.strerror}); your work is "
                      f"safe in your folder: tell the instructor, then submit again.")


def owner_matches(path: str, student: str) -> tuple[bool, str]:
    """Is the inbound entry owned by the account named ``student``? (owner's name as well)"""
    import pwd

    uid = os.lstat(path).st_uid
    try:
        owner = pwd.getpwuid(uid).pw_name
    except KeyError:
        owner = f"uid {uid}"
    try:
        return pwd.getpwnam(student).pw_uid == uid, owner
    except KeyError:
        return False, owner


class Collect(ExchangeCollect):
    check_times = Bool(
        True, help="Correct a submission's stated time to when its files were written. Turn "
        "off only to collect from an exchange restored from a backup (a restore sets every "
        "file's ctime to the restore's time).").tag(config=True)

    def init_src(self):
        self.quarantine_forged()
        self.set_aside_unsigned()
        super().init_src()
        self.report_late()

    def _path_to_record(self, path):
        record = super()._path_to_record(path)
        when, claimed = (true_time(path, record["timestamp"]) if self.check_times
                         else (record["timestamp"], None))
        record["timestamp"], record["claimed"] = when, claimed  # claimed: a false time, or None
        return record

    def copy_files(self):
        self.times = {rec["filename"]: rec["timestamp"] for rec in self.src_records}  # do_copy's
        for rec in self.src_records:
            claimed = rec["claimed"]
            if claimed is not None:
                self.log.warning(
                    f"ЦАГ ЗАССАН: {rec['username']}-ийн ажил {self._local(claimed)}-д "
                    f"илгээсэн гэж бичсэн ч {self._local(rec['timestamp'])}-д бичигдсэн; "
                    f"сүүлийн цагаар тооцов. / TIME CORRECTED: {rec['username']}'s submission "
                    f"states {self._local(claimed)} but was written at "
                    f"{self._local(rec['timestamp'])}; the later time counts.")
        super().copy_files()

    def _local(self, naive_utc: datetime.datetime) -> str:
        return local_timestamp(self.timezone, naive_utc.replace(tzinfo=datetime.timezone.utc))

    def do_copy(self, src, dest, log=None):
        """Regular files and folders only, never following a link or opening a pipe; within
        nbgrader's ignore/include patterns and size limits; timestamp.txt says the true time."""
        name = os.path.basename(src)
        student = name.split("+", 1)[0]
        limit_file = 1000 * self.coursedir.max_file_size
        limit_all = 1000 * self.coursedir.max_dir_size
        plan, left_out, total = [], [], 0
        for dirpath, dirnames, filenames in os.walk(src):  # os.walk does not enter links
            rel = os.path.relpath(dirpath, src)
            for entry in sorted(dirnames + filenames):
                path = os.path.join(dirpath, entry)
                shown = os.path.normpath(os.path.join(rel, entry))
                if self._ignored(entry):
                    if entry in dirnames:
                        dirnames.remove(entry)
                    continue
                info = os.lstat(path)
                if stat.S_ISDIR(info.st_mode):
                    continue
                if not stat.S_ISREG(info.st_mode):
                    left_out.append(f"{shown} (холбоос, суваг эсвэл төхөөрөмж / a link, "
                                    f"pipe or device)")
                elif info.st_size > limit_file:
                    left_out.append(f"{shown} ({info.st_size:,} B > {limit_file:,} B)")
                else:
                    total += info.st_size
                    plan.append((path, shown))
        if total > limit_all:
            self.log.error(
                f"ЦУГЛУУЛСАНГҮЙ: {student}-ийн ажил хэт том ({total:,} B > {limit_all:,} B). "
                f"/ NOT COLLECTED: {student}'s submission is too large ({total:,} B).")
            return
        os.makedirs(dest)
        for path, shown in plan:
            if not copy_regular(path, os.path.join(dest, shown), limit_file):
                left_out.append(f"{shown} (хуулах үед өөрчлөгдсөн / changed while copied)")
        if left_out:
            self.log.warning(f"ОРХИВ: {student}-ийн ажлаас хуулаагүй / LEFT OUT of "
                             f"{student}'s submission: {'; '.join(left_out)}")
        when = getattr(self, "times", {}).get(name)
        if when is not None:
            with open(os.path.join(dest, "timestamp.txt"), "w", encoding="utf-8") as fh:
                fh.write(self._local(when))
            self.record_time(dest, self._local(when))

    def record_time(self, dest: str, when: str) -> None:
        """Keep the time just written, outside submitted/, where no trainee writes: `make
        autograde` believes a timestamp.txt only when it matches this record (intake.py)."""
        student, aid = os.path.basename(os.path.dirname(dest)), os.path.basename(dest)
        record = os.path.join(self.coursedir.root, COLLECTED, student, aid)
        os.makedirs(record, exist_ok=True)
        with open(os.path.join(record, "timestamp.txt"), "w", encoding="utf-8") as fh:
            fh.write(when)

    def _ignored(self, entry: str) -> bool:
        """nbgrader's own patterns: CourseDirectory.ignore, and what .include leaves out.
        (nbgrader's ignore_patterns() cannot be reused: it sizes every entry with getsize,
        which follows links and raises on a dangling one.)"""
        if any(fnmatch.fnmatch(entry, pat) for pat in self.coursedir.ignore):
            return True
        return not any(fnmatch.fnmatch(entry, pat) for pat in self.coursedir.include)

    def quarantine_forged(self) -> None:
        inbound = os.path.join(self.root, self.coursedir.course_id, "inbound")
        if os.name != "posix" or not self.coursedir.course_id or not os.path.isdir(inbound):
            return  # stock init_src says what is wrong
        aside = os.path.join(self.coursedir.root, "quarantine", self.coursedir.assignment_id)
        suffix = f"+{self.coursedir.assignment_id}+"
        for name in sorted(os.listdir(inbound)):
            student = name.split("+", 1)[0]
            if suffix not in name or name.startswith("."):
                continue
            ok, owner = owner_matches(os.path.join(inbound, name), student)
            if ok:
                continue
            where = self.set_aside(inbound, name, aside)
            self.log.error(
                f"ТУСГААРЛАВ: «{student}»-ийн нэрээр илгээсэн ажил {owner} хэрэглэгчийнх "
                f"байна. Үүнийг цуглуулсангүй, {where} руу зөөв. / QUARANTINED: a "
                f"submission naming {student} belongs to {owner}; not collected, moved to "
                f"{where}.")

    def set_aside_unsigned(self) -> None:
        """Submissions without submission_secret.txt (not made by `nbgrader submit`)."""
        inbound = os.path.join(self.root, self.coursedir.course_id, "inbound")
        if not self.coursedir.course_id or not os.path.isdir(inbound):
            return
        aside = os.path.join(self.coursedir.root, "quarantine", self.coursedir.assignment_id)
        suffix = f"+{self.coursedir.assignment_id}+"
        for name in sorted(os.listdir(inbound)):
            if suffix not in name or name.startswith(".") or \
                    has_secret(os.path.join(inbound, name)):
                continue
            student = name.split("+", 1)[0]
            where = self.set_aside(inbound, name, aside)
            self.log.error(
                f"ТУСГААРЛАВ: «{student}»-ийн ажилд submission_secret.txt алга (nbgrader submit "
                f"биш, гараар хийсэн хавтас). Цуглуулсангүй, {where} руу зөөв; сонсогч "
                f"Assignments цонхноос дахин илгээнэ. / QUARANTINED: {student}'s submission has "
                f"no submission_secret.txt (made by hand, not by nbgrader submit); not "
                f"collected, moved to {where}. The trainee submits again from the Assignments "
                f"tab.")

    def set_aside(self, inbound: str, name: str, aside: str) -> str:
        os.makedirs(aside, mode=0o700, exist_ok=True)
        source, target = os.path.join(inbound, name), os.path.join(aside, name)
        try:
            os.rename(source, target)
            return target
        except OSError as err:
            if err.errno == errno.EXDEV:  # the exchange on another disk: copy, then remove
                try:
                    return shutil.move(source, target)
                except OSError:
                    shutil.rmtree(target, ignore_errors=True)
        # a folder its owner made read-only cannot change parent: hide it in place
        # (a dot name matches no collect, list or fetch pattern)
        hidden = os.path.join(inbound, ".quarantine-" + name)
        os.rename(source, hidden)
        return hidden

    def report_late(self) -> None:
        if self.duedate is None:
            return
        for rec in self.src_records:
            late = rec["timestamp"] - self.duedate
            if late.total_seconds() > 0:
                self.log.warning(
                    f"ХОЦОРСОН: {rec['username']} хугацаанаас {_span(late, True)} хэтэрч "
                    f"илгээсэн; хоцролтын дүрмээр үнэлнэ. / LATE: {rec['username']} "
                    f"submitted {_span(late, False)} after the deadline; the late policy "
                    f"applies at autograde.")


class ReleaseFeedback(ExchangeReleaseFeedback):
    """Class-wide release that one folder cannot stop: a feedback folder without its
    submission_secret.txt (collected before Collect refused such submissions) is named and
    skipped; nbgrader's own loop would end the release there with FileNotFoundError."""

    def copy_files(self):
        unsigned = sorted({
            os.path.basename(os.path.dirname(os.path.dirname(page)))
            for page in glob.glob(os.path.join(self.src_path, "*.html"))
            if not has_secret(os.path.dirname(page))})
        for student in unsigned:
            self.log.error(
                f"АЛГАССАН: «{student}»-ийн хариу тайланд submission_secret.txt алга; "
                f"гаргасангүй, бусдынх гарна. / SKIPPED: {student}'s feedback has no "
                f"submission_secret.txt; not released, the others are.")
        if unsigned:
            excluded = [s for s in self.coursedir.student_id_exclude.split(",") if s]
            self.coursedir.student_id_exclude = ",".join([*excluded, *unsigned])
        super().copy_files()


def _span(delta: datetime.timedelta, mn: bool) -> str:
    minutes = max(1, int(delta.total_seconds() // 60))
    days, rest = divmod(minutes, 24 * 60)
    units = ("өдөр", "цаг", "минут") if mn else ("d", "h", "min")
    parts = [(days, units[0]), (rest // 60, units[1]), (rest % 60, units[2])]
    return " ".join(f"{n} {u}" for n, u in parts if n)

