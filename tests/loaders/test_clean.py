"""Tests of loaders/clean.py (with dates.py and htmltext.py): chrome, titles, dates, sites, HTML."""
from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from unionkg.errors import InputError
from unionkg.loaders.clean import clean_document, load_rules, normalise_text, split_paragraphs
from unionkg.loaders.dates import parse_date
from unionkg.loaders.model import Article, SourceDocument
from unionkg.loaders.read import read_inputs
from unionkg.ontology.namespaces import fold

TITLE = "Liên đoàn Lao động tỉnh Nghệ An tổng kết công tác công đoàn năm 2023"
LEAD = "Sáng 12/1, Liên đoàn Lao động tỉnh Nghệ An tổ chức hội nghị tổng kết công tác năm 2023."
SECOND = "Dự hội nghị có đồng chí Nguyễn Văn Bình, Chủ tịch Liên đoàn Lao động tỉnh."
THIRD = "Hội nghị đã biểu dương 25 công đoàn cơ sở có thành tích xuất sắc trong năm."


def _doc(text: str, **fields: str) -> SourceDocument:
    """A text document as read from a file."""
    return SourceDocument(source="bai.txt", origin="bai.txt", media="text", body=text, **fields)


def _clean(*lines: str, **fields: str) -> Article:
    """Clean an article written as lines (joined with blank lines)."""
    return clean_document(_doc("\n\n".join(lines), **fields))


def _body(article: Article) -> list[str]:
    """The body paragraphs of an article (its text without the title)."""
    paragraphs = article.text.split("\n\n")
    return paragraphs[1:] if article.title else paragraphs


# --- normalisation ---------------------------------------------------------------------------

def test_normalise_text_nfc_spaces_invisibles_and_line_endings() -> None:
    raw = unicodedata.normalize("NFD", "Công\u00a0đoàn  cơ\u200bsở\u00ad\r\nhọp\rhôm nay\t \u2009 ở Huế")
    assert normalise_text(raw) == "Công đoàn cơsở\nhọp\nhôm nay ở Huế"
    assert unicodedata.is_normalized("NFC", normalise_text(raw))


def test_paragraph_breaks_are_kept_and_text_is_title_blank_line_body() -> None:
    article = _clean(TITLE, LEAD + "\r\n" + SECOND, THIRD)
    assert article.text == "\n\n".join([TITLE, LEAD, SECOND, THIRD])
    assert article.title == TITLE


def test_hard_wrapped_lines_are_joined_but_captions_are_not() -> None:
    text = ("Liên đoàn Lao động thành phố Đà Nẵng đã tổ chức\nhội nghị sơ kết sáu tháng đầu năm.\n"
            "Toàn cảnh hội nghị\nĐồng chí Trần Thị Hoa phát biểu.")
    assert split_paragraphs(text) == [
        "Liên đoàn Lao động thành phố Đà Nẵng đã tổ chức hội nghị sơ kết sáu tháng đầu năm.",
        "Toàn cảnh hội nghị", "Đồng chí Trần Thị Hoa phát biểu."]


def test_nfd_input_gives_nfc_article() -> None:
    article = clean_document(_doc(unicodedata.normalize("NFD", "\n\n".join([TITLE, LEAD]))))
    assert article.text == "\n\n".join([TITLE, LEAD])


# --- chrome ----------------------------------------------------------------------------------

