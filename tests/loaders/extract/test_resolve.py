"""Resolution of the organisation mentions of one article."""
from unionkg.loaders.extract.orgs import find_org_mentions
from unionkg.loaders.resolve import abbreviates, resolve_orgs
from unionkg.loaders.segment import split_sentences
from unionkg.ontology.namespaces import fold


def resolve(text: str):
    sentences = split_sentences(text)
    mentions = [m for s in sentences for m in find_org_mentions(s)]
    return resolve_orgs(mentions, 1), mentions


def test_abbreviation_by_omission_acronym_and_typo():
    long_ = fold("Công đoàn Liên hiệp các Hội Khoa học và Kỹ thuật Việt Nam").split()
    assert abbreviates(fold("Công đoàn Liên hiệp Hội Việt Nam").split(), long_, 2)
    assert abbreviates(fold("Viện KHCN Mỏ").split(), fold("Viện Khoa học Công nghệ Mỏ").split(), 1)
    assert abbreviates(fold("Viện Khoc học Công nghệ Mỏ").split(), fold("Viện Khoa học Công nghệ Mỏ").split(), 1)


def test_generic_words_alone_do_not_abbreviate():
    # "Công đoàn Việt Nam" is the whole union system, not a short form of a sector union.
    assert not abbreviates(fold("Công đoàn Việt Nam").split(), fold("Công đoàn Viên chức Việt Nam").split(), 2)
    assert not abbreviates(fold("Công đoàn Học viện Chính trị khu vực I").split(),
                           fold("Công đoàn Học viện Chính trị khu vực III").split(), 2)


def test_short_forms_join_the_full_name_of_the_article():
    index, mentions = resolve(
        "Công đoàn Trường Đại học Vinh tổ chức hội nghị cán bộ. Công đoàn Trường đã trao quà. "
        "Chủ tịch Công đoàn cảm ơn Ban Giám hiệu.")
    full = [m for m in mentions if m.text == "Công đoàn Trường Đại học Vinh"][0]
    short = [m for m in mentions if m.text == "Công đoàn Trường"][0]
    bare = [m for m in mentions if m.head_only and m.head == "Công đoàn"][0]
    assert short.entity == full.entity == bare.entity == index.main_union


def test_bare_institution_head_is_the_host_of_the_article_union():
    index, mentions = resolve("Công đoàn Viện Cơ khí Năng lượng và Mỏ họp. Lãnh đạo Viện dự.")
    bare = [m for m in mentions if m.head_only and m.head == "Viện"][0]
    assert index.orgs[bare.entity].name == "Viện Cơ khí Năng lượng và Mỏ"


def test_a_level_word_alone_names_no_unit():
    index, mentions = resolve("Chủ tịch LĐLĐ tỉnh dự hội nghị. LĐLĐ tỉnh Nghệ An và LĐLĐ tỉnh Hà Tĩnh ký kết.")
    bare = [m for m in mentions if m.sentence == 0 and m.head == "LĐLĐ"][0]
    assert bare.head_only and bare.entity is None  # two federations in the article: which one is unknown
    named = {m.entity for m in mentions if not m.head_only}
    assert len(named) == 2


def test_grassroots_union_spellings_are_one_union():
    index, mentions = resolve("Công đoàn cơ sở Công ty TNHH Giày Da Thái Bình tổ chức đối thoại. "
                              "Chủ tịch CĐCS Công ty TNHH Giày Da Thái Bình cho biết kết quả.")
    named = {m.entity for m in mentions if not m.head_only and m.kind == "union"}
    assert len(named) == 1
    assert index.orgs[named.pop()].name == "Công đoàn Công ty TNHH Giày Da Thái Bình"


def test_a_bare_province_word_and_tinh_uy_take_the_province_of_the_article():
    index, _ = resolve("Liên đoàn Lao động tỉnh Phú Thọ họp. Công đoàn Viên chức tỉnh dự họp. "
                    "Đồng chí Bí thư Tỉnh ủy phát biểu.")
    names = sorted(o.name for o in index.orgs.values())
    assert "Công đoàn Viên chức tỉnh Phú Thọ" in names and "Tỉnh ủy Phú Thọ" in names
    assert "Công đoàn Viên chức tỉnh" not in names


def test_nganh_is_dropped_from_the_canonical_name():
    index, _ = resolve("Công đoàn ngành Y tế tỉnh Phú Thọ họp. Công đoàn Y tế tỉnh Phú Thọ tổng kết.")
    assert [o.name for o in index.orgs.values()] == ["Công đoàn Y tế tỉnh Phú Thọ"]


def test_the_union_of_a_province_is_not_a_short_form_of_a_unit_in_that_province():
    assert not abbreviates(fold("Công đoàn tỉnh Bắc Giang").split(),
                           fold("Công đoàn Các khu công nghiệp tỉnh Bắc Giang").split(), 2)
    assert abbreviates(fold("Công đoàn Các KCN tỉnh Bắc Giang").split(),
                       fold("Công đoàn Các khu công nghiệp tỉnh Bắc Giang").split(), 2)


def test_federations_of_the_provinces_in_general_are_no_unit_and_take_no_province():
    index, mentions = resolve("Liên đoàn Lao động các tỉnh, thành phố đã ban hành kế hoạch. "
                              "Liên đoàn Lao động thành phố Hải Phòng được khen thưởng.")
    assert [o.name for o in index.orgs.values()] == ["Liên đoàn Lao động thành phố Hải Phòng"]


def test_a_provincial_department_takes_the_province_of_the_article():
    index, _ = resolve("Liên đoàn Lao động tỉnh Phú Thọ ký quy chế với Sở Nội vụ.")
    assert sorted(o.name for o in index.orgs.values()) == ["Liên đoàn Lao động tỉnh Phú Thọ", "Sở Nội vụ tỉnh Phú Thọ"]


def test_a_bare_province_word_with_no_province_in_the_article_names_a_class():
    index, _ = resolve("Tổng Liên đoàn Lao động Việt Nam họp. 63/63 Công đoàn Giáo dục tỉnh, thành phố đã làm kế hoạch.")
    assert [o.name for o in index.orgs.values()] == ["Tổng Liên đoàn Lao động Việt Nam"]


def test_short_forms_are_spelled_out_in_the_name_so_two_articles_meet():
    first, _ = resolve("LĐLĐ huyện Nghi Lộc tổ chức hội nghị.")
    second, _ = resolve("Liên đoàn Lao động huyện Nghi Lộc tổ chức hội nghị.")
    (a,), (b,) = first.orgs.values(), second.orgs.values()
    assert a.key == b.key and a.name == "Liên đoàn Lao động huyện Nghi Lộc" and "LĐLĐ huyện Nghi Lộc" in a.aliases
