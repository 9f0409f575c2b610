"""Hierarchy, bloc membership and "based on" links (sentences written for these tests)."""
from unionkg.loaders.extract import extract_article
from unionkg.loaders.model import Article


def relations(text: str) -> set[tuple[str, str, str]]:
    facts = extract_article(Article(source="r.txt", origin="r.txt", title="Tin", text=f"Tin\n\n{text}"))
    names = {k: o.name for k, o in facts.orgs.orgs.items()}
    return {(r.kind, names.get(r.subject, r.subject), names.get(r.object, r.object)) for r in facts.relations}


def test_thuoc_states_the_hierarchy():
    assert ("sub_organization", "Công đoàn Khu công nghiệp Tiên Sơn", "Liên đoàn Lao động tỉnh Bắc Ninh") in relations(
        "Công đoàn Khu công nghiệp Tiên Sơn trực thuộc Liên đoàn Lao động tỉnh Bắc Ninh đã tổ chức hội nghị.")


def test_level_words_in_parentheses():
    assert ("sub_organization", "Công đoàn Tổng công ty Điện lực miền Bắc", "Công đoàn Điện lực Việt Nam") in relations(
        "Năm 2023, Công đoàn Tổng công ty Điện lực miền Bắc (Công đoàn cấp trên cơ sở trực thuộc Công đoàn Điện lực "
        "Việt Nam) đã hoàn thành nhiệm vụ.")


def test_other_words_between_are_not_a_hierarchy():
    assert not any(r[0] == "sub_organization" for r in relations(
        "Công đoàn Đường sắt Việt Nam phối hợp với các đơn vị thuộc Công đoàn Giao thông Vận tải Việt Nam."))


def test_dash_names_a_unit_not_a_stated_hierarchy():
    got = relations("Chiều 2/4, Khối Thi đua II - Công đoàn Y tế Việt Nam tổ chức hội nghị.")
    assert ("unit_of", "Khối Thi đua II - Công đoàn Y tế Việt Nam", "Công đoàn Y tế Việt Nam") in got
    assert not any(r[0] == "sub_organization" for r in got)


def test_member_list_gives_memberships():
    got = relations("Cụm thi đua số 4 gồm có 2 đơn vị thành viên: Công đoàn Cao su Việt Nam, Công đoàn Dệt May Việt Nam.")
    members = {(m, g) for kind, m, g in got if kind == "membership"}
    assert {m for m, _ in members} == {"Công đoàn Cao su Việt Nam", "Công đoàn Dệt May Việt Nam"}


def test_a_description_of_the_level_before_truc_thuoc_still_states_the_hierarchy():
    assert ("sub_organization", "Công đoàn Tổng công ty Đường sắt Việt Nam", "Tổng Liên đoàn Lao động Việt Nam") in relations(
        "Công đoàn Tổng công ty Đường sắt Việt Nam là công đoàn cấp trên trực tiếp cơ sở, trực thuộc Tổng Liên đoàn "
        "Lao động Việt Nam.")


def test_khoi_gom_cac_don_vi_lists_the_members_of_the_articles_bloc():
    got = relations("Khối thi đua các Công đoàn ngành Trung ương ký giao ước thi đua. Khối gồm các đơn vị: Công đoàn "
                    "Y tế Việt Nam, Công đoàn Xây dựng Việt Nam. Công đoàn Công Thương Việt Nam là Phó Trưởng khối.")
    members = {(m, g) for kind, m, g in got if kind == "membership"}
    assert members == {(m, "Khối thi đua các Công đoàn ngành Trung ương") for m in (
        "Công đoàn Y tế Việt Nam", "Công đoàn Xây dựng Việt Nam", "Công đoàn Công Thương Việt Nam")}


def test_a_plan_about_carrying_out_directives_is_based_on_them():
    got = relations("Ban Thường vụ Tổng Liên đoàn ban hành Kế hoạch số 123/KH-TLĐ ngày 5/3/2024 về triển khai thực hiện "
                    "Chỉ thị 32-CT/TW và Nghị quyết 02-NQ/TW.")
    bases = {(s, o) for kind, s, o in got if kind == "based_on"}
    assert bases == {("kh-123--tld", "ct-32--tw"), ("kh-123--tld", "nq-2--tw")}


def test_a_directive_made_concrete_by_a_programme():
    got = relations("Nghị quyết 02-NQ/TW được cụ thể hóa bằng Chương trình hành động số 02 của Tổng Liên đoàn.")
    assert [(kind, o) for kind, s, o in got if kind == "based_on"] == [("based_on", "nq-2--tw")]


def test_two_directives_acted_on_side_by_side_are_not_bases_of_each_other():
    got = relations("Công đoàn Dệt May Việt Nam quán triệt Nghị quyết 02-NQ/TW, thực hiện Chỉ thị 05-CT/TW.")
    assert not any(kind == "based_on" for kind, _, _ in got)