CHROME = [
    "Chuyên mục", "Các mục khác", "Tin liên quan", "Văn bản mới", "Văn Bản Mới", "Video", "VIDEO", "Google News",
    "Ảnh hoạt động", "Thông tin truy cập", "Đang truy cập", "Đang truy cập: 37", "Tổng truy cập",
    "Tổng lượt truy cập: 91.204", "Hôm nay: 312", "Tháng hiện tại: 5120", "• Năm phát hành", "• Hôm qua: 48",
    "873532", "12", "In bài Gửi bài viết", "In bài", "Chia sẻ", "Quay lại", "« Trở về", "logo", "Logo",
    "Chu-tich-phat-bieu (2).jpg", "IMG_2045.JPG", "DSC_0457", "Tác giả: Tin: HN; Ảnh: Quốc Dũng",
    "Ảnh: Minh Châu", "(Ảnh: Thu Trang/VOV)", "Tin, ảnh: Lê Hà", "Đ.L", "N.T.H.", "PV",
    "Nhiệt liệt chào mừng Đại hội Công đoàn tỉnh Hà Tĩnh lần thứ XIX!", "Trang chủ > Tin tức > Hoạt động",
    "Từ khóa: công đoàn, đoàn viên", "Bản quyền thuộc về Liên đoàn Lao động tỉnh", "Xem thêm: Công đoàn ngành Y tế họp",
    "Lượt xem: 1.204", "0 bình luận", "Facebook", "Zalo",
]


@pytest.mark.parametrize("line", CHROME)
def test_chrome_line_is_dropped(line: str) -> None:
    article = _clean(TITLE, LEAD, line, SECOND)
    assert _body(article) == [LEAD, SECOND]


REAL = [
    "Video clip về hoạt động của công đoàn cơ sở được trình chiếu tại hội nghị.",
    "Chuyên mục hỏi đáp pháp luật lao động được nhiều đoàn viên quan tâm.",
    "Hôm nay, 255 đoàn viên đã tham gia hội thao.",
    "In bài phát biểu, đồng chí Chủ tịch nhấn mạnh vai trò của đoàn viên.",
    "Tác giả bài viết đạt giải nhất cuộc thi là đồng chí Lê Văn Hùng.",
    "Ảnh: Đồng chí Nguyễn Thị Lan phát biểu tại hội nghị.",
    "Tổng truy cập vào cổng thông tin đã tăng gấp đôi so với năm trước.",
    "Chủ đề: “Đoàn kết - Đổi mới - Dân chủ - Phát triển”.",
    "Chào mừng các đại biểu về dự hội nghị, đồng chí Hoa cho biết năm qua có nhiều khó khăn.",
    "Theo kế hoạch, hội nghị sẽ được tổ chức vào quý II.",
    "Năm 2023, công đoàn đã trao 12 suất học bổng.",
]


@pytest.mark.parametrize("line", REAL)
def test_real_sentence_is_kept(line: str) -> None:
    article = _clean(TITLE, LEAD, line, SECOND)
    assert _body(article) == [LEAD, line, SECOND]


@pytest.mark.parametrize("name", ["chrome.tsv", "related.tsv"])
def test_rule_files_have_a_regex_a_tab_and_a_comment_a_line(name: str) -> None:
    path = Path(__import__("unionkg.loaders.clean", fromlist=["x"]).__file__).with_name(name)
    lines = [l for l in path.read_text(encoding="utf-8").splitlines() if l.strip() and not l.startswith("#")]
    assert lines and all(len(l.split("\t")) == 2 and l.split("\t")[1].strip() for l in lines)
    assert len(load_rules(name)) == len(lines)


# --- captions, duplicates, banners -----------------------------------------------------------

def test_ascii_folded_captions_repeating_title_or_a_line_are_dropped() -> None:
    caption = "Đồng chí Nguyễn Văn Bình phát biểu tại hội nghị"
    article = _clean(TITLE, LEAD, fold(TITLE).title(), caption,
                     "Lien doan Lao dong tinh Nghe An tong ket cong tac cong doan nam 2023-Hinh-2",
                     "Dong chi Nguyen Van Binh phat bieu tai hoi nghi", SECOND)
    assert _body(article) == [LEAD, caption, SECOND]


def test_ascii_line_that_repeats_nothing_is_kept() -> None:
    english = "Vietnam General Confederation of Labour held its annual review meeting in Hanoi."
    assert _body(_clean(TITLE, LEAD, english, SECOND)) == [LEAD, english, SECOND]


def test_exact_duplicate_paragraphs_keep_the_first() -> None:
    article = _clean(TITLE, LEAD, LEAD, SECOND, TITLE, SECOND, THIRD)
    assert _body(article) == [LEAD, SECOND, THIRD]


