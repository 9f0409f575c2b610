"""Directives in every spelling (sentences written for these tests)."""
from unionkg.loaders.extract import extract_article
from unionkg.loaders.model import Article


def directives(text: str):
    facts = extract_article(Article(source="d.txt", origin="d.txt", title="Tin", text=f"Tin\n\n{text}"))
    return facts, {d.key: d for d in facts.directives.values()}


def test_symbol_date_issuer_and_title():
    facts, found = directives("Công đoàn Xây dựng Việt Nam quán triệt Nghị quyết số 02-NQ/TW ngày 12/6/2021 "
                              "của Bộ Chính trị về “Đổi mới tổ chức và hoạt động của Công đoàn Việt Nam trong tình hình mới”.")
    d = found["nq-2--tw"]
    assert (d.symbol, d.date, d.title) == ("02-NQ/TW", "2021-06-12",
                                           "Đổi mới tổ chức và hoạt động của Công đoàn Việt Nam trong tình hình mới")
    assert facts.orgs.orgs[d.issuer].name == "Bộ Chính trị"


def test_old_spelling_of_the_symbol_is_the_same_directive():
    _, a = directives("Công đoàn Y tế Việt Nam thực hiện Chỉ thị 05/CT-TW ngày 15/5/2016.")
    _, b = directives("Công đoàn Y tế Việt Nam thực hiện Chỉ thị 05-CT/TW.")
    assert list(a) == list(b) == ["ct-5--tw"]


def test_number_and_issuer_without_symbol():
    _, found = directives("Các đơn vị triển khai Nghị quyết số 02 của Bộ Chính trị.")
    assert list(found) == ["nq-2--tw"] and found["nq-2--tw"].symbol == "02-NQ/TW"


def test_state_decree_symbol():
    _, found = directives("Công đoàn Công Thương Việt Nam hướng dẫn thực hiện Nghị định 145/2020/NĐ-CP.")
    d = next(iter(found.values()))
    assert (d.symbol, d.type_label) == ("145/2020/NĐ-CP", "Nghị định")


def test_congress_resolutions_differ_by_body():
    facts, found = directives("Năm 2024, Công đoàn Giáo dục Việt Nam triển khai thực hiện Nghị quyết Đại hội XIII của Đảng "
                              "và Nghị quyết Đại hội XIII Công đoàn Việt Nam.")
    congress = sorted((d.congress, facts.orgs.orgs[d.issuer].name) for d in found.values())
    assert congress[0][0] == congress[1][0] == "XIII"
    assert congress[0][1] != congress[1][1]


def test_programme_based_on_a_resolution():
    facts, found = directives("Tổng Liên đoàn ban hành Chương trình hành động số 02 thực hiện Nghị quyết số 02-NQ/TW.")
    bases = [(r.subject, r.object) for r in facts.relations if r.kind == "based_on"]
    programme = [k for k, d in found.items() if d.type_code == "CTr"][0]
    assert bases == [(programme, "nq-2--tw")]


def test_an_unquoted_title_runs_from_ve_to_the_end_of_the_clause():
    facts = extract_article(Article(source="d.txt", origin="d.txt", title="Tin", published=None, text=(
        "Tin\n\nNgày 3/4, Công đoàn Bưu điện Việt Nam quán triệt Chỉ thị số 32-CT/TW ngày 10/12/2023 của Ban Bí thư "
        "về tăng cường sự lãnh đạo của Đảng đối với tổ chức công đoàn, góp phần xây dựng giai cấp công nhân.")))
    (directive,) = facts.directives.values()
    assert (directive.symbol, directive.date, directive.title) == (
        "32-CT/TW", "2023-12-10", "Tăng cường sự lãnh đạo của Đảng đối với tổ chức công đoàn")


