"""Officials and their posts, name and title in every order (sentences written for these tests)."""
from unionkg.loaders.extract import extract_article
from unionkg.loaders.model import Article


def posts_of(text: str, title: str = "Tin công đoàn") -> set[tuple[str, str, str]]:
    facts = extract_article(Article(source="t.txt", origin="t.txt", title=title, text=f"{title}\n\n{text}"))
    return {(facts.persons[p.person].name, p.role, facts.orgs.orgs[p.org].name) for p in facts.posts}


def test_name_then_post():
    assert posts_of("Dự hội nghị có đồng chí Lê Văn Minh, Chủ tịch Công đoàn Điện lực Việt Nam.") == {
        ("Lê Văn Minh", "Chủ tịch", "Công đoàn Điện lực Việt Nam")}


def test_post_then_name():
    assert posts_of("Chủ tịch Công đoàn Dệt May Việt Nam Trần Văn Lý phát biểu khai mạc.") == {
        ("Trần Văn Lý", "Chủ tịch", "Công đoàn Dệt May Việt Nam")}


def test_name_dash_post():
    assert posts_of("Kết luận hội nghị, đồng chí Phan Văn Anh – Phó Chủ tịch Tổng Liên đoàn Lao động Việt Nam nhấn mạnh.") == {
        ("Phan Văn Anh", "Phó Chủ tịch", "Tổng Liên đoàn Lao động Việt Nam")}


def test_post_without_organisation_takes_the_same_post_elsewhere():
    text = ("Hội nghị diễn ra dưới sự chủ trì của Phó Chủ tịch Thái Thu Xương. "
            "Đồng chí Thái Thu Xương – Phó Chủ tịch Tổng Liên đoàn Lao động Việt Nam kết luận.")
    assert posts_of(text) == {("Thái Thu Xương", "Phó Chủ tịch", "Tổng Liên đoàn Lao động Việt Nam")}


def test_several_posts_in_a_row_and_degrees():
    got = posts_of("PGS.TS Đỗ Văn Hùng, Bí thư Đảng ủy, Phó Giám đốc Học viện Ngân hàng phát biểu chỉ đạo.")
    assert got == {("Đỗ Văn Hùng", "Bí thư Đảng ủy", "Học viện Ngân hàng"),
                   ("Đỗ Văn Hùng", "Phó Giám đốc", "Học viện Ngân hàng")}


def test_host_post_goes_to_the_institution_not_the_union():
    got = posts_of("Tham dự có ông Ngô Minh Tuấn, Phó Tổng Giám đốc, Chủ tịch Công đoàn Đài Truyền hình Việt Nam.")
    assert got == {("Ngô Minh Tuấn", "Phó Tổng Giám đốc", "Đài Truyền hình Việt Nam"),
                   ("Ngô Minh Tuấn", "Chủ tịch", "Công đoàn Đài Truyền hình Việt Nam")}


def test_committee_member_then_union_post():
    got = posts_of("Đồng chí Hà Thị Lan, Ủy viên Ban Chấp hành Tổng Liên đoàn Lao động Việt Nam, "
                   "Chủ tịch Công đoàn Y tế Việt Nam dự hội nghị.")
    assert got == {("Hà Thị Lan", "Ủy viên Ban Chấp hành", "Tổng Liên đoàn Lao động Việt Nam"),
                   ("Hà Thị Lan", "Chủ tịch", "Công đoàn Y tế Việt Nam")}


def test_implicit_union_of_the_article():
    text = "Công đoàn Bệnh viện Bạch Mai tổ chức hội nghị. Tại hội nghị, đồng chí Vũ Văn Tâm, Chủ tịch Công đoàn báo cáo."
    assert posts_of(text) == {("Vũ Văn Tâm", "Chủ tịch", "Công đoàn Bệnh viện Bạch Mai")}


def test_former_and_acting_status():
    from unionkg.loaders.extract import extract_article as run
    facts = run(Article(source="t", origin="t", title="T", text="T\n\nĐồng chí Lý Văn Sơn, nguyên Chủ tịch Công đoàn Cao su Việt Nam dự lễ."))
    assert [p.status for p in facts.posts] == ["former"]


def test_department_post_is_qualified_with_its_parent():
    assert posts_of("Đồng chí Trần Thị Hoa, Trưởng Ban Nữ công Công đoàn Giáo dục Việt Nam phát biểu.") == {
        ("Trần Thị Hoa", "Trưởng Ban", "Ban Nữ công Công đoàn Giáo dục Việt Nam")}