def test_all_caps_banner_block_at_top_is_dropped() -> None:
    article = _clean("LIÊN ĐOÀN LAO ĐỘNG TỈNH QUẢNG NINH\nQUANG NINH FEDERATION OF LABOUR\nlogo",
                     "LIÊN ĐOÀN LAO ĐỘNG TỈNH QUẢNG NINH", TITLE, LEAD, SECOND)
    assert (article.title, _body(article)) == (TITLE, [LEAD, SECOND])


def test_banner_is_dropped_even_when_the_title_comes_from_the_record() -> None:
    article = _clean("CÔNG ĐOÀN NGÀNH Y TẾ VIỆT NAM\nVIETNAM HEALTH TRADE UNION", LEAD, SECOND,
                     title="Một tiêu đề khác hẳn")
    assert _body(article) == [LEAD, SECOND]


def test_all_caps_headline_title_is_kept_as_title() -> None:
    caps = "CÔNG ĐOÀN NGÀNH GIÁO DỤC TỔ CHỨC HỘI NGHỊ TỔNG KẾT NĂM HỌC 2022-2023"
    article = _clean("CÔNG ĐOÀN GIÁO DỤC VIỆT NAM", caps, LEAD, SECOND)
    assert article.title == caps and _body(article) == [LEAD, SECOND]


def test_all_caps_related_headlines_at_the_end_are_dropped() -> None:
    article = _clean(TITLE, LEAD, SECOND, "NGÀNH Y TẾ KÝ KẾT THỎA THUẬN HỢP TÁC VỚI CÔNG ĐOÀN",
                     "CÔNG ĐOÀN VIÊN CHỨC TẬP HUẤN NGHIỆP VỤ")
    assert _body(article) == [LEAD, SECOND]


def test_related_list_marker_and_its_headlines_are_dropped_but_text_resumes() -> None:
    article = _clean(TITLE, LEAD, "Tin liên quan", "Công đoàn ngành Xây dựng tổ chức đại hội",
                     "Trao 200 suất quà Tết cho công nhân khó khăn", SECOND, THIRD)
    assert _body(article) == [LEAD, SECOND, THIRD]


# --- title -----------------------------------------------------------------------------------

def test_title_skips_slogans_short_lines_and_dates() -> None:
    article = _clean("Chào mừng kỷ niệm 95 năm Ngày thành lập Công đoàn Việt Nam!", "Tin tức",
                     "Thứ Hai, 15/01/2024 - 09:30", TITLE, LEAD, SECOND)
    assert article.title == TITLE and _body(article) == [LEAD, SECOND]
    assert article.published == dt.date(2024, 1, 15)


def test_short_section_label_above_the_headline_is_not_the_title() -> None:
    article = _clean("Chính sách - Pháp luật", TITLE, LEAD, SECOND)
    assert article.title == TITLE and _body(article) == [LEAD, SECOND]


def test_short_title_followed_by_body_text_is_the_title() -> None:
    article = _clean("Hội nghị người lao động", LEAD, SECOND)
    assert article.title == "Hội nghị người lao động" and _body(article) == [LEAD, SECOND]


def test_title_line_is_removed_from_body() -> None:
    article = _clean(TITLE, LEAD)
    assert article.text.count(TITLE) == 1 and article.text.startswith(TITLE + "\n\n")


def test_page_beginning_mid_article_has_no_title() -> None:
    fragment = "đã được triển khai tới toàn thể đoàn viên, người lao động trong các doanh nghiệp trên địa bàn."
    article = _clean(fragment, LEAD, SECOND)
    assert article.title == "" and article.text == "\n\n".join([fragment, LEAD, SECOND])


def test_given_title_is_used_and_its_line_removed() -> None:
    article = _clean("Google News", TITLE, LEAD, SECOND, title=TITLE + " - Báo Lao Động")
    assert article.title == TITLE + " - Báo Lao Động" and _body(article) == [LEAD, SECOND]


