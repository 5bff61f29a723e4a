"""Characters: the one normal form every module compares text in, and the character classes.

>>> from catalogue.chars import nfkc, strip_punct
>>> nfkc("ＡＢＣ１２３（监测）")
'abc123(监测)'
>>> strip_punct("大气（水）、土壤", keep_enumeration=True)
'大气水、土壤'
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["HAN", "PUNCT", "has_han", "nfkc", "strip_punct"]

#: a run of punctuation, brackets, quotes, separators and spaces
PUNCT = re.compile(
    r"[\s\u3000·•・,，。．.;；:：!！?？、/\\|\"'“”‘’「」『』《》<>〈〉【】\[\]{}()（）\-—–_~～…*#@&%=+]+"
)
#: a CJK unified ideograph
HAN = re.compile(r"[\u4e00-\u9fff]")
#: the marks that separate the items of an enumeration (大气、水、土壤)
ENUMERATION_MARKS = "、,，"


def nfkc(text: str, *, lower: bool = True) -> str:
    """NFKC (full width to half width) and, unless ``lower`` is false, lower-case letters."""
    text = unicodedata.normalize("NFKC", text)
    return text.lower() if lower else text


def has_han(text: str) -> bool:
    """Whether ``text`` has a Chinese character."""
    return HAN.search(text) is not None


def strip_punct(text: str, *, keep_enumeration: bool = False) -> str:
    """``text`` without punctuation. With ``keep_enumeration`` a run of punctuation that holds an
    enumeration mark becomes one ``、`` so the items stay apart."""
    if not keep_enumeration:
        return PUNCT.sub("", text)
    return PUNCT.sub(lambda m: "、" if _has_enumeration_mark(m.group(0)) else "", text)


def _has_enumeration_mark(run: str) -> bool:
    return any(c in ENUMERATION_MARKS for c in run)
