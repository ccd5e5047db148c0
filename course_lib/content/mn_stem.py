"""Mongolian stems from the hunspell-mn dictionary's own affix rules (read by spylls, pure Python).

``lemmas("нөлөөнд") == {"нөлөө"}``: the stems hunspell finds for a word, keeping only the
longest ones, so that a case ending, plural or verb ending comes off («байдлыг» → «байдал»,
«унагадаг» → «унага») while a derivation the dictionary also lists as its own word stays apart
(«хэрэгжилт», implementation, is a headword; «хэрэгжихүйц», implementable, is not, so their
longest stems differ). A word hunspell does not know is its own stem.

Cost: nothing at import. The first call reads the .aff rules (~0.5 s) and groups the .dic lines
by their first two letters as UTF-8 bytes (~0.5 s, ~20 MB): spylls's own dictionary object
would hold half a million Word objects (~8 s, ~500 MB), too much for every trainee's kernel.
Without hunspell-mn or spylls every word is its own stem and ``status()`` says why; nothing
raises.

Words the course uses that hunspell lacks are added with the flags of a model word
(data/spelling/mn_models.txt, the idea of hunspell's own ``add_with_affix``).
"""

from __future__ import annotations

import os
import sys
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

from ..paths import data_dir

_NAME = "mn_MN"
_SEARCH = ("/usr/share/hunspell", "/usr/share/myspell/dicts", "/usr/local/share/hunspell")
_BUCKET = 2  # .dic lines are grouped by the first letters of the word


def dictionary_paths() -> tuple[Path, Path] | None:
    """(aff, dic) of mn_MN: $COURSE_HUNSPELL_DIR, the system folders, then the environment's."""
    folders = [os.environ.get("COURSE_HUNSPELL_DIR", ""), *_SEARCH,
               str(Path(sys.prefix) / "share" / "hunspell")]
    for folder in filter(None, folders):
        aff, dic = Path(folder) / f"{_NAME}.aff", Path(folder) / f"{_NAME}.dic"
        if aff.is_file() and dic.is_file():
            return aff, dic
    return None


def read_models(path: Path) -> dict[str, tuple[str, ...]]:
    """word -> its model words, from data/spelling/mn_models.txt (a missing file: none)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return {}
    rows = (line.split("#", 1)[0].split() for line in lines)
    return {row[0].casefold(): tuple(row[1:]) for row in rows if len(row) >= 2}


class _Analyser:
    """spylls's lookup over a dictionary read on demand from a compact index."""

    def __init__(self, aff_path: Path, dic_path: Path, models: dict[str, tuple[str, ...]]):
        from spylls.hunspell import readers
        from spylls.hunspell.algo import lookup
        from spylls.hunspell.data import dic as spylls_dic
        from spylls.hunspell.readers.file_reader import FileReader

        self.aff, self.context = readers.read_aff(FileReader(str(aff_path)))
        self._word = spylls_dic.Word
        buckets: dict[bytes, list[bytes]] = defaultdict(list)
        with open(dic_path, "rb") as lines:
            next(lines, None)  # the word count
            for line in lines:
                if not line.startswith(b"#"):
                    head = line.split(b"/", 1)[0].strip().decode("utf-8", "replace")
                    buckets[head[:_BUCKET].casefold().encode()].append(line.rstrip(b"\r\n"))
        self._lines = {key: b"\n" + b"\n".join(rows) + b"\n" for key, rows in buckets.items()}
        self._extra: dict[str, list[str]] = {}
        for word, examples in models.items():
            # a model's flags as written in the .dic (a capitalised headword keeps its case)
            self._extra[word] = [flags for model in examples for _, flags in self._entries(model)]
        analyser = self

        class _Dic(spylls_dic.Dic):
            def homonyms(self, stem, *, ignorecase=False):
                return analyser.homonyms(stem)

        self.lookup = lookup.Lookup(self.aff, _Dic(words=[]))

    def _entries(self, stem: str) -> list[tuple[str, str]]:
        """(stem, flags) of every .dic line for exactly ``stem``."""
        blob = self._lines.get(stem[:_BUCKET].casefold().encode(), b"")
        found, raw = [], stem.encode()
        for end in (b"/", b"\n", b"\t", b" "):
            needle = b"\n" + raw + end
            at = blob.find(needle)
            while at != -1:
                line = blob[at + 1: blob.find(b"\n", at + 1)].decode("utf-8")
                flags = line.split("/", 1)[1].split()[0] if "/" in line else ""
                found.append((stem, flags))
                at = blob.find(needle, at + 1)
        return found

    @lru_cache(maxsize=20_000)  # noqa: B019 - one analyser per process, kept for its lifetime
    def homonyms(self, stem: str) -> list:
        entries = self._entries(stem) + [(stem, f) for f in self._extra.get(stem, [])]
        return [self._word(stem=s, flags=set(self.context.parse_flags(f)), data={},
                           captype=self.aff.casing.guess(s), alt_spellings=[])
                for s, f in entries]

    @lru_cache(maxsize=20_000)  # noqa: B019
    def stems(self, word: str) -> frozenset[str]:
        found = set()
        for variant in {word, word[:1].upper() + word[1:]}:
            for form in self.lookup.good_forms(variant, capitalization=False,
                                               compound_forms=False):
                found.add(form.stem.casefold())
        if not found:
            return frozenset()
        longest = max(len(s) for s in found)
        return frozenset(s for s in found if len(s) == longest)


_status = {"note": ""}


@lru_cache(maxsize=1)
def _analyser() -> _Analyser | None:
    _status["note"] = ""
    paths = dictionary_paths()
    if paths is None:
        _status["note"] = (f"hunspell's {_NAME} dictionary is not installed (Debian/Ubuntu: "
                           "apt-get install hunspell-mn)")
        return None
    try:
        import spylls  # noqa: F401
    except ImportError:
        _status["note"] = "the spylls package is not installed (pip install spylls)"
        return None
    try:
        return _Analyser(*paths, read_models(data_dir() / "spelling" / "mn_models.txt"))
    except Exception as exc:  # a damaged dictionary must not stop grading: words match as typed
        _status["note"] = f"hunspell's {_NAME} dictionary could not be read: {exc}"
        return None


def status() -> str:
    """'' when stemming works, else why every word is taken as typed (loads the dictionary)."""
    _analyser()
    return _status["note"]


@lru_cache(maxsize=50_000)
def lemmas(word: str) -> frozenset[str]:
    """The longest hunspell stems of ``word`` (case-folded); {word} if hunspell does not know it."""
    word = word.casefold()
    analyser = _analyser()
    if analyser is None or not word:
        return frozenset({word})
    return analyser.stems(word) or frozenset({word})