def test_nothing_left_after_cleaning_is_an_error() -> None:
    with pytest.raises(InputError, match="no article text after cleaning") as info:
        _clean("Chuyên mục", "Đang truy cập: 12", "Hôm nay: 4", "Video")
    assert info.value.origin == "bai.txt"


# --- dates -----------------------------------------------------------------------------------

@pytest.mark.parametrize("line, expected", [
    ("18/01/2021 07:06 AM", dt.date(2021, 1, 18)),
    ("10/11/2021 07:00 GMT+7", dt.date(2021, 11, 10)),
    ("07:56 30-03-22", dt.date(2022, 3, 30)),
    ("Thứ Hai, 18/01/2021 - 07:06", dt.date(2021, 1, 18)),
    ("Chủ nhật, 05/03/2023, 14:20 (GMT+7)", dt.date(2023, 3, 5)),
    ("18-01-2021", dt.date(2021, 1, 18)),
    ("2021-01-18T07:06:00+07:00", dt.date(2021, 1, 18)),
    ("2021-01-17T20:30:00Z", dt.date(2021, 1, 18)),
    ("18.01.2021", dt.date(2021, 1, 18)),
    ("Cập nhật: 09:15 | 02/08/2024", dt.date(2024, 8, 2)),
    ("Ngày đăng: 02/08/2024", dt.date(2024, 8, 2)),
    ("Ngày 2 tháng 8 năm 2024", dt.date(2024, 8, 2)),
    ("Cập nhật lúc 09:15, ngày 12/03/2022", dt.date(2022, 3, 12)),
    ("30/03/22 07:56 | Lượt xem: 1.250", dt.date(2022, 3, 30)),
    ("1/18/2021 7:06:00 AM", dt.date(2021, 1, 18)),
    ("(29/02/2024)", dt.date(2024, 2, 29)),
    ("Hà Nội, ngày 20/5/2026", dt.date(2026, 5, 20)),      # a dateline with its place
    ("TP.HCM, 03/04/2025 - 10:12", dt.date(2025, 4, 3)),
])
def test_date_formats(line: str, expected: dt.date) -> None:
    assert parse_date(line) == expected
    article = _clean(TITLE, line, LEAD, SECOND)
    assert article.published == expected and _body(article) == [LEAD, SECOND]


@pytest.mark.parametrize("line", ["31/02/2021", "29/02/2023", "00/01/2021", "13/13/2021", "2021-13-01", "32.01.2021",
                                  "18/01", "10.11", "Sáng ngày 15/01/2021, hội nghị khai mạc.", "18/01/1850",
                                  "Hội nghị được tổ chức tại Hà Nội, ngày 15/01/2021"])
def test_invalid_or_partial_dates_are_not_dates(line: str) -> None:
    assert parse_date(line) is None


def test_date_in_a_body_sentence_is_not_the_publication_date() -> None:
    article = _clean(TITLE, "Sáng ngày 15/01/2021, Công đoàn Viện tổ chức hội nghị.", SECOND)
    assert article.published is None
    assert _body(article)[0] == "Sáng ngày 15/01/2021, Công đoàn Viện tổ chức hội nghị."


def test_date_line_far_below_the_title_is_body_text() -> None:
    lines = [f"Đoạn thứ {i} nói về hoạt động của công đoàn cơ sở trong năm." for i in range(10)]
    article = _clean(TITLE, *lines, "20/11/2023")
    assert article.published is None and _body(article)[-1] == "20/11/2023"


def test_date_under_the_title_wins_over_a_header_clock_above_it() -> None:
    article = _clean("Thứ Năm, 21/11/2024", TITLE, "08:15 19/11/2024", LEAD)
    assert article.published == dt.date(2024, 11, 19)


def test_record_published_is_parsed_and_wins() -> None:
    assert _clean(TITLE, "18/01/2021", LEAD, published="2021-01-17").published == dt.date(2021, 1, 17)
    assert _clean(TITLE, LEAD, published="10/11/2021 07:00 GMT+7").published == dt.date(2021, 11, 10)
    assert _clean(TITLE, LEAD, published="31/02/2021").published is None


