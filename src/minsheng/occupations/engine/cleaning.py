"""Reduce a noisy job-ad title to the phrases that name the job.

Job ads wrap the job name in pay, perks, shift patterns, places, company names, ad copy and
reference numbers. Everything here is a generic rule about that wrapping; nothing is learned
from particular titles.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import compress
from operator import add

# Longer input is ad copy, not a title: only its start can name the job, and the cap keeps
# every pattern below working on a small bounded string.
MAX_TITLE_CHARS = 120
MAX_PHRASE_CHARS = 30

_CJK = re.compile(r"[\u4e00-\u9fff]")
_NUM = r"(?:\d+(?:\.\d+)?|[一二两三四五六七八九十百千万几]+)"
_UNIT = r"(?:[kw千万元块]|rmb)"
_PER = r"(?:/|每|一)?(?:月|天|日|小时|时|h|年|周|单|件|个)"
_MORE = r"(?:以上|起|左右|多|\+)*"

_PAY_WORDS = (
    r"(?:月入过?|月收入|月薪|年薪|日薪|时薪|底薪|保底|综合薪资|综合工资|薪资|工资|薪酬|待遇"
    r"|收入|提成|无责任?|税前|到手)"
    rf"{_NUM}?(?:\s*[-~～至到]\s*{_NUM})?{_UNIT}*(?:{_PER})?{_MORE}"
)
_PAY = re.compile(
    _PAY_WORDS + rf"|{_NUM}\s*{_UNIT}*\s*[-~～至到]\s*{_NUM}\s*{_UNIT}*(?:{_PER})?{_MORE}"
    rf"|\d+(?:\.\d+)?\s*{_UNIT}+(?:{_PER})?{_MORE}"
    rf"|\d+(?:\.\d+)?\s*{_PER}{_MORE}"
    r"|\d+(?:\.\d+)?%|过万|上万"
)
# Without a numeral (a character _NUM starts with) only the first branch of _PAY can match, and
# neither _SCHEDULE (朝九晚五 has its 九) nor _REFERENCE can; most titles have no numeral.
_NUMERAL = re.compile(r"[\d一二两三四五六七八九十百千万几]")
_PAY_WITHOUT_NUMERALS = re.compile(_PAY_WORDS)
# Shift patterns, rest days, head counts: 上六休一, 早9晚6, 月休4天, 两班倒, 招3名 ...
_SCHEDULE = re.compile(
    rf"[上做干]{_NUM}休{_NUM}|早{_NUM}晚{_NUM}|月休{_NUM}天?|{_NUM}点(?:上班|下班)?"
    rf"|{_NUM}班倒|{_NUM}班制|朝九晚[五六]|{_NUM}[名人位]"
)
# Directions and sales territories: 华东区, 西南区域, 江浙沪.
_TERRITORY = re.compile(
    r"(?:华东|华南|华北|华中|西南|西北|东北|江浙沪|珠三角|长三角)(?:区域|地区|大区|区)?"
)
_NOISE_WORDS = (
    "五险一金",
    "六险一金",
    "五险二金",
    "五险",
    "六险",
    "一金",
    "社保",
    "交社保",
    "缴纳",
    "买保险",
    "入职即",
    "包吃包住",
    "包食宿",
    "包吃住",
    "管吃住",
    "包住宿",
    "包吃",
    "包住",
    "管吃",
    "管住",
    "提供住宿",
    "提供食宿",
    "免费住宿",
    "食宿",
    "宿舍",
    "员工餐",
    "餐补",
    "房补",
    "饭补",
    "车补",
    "周末双休",
    "双休",
    "单休",
    "大小周",
    "长白班",
    "纯白班",
    "白班",
    "夜班",
    "倒班",
    "不坐班",
    "不加班",
    "加班少",
    "适应加班",
    "节假日",
    "法定假",
    "带薪培训",
    "带薪年假",
    "带薪",
    "年终奖",
    "年底双薪",
    "奖金",
    "高提成",
    "底薪",
    "无责",
    "保底",
    "高薪",
    "高福利",
    "福利好",
    "待遇好",
    "待遇优厚",
    "急招",
    "急聘",
    "诚聘",
    "诚招",
    "直招",
    "热招",
    "直聘",
    "招募",
    "聘请",
    "招收",
    "火热招聘",
    "日结",
    "周结",
    "月结",
    "可借支",
    "可预支",
    "借支",
    "预支",
    "就近分配",
    "就近安排",
    "离家近",
    "轻松",
    "稳定",
    "长期",
    "靠谱",
    "名额有限",
    "不限经验",
    "经验不限",
    "无经验",
    "无需经验",
    "零基础",
    "小白",
    "可接受",
    "接受",
    "学历不限",
    "男女不限",
    "年龄",
    "不限",
    "可实习",
    "应届生",
    "应届",
    "校招",
    "社招",
    "多名",
    "若干",
    "数名",
    "包教",
    "免费教",
    "带教",
    "师傅带",
    "有人带",
    "上班自由",
    "时间自由",
    "可兼职",
    "工作地点",
    "工作地",
    "上班地点",
    "地点",
    "地址",
    "分公司",
    "总部",
    "办事处",
    "晋升",
    "期待您的申请",
    "欢迎",
    "加入",
    "诚邀",
    "真实有效",
    "大平台",
    "有社保",
    "精通",
    "熟练",
    "优先",
    "要求",
)
# Reference numbers such as (J11516), ID112474, MJ002234.
_REFERENCE = re.compile(r"[(（\[【]\s*[a-z]{0,3}\d{3,}[a-z\d-]*\s*[)）\]】]|[a-z]{1,3}\d{4,}")
_OPENING_BRACKET = re.compile(r"[(（\[【〔{<《]")
_BRACKETED = re.compile(r"[(（\[【〔{<《]([^()（）\[\]【】〔〕{}<>《》]*)[)）\]】〕}>》]?")
_SEPARATORS = re.compile(r"[/／\\|,，、;；:：+＋&＆\s·•.。!！?？~～\-—_=*#@\"'“”‘’]+")
_NON_WORD = re.compile(r"[^\w]+")
# A job that recruits (招聘专员) keeps its 招聘; 招生, 招商, 招标 are jobs too.
_RECRUITER_ROLE = re.compile(r"招聘(?=专员|主管|经理|总监|助理|顾问|专家|负责人|师|官|hr|岗)")
_RECRUITER_MARK = "\0"
# "<company> 招聘 <job>": what precedes the recruiting verb names the employer.
_EMPLOYER_BEFORE_HIRE = re.compile(
    r"^.*?(?:招聘|诚聘|急聘|急招|直招|聘|招(?![生商标投待]))(?=[^\W\d_]{2,})"
)
_EMPLOYER_NAME = re.compile(
    r"^[^\W\d_]{2,}?(?:有限责任公司|股份有限公司|有限公司|公司|集团|经营部|商行|工作室|门市部)"
    r"(?=[^\W\d_]{2,})"
)
_EMPLOYER_SUFFIX_CHARACTERS = frozenset("司团部行室")


@dataclass(frozen=True, slots=True)
class CleanedTitle:
    """``phrase`` names the job in one string; ``parts`` are its separable phrases, main first."""

    phrase: str
    parts: tuple[str, ...]
    has_cjk: bool


def normalise(text: str) -> str:
    """Width, case and space normalisation shared by titles and dictionary entries."""
    return "".join(unicodedata.normalize("NFKC", text).lower().split())


class TitleCleaner:
    """Strips the wrapping of job-ad titles. Build once; ``clean`` is cheap."""

    def __init__(self, place_names: Iterable[str] = (), protected: Iterable[str] = ()) -> None:
        protected_text = "\n".join(protected)
        # A place or noise word that is part of an occupation's wording (资源, 呼叫中心) survives.
        places = {p for p in map(normalise, place_names) if len(p) >= 2}
        self._places = _LiteralWords(p for p in places if p not in protected_text)
        self._noise = _LiteralWords(w for w in _NOISE_WORDS if w not in protected_text)

    def clean(self, raw_title: str) -> CleanedTitle:
        text = unicodedata.normalize("NFKC", raw_title or "")[:MAX_TITLE_CHARS].lower()
        has_cjk = bool(_CJK.search(text))
        # Every step below only removes text, so a title without numerals keeps none.
        has_numerals = _NUMERAL.search(text) is not None
        if has_numerals:
            text = _REFERENCE.sub(" ", text)
        text = self._noise.blank(text)
        text = _strip_employer(text)
        if has_numerals:
            text = _SCHEDULE.sub(" ", _PAY.sub(" ", text))
        else:
            text = _PAY_WITHOUT_NUMERALS.sub(" ", text)
        text = _TERRITORY.sub(" ", text)
        text = self._places.blank(text)
        outer, inner = _split_brackets(text)
        main = _content_phrases(outer)
        if inner:
            parts = tuple(dict.fromkeys(main + _content_phrases(" ".join(inner))))
        else:
            parts = tuple(dict.fromkeys(main)) if len(main) > 1 else tuple(main)
        phrase = "".join(main)[:MAX_PHRASE_CHARS] if main else (parts[0] if parts else "")
        return CleanedTitle(phrase=phrase, parts=parts, has_cjk=has_cjk)


def _strip_employer(text: str) -> str:
    # Both patterns need the recruiting verb's 招 or 聘.
    if "招" in text or "聘" in text:
        text = _RECRUITER_ROLE.sub(_RECRUITER_MARK, text)
        text = _EMPLOYER_BEFORE_HIRE.sub(" ", text, count=1)
    # Every employer suffix has one of these characters.
    if not _EMPLOYER_SUFFIX_CHARACTERS.isdisjoint(text):
        text = _EMPLOYER_NAME.sub(" ", text, count=1)
    return text.replace(_RECRUITER_MARK, "招聘")


def _split_brackets(text: str) -> tuple[str, list[str]]:
    if _OPENING_BRACKET.search(text) is None:
        return text, []
    inner = [m.group(1) for m in _BRACKETED.finditer(text)]
    return _BRACKETED.sub(" ", text), inner


def _content_phrases(text: str) -> list[str]:
    """The phrases of ``text`` that have Chinese in them."""
    phrases = []
    for piece in _SEPARATORS.split(text):
        # An all-alphanumeric piece is all \w already: nothing for _NON_WORD to remove.
        if not piece.isalnum():
            piece = _NON_WORD.sub("", piece)
        piece = piece[:MAX_PHRASE_CHARS]
        if _CJK.search(piece):
            phrases.append(piece)
    return phrases


class _LiteralWords:
    """Blanks literal words of two or more characters: the leftmost, longest match first.

    That is what ``re.sub`` with an alternation of the words, longest first, does; but a regex
    tries its branches one by one at every position, which is slow for thousands of place
    names. Here a position costs one look-up of the two characters that start it.
    """

    def __init__(self, words: Iterable[str]) -> None:
        self._words = frozenset(words)
        if any(len(word) < 2 for word in self._words):
            raise ValueError("literal words need two or more characters")
        lengths: dict[str, set[int]] = {}
        for word in self._words:
            lengths.setdefault(word[:2], set()).add(len(word))
        self._lengths_by_start = {start: sorted(ns, reverse=True) for start, ns in lengths.items()}

    def blank(self, text: str) -> str:
        if self._lengths_by_start.keys().isdisjoint(map(add, text, text[1:])):
            return text
        lengths_at = list(map(self._lengths_by_start.get, map(add, text, text[1:])))
        pieces: list[str] = []
        done = 0
        for start in compress(range(len(lengths_at)), lengths_at):
            if start < done:
                continue
            for length in lengths_at[start]:
                if text[start : start + length] in self._words:
                    pieces += (text[done:start], " ")
                    done = start + length
                    break
        if not pieces:
            return text
        pieces.append(text[done:])
        return "".join(pieces)