def test_an_unquoted_title_stops_before_a_passive_verb():
    facts = extract_article(Article(source="d.txt", origin="d.txt", title="Tin", published=None, text=(
        "Tin\n\nHội nghị quán triệt Nghị quyết 02-NQ/TW về đổi mới tổ chức và hoạt động của Công đoàn Việt Nam "
        "đã được Công đoàn Ngân hàng Việt Nam tổ chức.")))
    (directive,) = facts.directives.values()
    assert directive.title == "Đổi mới tổ chức và hoạt động của Công đoàn Việt Nam"


def test_a_programme_listed_after_a_congress_resolution_is_its_own_directive():
    facts, found = directives("Đại hội đề ra chỉ tiêu thực hiện Nghị quyết Đại hội XIII Công đoàn Việt Nam "
                              "và Chương trình hành động số 02 của Tổng Liên đoàn.")
    assert sorted((d.type_code, d.number, d.congress) for d in found.values()) == [
        ("CTr", "02", None), ("NQ", None, "XIII")]


def test_a_generic_issuer_code_takes_the_federation_of_the_article_into_the_identity():
    first, _ = directives("Liên đoàn Lao động tỉnh Yên Bái ban hành Kế hoạch số 45/KH-LĐLĐ ngày 20/9/2021.")
    second, _ = directives("Liên đoàn Lao động tỉnh Lào Cai ban hành Kế hoạch số 45/KH-LĐLĐ ngày 2/3/2022.")
    (a,), (b,) = first.directives.values(), second.directives.values()
    assert a.iri != b.iri and a.iri.endswith("-lien-doan-lao-dong-tinh-yen-bai")
    assert first.orgs.orgs[a.issuer].name == "Liên đoàn Lao động tỉnh Yên Bái"


def test_a_national_issuer_code_keeps_one_identity_across_articles():
    first, _ = directives("Liên đoàn Lao động tỉnh Yên Bái quán triệt Nghị quyết số 02-NQ/TW.")
    second, _ = directives("Liên đoàn Lao động tỉnh Lào Cai quán triệt Nghị quyết số 02-NQ/TW.")
    assert [d.iri for d in first.directives.values()] == [d.iri for d in second.directives.values()]


def test_an_unquoted_title_goes_on_through_a_comma_list_and_past_the_term_of_the_issuer():
    facts, found = directives("Đoàn Chủ tịch tổng kết Chỉ thị 05-CT/TW của Bộ Chính trị khóa XII về đẩy mạnh học tập "
                              "và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.")
    (directive,) = found.values()
    assert directive.title == "Đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"
    assert facts.orgs.orgs[directive.issuer].name == "Bộ Chính trị"


def test_a_bare_nghi_quyet_refers_back_to_the_one_resolution_named_before():
    facts, _ = directives("Liên đoàn Lao động tỉnh Nghệ An quán triệt Nghị quyết 02-NQ/TW. Công đoàn Giáo dục tỉnh "
                          "Nghệ An đã xây dựng kế hoạch thực hiện Nghị quyết.")
    acts = {(facts.orgs.orgs[a.actor].name, a.directive, a.kind) for a in facts.acts}
    assert ("Công đoàn Giáo dục tỉnh Nghệ An", "nq-2--tw", "plan") in acts


def test_a_bare_nghi_quyet_with_two_candidates_refers_to_none():
    facts, _ = directives("Công đoàn Điện lực Việt Nam quán triệt Nghị quyết 02-NQ/TW và Nghị quyết 35-NQ/TW. "
                          "Công đoàn Giáo dục tỉnh Nghệ An thực hiện Nghị quyết.")
    assert {facts.orgs.orgs[a.actor].name for a in facts.acts} == {"Công đoàn Điện lực Việt Nam"}


def test_a_party_regulation_written_quy_dinh_keeps_its_type():
    _, found = directives("Công đoàn Xây dựng Việt Nam thực hiện Quy định số 144-QĐ/TW của Bộ Chính trị và Quyết định "
                          "số 1234/QĐ-TLĐ của Tổng Liên đoàn.")
    assert sorted((d.symbol, d.type_label) for d in found.values()) == [
        ("1234-QĐ/TLĐ", "Quyết định"), ("144-QĐ/TW", "Quy định")]