# --- site ------------------------------------------------------------------------------------

def test_site_from_url_host() -> None:
    article = _clean(TITLE, LEAD, url="https://www.congdoan.vn/tin-tuc/a-123.tld")
    assert (article.site, article.url) == ("congdoan.vn", "https://www.congdoan.vn/tin-tuc/a-123.tld")


def test_site_from_lead_prefix_keeps_the_sentence() -> None:
    article = _clean(TITLE, "ldld.example.vn - " + LEAD, SECOND)
    assert article.site == "ldld.example.vn" and _body(article) == [LEAD, SECOND]


def test_town_dateline_is_not_a_site() -> None:
    line = "TP.HCM - Sáng 3/4, Liên đoàn Lao động Thành phố họp báo."
    article = _clean(TITLE, line, SECOND)
    assert article.site is None and _body(article)[0] == line


@pytest.mark.parametrize("credit, site", [
    ("(BBT dẫn tin từ ldld.example.vn)", "ldld.example.vn"),
    ("Theo Vusta", "Vusta"),
    ("(Theo Báo Lao Động)", "Báo Lao Động"),
    ("Nguồn: https://www.laodong.vn/cong-doan/abc.html", "laodong.vn"),
])
def test_site_from_closing_credit(credit: str, site: str) -> None:
    article = _clean(TITLE, LEAD, SECOND, credit)
    assert article.site == site and _body(article) == [LEAD, SECOND]


# --- HTML ------------------------------------------------------------------------------------

PAGE = """<!doctype html><html><head>
<title>Công đoàn Khu kinh tế tập huấn cán bộ | LĐLĐ tỉnh</title>
<meta property="og:title" content="Công đoàn Khu kinh tế tập huấn cán bộ &amp; đoàn viên - LĐLĐ tỉnh">
<meta property="article:published_time" content="2024-04-09T16:30:00+07:00">
<link rel="canonical" href="https://www.ldld.example.vn/tin/tap-huan.html">
<style>.x{color:red}</style><script>var menu = "Chuyên mục";</script></head>
<body><header><div>LIÊN ĐOÀN LAO ĐỘNG TỈNH</div><nav><a href="/">Trang chủ</a> <a>Tin tức</a></nav></header>
<div class="breadcrumb">Trang chủ &gt; Hoạt động</div>
<article><h1>Công đoàn Khu kinh tế tập huấn cán bộ &amp; đoàn viên</h1>
<p class="date">09/04/2024 16:30</p>
<p>Ngày&nbsp;8/4, Công đoàn Khu kinh tế tỉnh tổ chức lớp tập huấn cho 120 cán bộ&#44; đoàn viên.</p>
<figure><img src="a.jpg" alt="anh"><figcaption>Quang cảnh lớp tập huấn</figcaption></figure>
<div>Lớp học kéo dài <b>hai ngày</b> với nhiều nội dung &quot;thiết thực&quot;.</div>
<script>document.write("Đang truy cập")</script>
<div class="social-share">Chia sẻ bài viết Facebook Zalo</div>
</article><aside><h3>Tin đọc nhiều</h3><p>Một tin khác rất dài về công đoàn nhưng không thuộc bài này.</p></aside>
<footer>Bản quyền thuộc về LĐLĐ tỉnh</footer></body></html>"""


def _html(page: str, **fields: str) -> Article:
    return clean_document(SourceDocument(source="p.html", origin="p.html", media="html", body=page, **fields))


def test_html_main_text_title_date_and_site() -> None:
    article = _html(PAGE)
    assert article.title == "Công đoàn Khu kinh tế tập huấn cán bộ & đoàn viên"
    assert _body(article) == [
        "Ngày 8/4, Công đoàn Khu kinh tế tỉnh tổ chức lớp tập huấn cho 120 cán bộ, đoàn viên.",
        "Quang cảnh lớp tập huấn",
        'Lớp học kéo dài hai ngày với nhiều nội dung "thiết thực".',
    ]
    assert article.published == dt.date(2024, 4, 9)
    assert (article.site, article.url) == ("ldld.example.vn", "https://www.ldld.example.vn/tin/tap-huan.html")


