"""Whether a short answer says what an accepted answer says, as a teacher reading it would judge.

One matcher for the graded items (``cl.graded_text``) and the self-check text questions
(scoring.check_text). An answer matches when it equals an accepted answer after normalisation
(normalize.py), or when, word by word, it says the same thing in another grammatical form:

* Mongolian case endings, plurals and verb endings with their vowel-harmony variants come off by
  hunspell-mn's own affix rules (mn_stem.py): «үр нөлөөнд» = «үр нөлөө», «шинэлэг байдлыг» =
  «шинэлэг байдал», «инноваторуудад» = «инноваторууд»;
* a trailing copula or a level word is not part of the answer: «Гадаад эсэргүүцэл юм»,
  «Мэдээлэх түвшин», «аргачлалын түвшин», "inform level"; nor is a leading «энэ бол» / "it is";
* "Mongolian (English)", "English (Mongolian)" and "A / B" give one answer twice: every part must
  match («Мэдээлэх (Inform)»), so a hedge between two options («гадаад / дотоод») does not;
* English articles go and a plural is its singular ("the innovators" = "innovator");
* words keep their order and number: an answer that adds or leaves out a word does not match,
  except that the words before the last may be written together or apart («сэтгэлзүйн» =
  «сэтгэл зүйн») because a Mongolian phrase takes its ending on the last word only.

No edit distance and no partial credit: a wrong option never differs from a right one by a typo,
so tolerance of typos would let wrong options through.
"""

from __future__ import annotations

import re
import unicodedata

from . import mn_stem
from .normalize import MAX_ANSWER_CHARS, normalize_text

_WORD = re.compile(r"[^\W_]+")
_PARTS = re.compile(r"[()\[\]/]")
_ARTICLES = {"a", "an", "the"}
# "this is X", «X юм», «X-д нь»: words around an answer that add nothing to it
_LEADING = (("энэ", "бол"), ("энэ", "нь"), ("it", "is"), ("this", "is"), ("энэ",))
_TRAILING = (("нь",), ("юм", "байна"), ("юм",), ("байна",), ("болно",), ("гэнэ",),
             ("гэж", "нэрлэнэ"), ("гэж", "нэрлэдэг"))
_LEVEL_WORDS = {"level", "түвшин"}  # compared by stem: «түвшний», «түвшинд» too


def _strip_affixes(words: list[str]) -> list[str]:
    for lead in _LEADING:
        if len(words) > len(lead) and tuple(words[: len(lead)]) == lead:
            words = words[len(lead):]
            break
    changed = True
    while changed and len(words) > 1:
        changed = False
        for tail in _TRAILING:
            if len(words) > len(tail) and tuple(words[-len(tail):]) == tail:
                words, changed = words[: -len(tail)], True
                break
        if len(words) > 1 and _is_level_word(words[-1]):
            words, changed = words[:-1], True
        if len(words) > 1 and _is_level_word(words[0]):  # "level: inform"
            words, changed = words[1:], True
    return words


def _is_level_word(word: str) -> bool:
    return word in _LEVEL_WORDS or bool(mn_stem.lemmas(word) & _LEVEL_WORDS)


def _english_singular(word: str) -> str:
    if not word.isascii() or len(word) < 4 or word.endswith("ss"):
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") else word


def words_of(text: str) -> list[list[str]]:
    """The answer's parts (outside and inside parentheses, either side of a slash) as words."""
    text = unicodedata.normalize("NFKC", text).casefold()
    parts = []
    for part in _PARTS.split(text):
        words = [w for w in _WORD.findall(part) if w not in _ARTICLES]
        if words:
            parts.append(_strip_affixes(words))
    return parts


def _key(word: str, folds) -> str:
    return normalize_text(_english_singular(word), folds)


def _same_word(given: str, accepted: str, folds) -> bool:
    if _key(given, folds) == _key(accepted, folds):
        return True
    if given.isascii() or accepted.isascii():
        return False
    stems = {normalize_text(s, folds) for s in mn_stem.lemmas(given)}
    return bool(stems & {normalize_text(s, folds) for s in mn_stem.lemmas(accepted)})


def _same_phrase(given: list[str], accepted: list[str], folds) -> bool:
    if len(given) == len(accepted) and all(
            _same_word(g, a, folds) for g, a in zip(given, accepted, strict=True)):
        return True
    # the words before the last written together or apart; the last one carries the ending
    return (len(given) != len(accepted) and
            normalize_text("".join(given[:-1]), folds) ==
            normalize_text("".join(accepted[:-1]), folds) and
            _same_word(given[-1], accepted[-1], folds))


def matches(answer: str, accepted, folds=()) -> bool:
    """True when ``answer`` says one of ``accepted`` (see the module docstring)."""
    if not isinstance(answer, str) or not answer.strip():
        return False
    accepted = [a for a in accepted if isinstance(a, str) and a.strip()]
    given_key = normalize_text(answer, folds)
    if not given_key:
        return False
    if any(given_key == normalize_text(a, folds) for a in accepted):
        return True
    if len(answer) > MAX_ANSWER_CHARS:
        return False  # not a short answer: no word-by-word reading of a pasted essay
    parts = words_of(answer)
    if not parts:
        return False
    forms = [phrase for a in accepted for phrase in words_of(a)]
    return all(any(_same_phrase(part, form, folds) for form in forms) for part in parts)


def note() -> str:
    """'' when Mongolian endings are recognised, else why answers are matched as typed."""
    return mn_stem.status()
