"""Publication dates as Vietnamese news pages print them: stand-alone date lines and ISO values."""
from __future__ import annotations

import datetime as dt
import re

__all__ = ["parse_date", "is_date_line"]

# Labels and weekdays that may precede the date on a date line ("Cập nhật: ", "Thứ Hai, ").
_LABEL = (
    r"(?:ngày\s+(?:đăng|cập\s+nhật|xuất\s+bản|phát\s+hành|viết)|đăng\s+(?:ngày|lúc|tải)"
    r"|cập\s+nhật(?:\s+(?:lúc|ngày))?|xuất\s+bản|thời\s+gian(?:\s+(?:đăng|cập\s+nhật))?"
    r"|ngày|đăng|published(?:\s+on)?|posted(?:\s+on)?|updated|date)"
)
_WEEKDAY = r"(?:thứ\s*(?:hai|ba|tư|năm|sáu|bảy|bẩy|[2-7])|chủ\s*nhật|cn|t[2-7])"
_PREFIX = re.compile(rf"^(?:(?:{_LABEL}|{_WEEKDAY})\b\s*[:,\-–|]?\s*)+", re.IGNORECASE)
# A dateline's place: "Hà Nội, ngày 20/5/2026", "TP.HCM, 20/5/2026" (at most five words, then a date).
_PLACE = re.compile(r"^[^\W\d_]+(?:[ .]+[^\W\d_]+){0,4}\s*,\s*(?=(?:ngày\s+)?\d)")

_TIME = r"(?P<H>\d{1,2})\s*[:h]\s*(?P<N>\d{2})(?::(?P<S>\d{2})(?:\.\d+)?)?(?:\s*(?P<ap>am|pm|sa|ch)\b)?"
_TIME2 = _TIME.replace("?P<", "?P<t")  # a second copy: a time may come before or after the date
_DMY = r"(?P<d>\d{1,2})\s*(?P<sep>[/.\-])\s*(?P<m>\d{1,2})\s*(?P=sep)\s*(?P<y>\d{4}|\d{2})"
_YMD = r"(?P<Y>\d{4})-(?P<M>\d{1,2})-(?P<D>\d{1,2})"
_WORDS = r"(?:ngày\s+)?(?P<wd>\d{1,2})\s+tháng\s+(?P<wm>\d{1,2})\s*(?:,|năm)\s*(?P<wy>\d{4})"
_TZ = r"(?P<tz>\(?\s*(?:gmt|utc)\s*(?:[+-]\s*\d{1,2}(?::?\d{2})?)?\s*\)?|[+-]\d{2}:?\d{2}|z)"
# Page counters sometimes share the date line: "18/01/2021 07:06 | Lượt xem: 125".
_VIEWS = r"(?:\s*[|\-–]\s*(?:lượt\s+(?:xem|đọc)|views?)\s*:?\s*[\d.,]+)"
_DATE_LINE = re.compile(
    rf"(?:{_TIME2}\s*[,|\-–]?\s*)?(?:ngày\s+)?(?:{_DMY}|{_YMD}|{_WORDS})"
    rf"(?:\s*[T,|\-–]?\s*{_TIME})?(?:\s*{_TZ})?{_VIEWS}?",
    re.IGNORECASE,
)
# Sites print Vietnamese time; an ISO value in another zone is moved to it before taking the date.
_VIETNAM = dt.timezone(dt.timedelta(hours=7))


def parse_date(value: str) -> dt.date | None:
    """The date of a stand-alone date(-time) value or line, or None (also for impossible dates)."""
    text = _PREFIX.sub("", _PLACE.sub("", value.strip().strip("()[]").strip()))
    match = _DATE_LINE.fullmatch(text.strip())
    if match is None:
        return None
    day = _calendar_date(match)
    if day is None or match.group("tz") is None or match.group("H") is None:
        return day
    return _to_vietnam(day, match)


def is_date_line(line: str) -> bool:
    """Whether a whole line is a publication date(-time) and nothing else."""
    return parse_date(line) is not None


def _calendar_date(match: re.Match[str]) -> dt.date | None:
    """The validated date of a date-line match (day-month order, ISO, or words)."""
    if match.group("Y"):
        return _valid(int(match.group("Y")), int(match.group("M")), int(match.group("D")))
    if match.group("wy"):
        return _valid(int(match.group("wy")), int(match.group("wm")), int(match.group("wd")))
    year = int(match.group("y"))
    year += 2000 if len(match.group("y")) == 2 else 0
    day, month = int(match.group("d")), int(match.group("m"))
    if month > 12 >= day:
        day, month = month, day  # an English-locale CMS printing month/day ("1/18/2021 7:06:00 AM")
    return _valid(year, month, day)


def _valid(year: int, month: int, day: int) -> dt.date | None:
    """A real calendar date in the years news sites exist, else None (no 31/02)."""
    if not 1990 <= year <= 2100:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _to_vietnam(day: dt.date, match: re.Match[str]) -> dt.date:
    """Move a date-time with an explicit zone to Vietnamese time and return its date."""
    hour, minute = int(match.group("H")), int(match.group("N"))
    if (match.group("ap") or "").lower() in ("pm", "ch") and hour < 12:
        hour += 12  # "CH" (chiều) is the Vietnamese PM
    if hour > 23 or minute > 59:
        return day
    offset = _offset(match.group("tz"))
    moment = dt.datetime.combine(day, dt.time(hour, minute), tzinfo=dt.timezone(offset))
    return moment.astimezone(_VIETNAM).date()


def _offset(zone: str) -> dt.timedelta:
    """The UTC offset written as "Z", "+07:00", "+0700", "GMT+7" or "(UTC+07:00)"."""
    found = re.search(r"([+-])\s*(\d{1,2})(?::?(\d{2}))?", zone)
    if found is None:
        return dt.timedelta(0)
    sign = -1 if found.group(1) == "-" else 1
    return sign * dt.timedelta(hours=int(found.group(2)), minutes=int(found.group(3) or 0))