@pytest.mark.parametrize("head, body, expected", [
    ("", '<time datetime="2023-06-01T08:00:00+07:00">1/6</time>', dt.date(2023, 6, 1)),
    ('<meta itemprop="datePublished" content="2023-06-02">', "", dt.date(2023, 6, 2)),
    ("", '<span itemprop="datePublished" content="2023-06-03T10:00:00+07:00">3/6</span>', dt.date(2023, 6, 3)),
    ('<script type="application/ld+json">{"datePublished": "2023-06-04T09:00:00+07:00"}</script>', "",
     dt.date(2023, 6, 4)),
])
def test_html_published_sources(head: str, body: str, expected: dt.date) -> None:
    page = (f"<html><head>{head}</head><body><article><h1>{TITLE}</h1>{body}"
            f"<p>{LEAD}</p><p>{SECOND}</p></article></body></html>")
    assert _html(page).published == expected


def test_html_title_falls_back_to_h1_then_title_tag() -> None:
    assert _html(f"<html><body><h1>{TITLE}</h1><p>{LEAD}</p></body></html>").title == TITLE
    page = f"<html><head><title>{TITLE} | Báo Điện tử</title></head><body><p>{LEAD}</p></body></html>"
    assert _html(page).title == TITLE


def test_html_without_article_tag_uses_the_densest_paragraphs() -> None:
    paragraphs = "".join(f"<p>{s}</p>" for s in (LEAD, SECOND, THIRD))
    page = (f"<html><body><div id='top'><ul><li>Trang chủ</li><li>Giới thiệu về chúng tôi và lịch sử</li></ul></div>"
            f"<div class='main'><h1>{TITLE}</h1><div class='noidung'>{paragraphs}</div></div>"
            f"<div class='right'><p>Liên kết website các đơn vị trong tỉnh</p></div></body></html>")
    article = _html(page)
    assert article.title == TITLE and _body(article) == [LEAD, SECOND, THIRD]


LAYOUT = """<html><head><title>Công đoàn ngành Y tế tổ chức hội nghị giữa nhiệm kỳ - LĐLĐ tỉnh</title></head>
<body class="page sidebar-right"><div id="header"><div>LIÊN ĐOÀN LAO ĐỘNG TỈNH</div>
<ul class="menu"><li>Trang chủ</li><li>Tin tức</li></ul></div>
<div class="container"><div class="col-main"><div class="news-detail">
 <h2 class="cat">Hoạt động công đoàn</h2><h1>Công đoàn ngành Y tế tổ chức hội nghị giữa nhiệm kỳ</h1>
 <div class="date">Thứ Tư, 12/07/2023 - 10:15</div>
 <div class="sapo"><strong>Ngày 11/7, Công đoàn ngành Y tế tỉnh tổ chức hội nghị giữa nhiệm kỳ.</strong></div>
 <div class="body"><p>Dự hội nghị có đồng chí Trần Văn Nam, Phó Chủ tịch Liên đoàn Lao động tỉnh.</p>
 <p>Nửa nhiệm kỳ qua, công đoàn ngành đã phát triển mới 320 đoàn viên và thành lập 4 công đoàn cơ sở.</p>
 <p><img src="x.jpg"></p><p><em>Đồng chí Trần Văn Nam phát biểu tại hội nghị</em></p>
 <p>Hội nghị đã bầu bổ sung 2 ủy viên Ban Chấp hành.</p></div>
 <div class="tags">Tags: công đoàn, y tế</div>
 <div class="related-news"><h3>Tin liên quan</h3><ul><li>Công đoàn Giáo dục tổng kết năm học với nhiều kết quả</li>
 <li>Trao quà cho đoàn viên có hoàn cảnh khó khăn tại các huyện miền núi của tỉnh</li></ul></div>
</div></div><div class="col-right"><div class="box"><h3>Tin đọc nhiều</h3>
<ul><li>Hội nghị tổng kết công tác công đoàn năm 2022 của Liên đoàn Lao động tỉnh</li></ul>
<p>Đang online: 12</p><p>Tổng truy cập: 1234567</p></div></div></div>
<div id="footer">Bản quyền thuộc Liên đoàn Lao động tỉnh.</div></body></html>"""


