"""Normalise short text answers so that typing slips do not count as wrong answers.

Both the learner's answer and every accepted variant go through the same function, so a fold
only ever merges spellings; it never makes two different answers match by accident unless they
look the same on screen. Steps, in order:

1. NFKC: one Unicode form (decomposed й/ё, full-width letters, ligatures all compare equal);
2. drop control and invisible format characters (zero-width spaces, BOM, soft hyphen);
3. case-fold;
4. punctuation becomes a space, then all spacing is removed ("e-Mongolia" = "e mongolia" =
   "emongolia"): short answers never hinge on word breaks;
5. Latin letters that look like Cyrillic ones (a e o p c x y k m t h b, plus ö ü) become the
   Cyrillic letter: a learner switching keyboards mid-word still gets the match;
6. the optional folds the question allows: Ё->Е (yo), Ү->У (ue), Ө->О (oo).
"""

from __future__ import annotations

import unicodedata

MAX_ANSWER_CHARS = 500  # longer input is not an answer to a short-text question

# lower-case Latin (after case-folding) -> the Cyrillic letter it is typed for
LOOKALIKES = str.maketrans({
    "a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "x": "х", "y": "у", "k": "к",
    "m": "м", "t": "т", "h": "н", "b": "в",
    "ö": "ө", "ü": "ү", "ɵ": "ө", "ӧ": "ө", "ӱ": "ү",
})
FOLDS = {
    "yo": str.maketrans({"ё": "е"}),
    "ue": str.maketrans({"ү": "у"}),
    "oo": str.maketrans({"ө": "о"}),
}


def _keep(char: str) -> bool:
    category = unicodedata.category(char)
    if category in ("Cc", "Cf", "Cs", "Co", "Cn"):
        return char in "\t\n\r"  # spacing survives as spacing; the rest is invisible noise
    return True


def _spacing(char: str) -> str:
    category = unicodedata.category(char)
    if category.startswith("P") or category.startswith("Z") or char in "\t\n\r" \
            or category in ("Sk", "Sm"):
        return " "
    return char


def normalize_text(text: str, folds: tuple[str, ...] | list[str] = ()) -> str:
    """The comparison key of a short text answer (see the module docstring for the steps)."""
    text = unicodedata.normalize("NFKC", text[: MAX_ANSWER_CHARS * 4])
    text = "".join(ch for ch in text if _keep(ch)).casefold()
    text = "".join(_spacing(ch) for ch in text).replace(" ", "")
    # Removing spaces can bring a letter next to a combining mark, and a look-alike swap can
    # make a new composable pair: repeat compose + swap until nothing changes (so the key of a
    # key is itself, which the property tests check).
    for _ in range(4):
        folded = unicodedata.normalize("NFC", text).translate(LOOKALIKES)
        for fold in folds:
            folded = folded.translate(FOLDS.get(fold, {}))
        if folded == text:
            break
        text = folded
    return text


def safe_str(value, limit: int = MAX_ANSWER_CHARS * 4) -> str | None:
    """Text of an odd learner value (numbers, bytes, objects), or None if it has none.

    Never raises: ints too long for str() (Python's 4300-digit guard), objects whose __str__
    fails and undecodable bytes all give None, which the checks report as "not readable".
    """
    if isinstance(value, str):
        return value
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        # bit_length is cheap: a number this long is no short answer, and str() would raise
        return str(value) if value.bit_length() <= 3 * limit else None
    if isinstance(value, float):
        return None if value != value or value in (float("inf"), float("-inf")) else repr(value)
    if isinstance(value, (bytes, bytearray)):
        try:
            return bytes(value[: limit * 4]).decode("utf-8")
        except UnicodeDecodeError:
            return None
    try:
        text = str(value)
    except Exception:  # a learner object's __str__ may do anything
        return None
    return text if isinstance(text, str) else None


def visible_length(text: str) -> int:
    """How many non-space characters the learner typed (after dropping invisible ones)."""
    return sum(1 for ch in text if _keep(ch) and not ch.isspace())