def test_party_and_presidium_posts():
    got = posts_of("Dự có đồng chí Lại Thế Nguyên, Phó Bí thư Thường trực Tỉnh ủy Thanh Hóa; đồng chí Lê Văn Hùng, "
                   "Ủy viên Đoàn Chủ tịch Tổng Liên đoàn Lao động Việt Nam, Chủ tịch Công đoàn Ngân hàng Việt Nam.")
    assert ("Lại Thế Nguyên", "Phó Bí thư Thường trực", "Tỉnh ủy Thanh Hóa") in got
    assert ("Lê Văn Hùng", "Chủ tịch", "Công đoàn Ngân hàng Việt Nam") in got


def test_acting_status():
    from unionkg.loaders.extract import extract_article as run
    facts = run(Article(source="t", origin="t", title="T",
                        text="T\n\nHội nghị ra mắt đồng chí Bùi Văn Tới, Chủ tịch lâm thời Công đoàn Công ty Than Hà Lầm."))
    assert [p.status for p in facts.posts] == ["acting"]


def test_one_letter_syllable_in_a_name():
    assert posts_of("Bà Nguyễn Thị Như Ý, Chủ tịch Liên đoàn Lao động tỉnh Đồng Nai dự lễ.") == {
        ("Nguyễn Thị Như Ý", "Chủ tịch", "Liên đoàn Lao động tỉnh Đồng Nai")}


def test_elected_to_a_post_of_a_named_union():
    assert posts_of("Tại phiên họp thứ nhất, đồng chí Hoàng Thị Lan được bầu giữ chức Chủ tịch Công đoàn "
                    "Tổng công ty Cấp nước Sài Gòn.") == {
        ("Hoàng Thị Lan", "Chủ tịch", "Công đoàn Tổng công ty Cấp nước Sài Gòn")}


def test_several_names_elected_to_a_bare_post_belong_to_the_union_of_the_article():
    assert posts_of("Các đồng chí Lò Văn Hải và Đinh Thị Nga được bầu làm Phó Chủ tịch.",
                    title="Đại hội Công đoàn Bệnh viện Đa khoa tỉnh Sơn La") == {
        ("Lò Văn Hải", "Phó Chủ tịch", "Công đoàn Bệnh viện Đa khoa tỉnh Sơn La"),
        ("Đinh Thị Nga", "Phó Chủ tịch", "Công đoàn Bệnh viện Đa khoa tỉnh Sơn La")}


def test_reelected_and_appointed():
    assert posts_of("Ông Mai Đức Chính tái đắc cử Chủ tịch Liên đoàn Lao động tỉnh Nam Định. "
                    "Bà Trịnh Thu Hằng được bổ nhiệm làm Phó Chủ tịch Liên đoàn Lao động tỉnh Nam Định.") == {
        ("Mai Đức Chính", "Chủ tịch", "Liên đoàn Lao động tỉnh Nam Định"),
        ("Trịnh Thu Hằng", "Phó Chủ tịch", "Liên đoàn Lao động tỉnh Nam Định")}


def test_a_cue_without_a_post_gives_no_post():
    assert posts_of("Đồng chí Cao Văn Bình được bầu vào Ban Chấp hành với số phiếu cao.") == set()


def test_a_head_word_ending_a_name_is_part_of_the_person():
    assert posts_of("Đồng chí Nguyễn Xuân Trường, Chủ tịch Công đoàn Viên chức tỉnh Hưng Yên chủ trì hội nghị.") == {
        ("Nguyễn Xuân Trường", "Chủ tịch", "Công đoàn Viên chức tỉnh Hưng Yên")}


def test_a_department_written_before_its_federation_is_qualified_by_it():
    assert posts_of("Đồng chí Ngô Thị Hà, Ủy viên Ban Thường vụ, Trưởng Ban Tổ chức LĐLĐ tỉnh Bắc Giang phát biểu.") == {
        ("Ngô Thị Hà", "Ủy viên Ban Thường vụ", "Liên đoàn Lao động tỉnh Bắc Giang"),
        ("Ngô Thị Hà", "Trưởng Ban", "Ban Tổ chức Liên đoàn Lao động tỉnh Bắc Giang")}