def test_html_div_layout_keeps_headline_date_and_lead_but_not_boxes() -> None:
    article = _html(LAYOUT)
    assert article.title == "Công đoàn ngành Y tế tổ chức hội nghị giữa nhiệm kỳ"
    assert article.published == dt.date(2023, 7, 12)
    assert _body(article) == [
        "Ngày 11/7, Công đoàn ngành Y tế tỉnh tổ chức hội nghị giữa nhiệm kỳ.",
        "Dự hội nghị có đồng chí Trần Văn Nam, Phó Chủ tịch Liên đoàn Lao động tỉnh.",
        "Nửa nhiệm kỳ qua, công đoàn ngành đã phát triển mới 320 đoàn viên và thành lập 4 công đoàn cơ sở.",
        "Đồng chí Trần Văn Nam phát biểu tại hội nghị",
        "Hội nghị đã bầu bổ sung 2 ủy viên Ban Chấp hành.",
    ]


def test_html_page_header_and_footer_are_dropped() -> None:
    page = ("<html><body><header><p>Cổng thông tin điện tử Công đoàn tỉnh Lào Cai</p></header>"
            f"<h1>{TITLE}</h1><p>{LEAD}</p>"
            "<footer><p>Trụ sở tại số 5 đường Hoàng Liên, thành phố Lào Cai</p></footer></body></html>")
    assert _body(_html(page)) == [LEAD]


def test_html_articles_own_header_is_kept() -> None:
    page = (f"<html><body><article><header><h1>{TITLE}</h1><p>Thứ Sáu, 05/01/2024 08:00</p></header>"
            f"<p>{LEAD}</p></article></body></html>")
    article = _html(page)
    assert (article.title, article.published, _body(article)) == (TITLE, dt.date(2024, 1, 5), [LEAD])


def test_html_with_no_text_is_an_error() -> None:
    with pytest.raises(InputError):
        _html("<html><head><script>var a = 1;</script></head><body><nav>Trang chủ</nav></body></html>")


# --- properties and seeds --------------------------------------------------------------------

@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from("aăâbcdđeêghiklmnoôơpqrstuưvxyÀÁẢÃẠàáảãạ .,:!/-\n\r\t\u00a0"
                                                 "0123456789ĐCTHNV\u200b\u0301"), max_size=60), max_size=12))
def test_cleaning_gives_normalised_text_or_a_clear_error(lines: list[str]) -> None:
    try:
        article = clean_document(_doc("\n".join(lines)))
    except InputError as error:
        assert error.origin == "bai.txt"
        return
    assert article.text.strip() and unicodedata.is_normalized("NFC", article.text)
    assert not re.search(r"[\r\u00a0\u200b]| {2}|\n{3}", article.text)
    assert article.text.startswith(article.title)


SHARED = Path(__file__).resolve().parents[2].parent / "shared"


@pytest.mark.skipif(not (SHARED / "corpus" / "seeds").is_dir() or not (SHARED / "gold" / "seeds.json").is_file(),
                    reason="../shared seeds not available")
def test_seed_titles_and_dates_match_gold() -> None:
    gold = {a["source"]: a for a in json.loads((SHARED / "gold" / "seeds.json").read_text("utf-8"))["articles"]}
    articles = {}
    for doc in read_inputs([str(SHARED / "corpus" / "seeds")]):
        assert isinstance(doc, SourceDocument), doc
        articles[doc.source] = clean_document(doc)
    assert set(articles) == set(gold)
    for source, expected in gold.items():
        article = articles[source]
        assert fold(article.title) == fold(expected["title"] or ""), source
        published = article.published.isoformat() if article.published else None
        assert published == expected["published"], source
        assert "Đang truy cập" not in article.text and "Hinh-2" not in article.text, source