def test_a_post_before_the_next_name_in_a_list_is_that_persons():
    assert posts_of("Cùng dự có Phó Chủ tịch Thường trực Tổng Liên đoàn Thái Thu Xương; Phó Chủ tịch Tổng Liên đoàn "
                    "Ngọ Duy Hiểu.") == {
        ("Thái Thu Xương", "Phó Chủ tịch Thường trực", "Tổng Liên đoàn Lao động Việt Nam"),
        ("Ngọ Duy Hiểu", "Phó Chủ tịch", "Tổng Liên đoàn Lao động Việt Nam")}


def test_a_school_named_after_a_person_keeps_its_name():
    expected = {("Nguyễn Thị Lan", "Chủ tịch", "Công đoàn Trường Tiểu học Kim Đồng")}
    assert posts_of("Nhà giáo Nguyễn Thị Lan, Chủ tịch Công đoàn Trường Tiểu học Kim Đồng phát biểu.") == expected
    assert posts_of("Chủ tịch Công đoàn Trường Tiểu học Kim Đồng Nguyễn Thị Lan phát biểu.") == expected


def test_company_board_posts_belong_to_the_company():
    assert posts_of("Đồng chí Trần Văn Lý, Bí thư Đảng ủy, Chủ tịch Hội đồng quản trị Công ty Cổ phần May Sông Hồng.") == {
        ("Trần Văn Lý", "Bí thư Đảng ủy", "Công ty Cổ phần May Sông Hồng"),
        ("Trần Văn Lý", "Chủ tịch Hội đồng quản trị", "Công ty Cổ phần May Sông Hồng")}


def test_posts_that_name_their_own_body():
    assert posts_of("Dự hội nghị có đồng chí Trần Thanh Mẫn, Ủy viên Bộ Chính trị, Chủ tịch Quốc hội.") == {
        ("Trần Thanh Mẫn", "Ủy viên Bộ Chính trị", "Bộ Chính trị"), ("Trần Thanh Mẫn", "Chủ tịch Quốc hội", "Quốc hội")}
    assert posts_of("Đồng chí Nguyễn Đình Khang, Ủy viên Trung ương Đảng, Chủ tịch Tổng Liên đoàn Lao động Việt Nam "
                    "phát biểu.") == {
        ("Nguyễn Đình Khang", "Ủy viên Trung ương Đảng", "Ban Chấp hành Trung ương Đảng"),
        ("Nguyễn Đình Khang", "Chủ tịch", "Tổng Liên đoàn Lao động Việt Nam")}


def test_a_name_ending_in_trung_uong():
    assert posts_of("Đồng chí Vũ Quốc Hùng, Phó Bí thư Thường trực Đảng ủy Khối Doanh nghiệp Trung ương dự lễ.") == {
        ("Vũ Quốc Hùng", "Phó Bí thư Thường trực", "Đảng ủy Khối Doanh nghiệp Trung ương")}


def test_department_posts_with_a_lower_case_ban_and_before_the_name():
    assert posts_of("Ông Lê Đình Quảng, Phó Trưởng ban Quan hệ lao động Tổng Liên đoàn Lao động Việt Nam cho biết.") == {
        ("Lê Đình Quảng", "Phó Trưởng ban", "Ban Quan hệ lao động Tổng Liên đoàn Lao động Việt Nam")}
    assert posts_of("Trưởng ban Tổ chức Tổng Liên đoàn Lao động Việt Nam Lê Thị Hà phát biểu.") == {
        ("Lê Thị Hà", "Trưởng ban", "Ban Tổ chức Tổng Liên đoàn Lao động Việt Nam")}


def test_a_post_a_comma_then_an_addressed_name():
    assert posts_of("Hơn 10 năm làm Chủ tịch Công đoàn cơ sở Công ty TNHH Hansae Việt Nam, chị Đặng Thị Thu Hà "
                    "luôn đồng hành cùng người lao động.") == {
        ("Đặng Thị Thu Hà", "Chủ tịch", "Công đoàn Công ty TNHH Hansae Việt Nam")}


def test_a_name_after_a_post_and_before_va_ba_is_not_part_of_the_organisation():
    assert posts_of("Chủ tịch Công đoàn Điện lực Việt Nam Lê Văn Minh và bà Trần Thị Hoa dự.") == {
        ("Lê Văn Minh", "Chủ tịch", "Công đoàn Điện lực Việt Nam")}
