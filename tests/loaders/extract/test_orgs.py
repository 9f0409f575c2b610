"""Organisation names in real sentences of the genre (written for these tests)."""
from unionkg.loaders.extract.orgs import find_org_mentions
from unionkg.loaders.segment import split_sentences


def names(text: str) -> list[str]:
    return [m.text for s in split_sentences(text) for m in find_org_mentions(s) if not m.head_only]


def test_full_name_stops_at_the_verb():
    assert names("Sáng 5/3, Liên đoàn Lao động tỉnh Quảng Ninh tổ chức hội nghị.") == [
        "Liên đoàn Lao động tỉnh Quảng Ninh"]


def test_lower_case_words_inside_a_name_are_kept():
    assert names("Đại diện Công đoàn Viện Hàn lâm Khoa học xã hội Việt Nam phát biểu.") == [
        "Công đoàn Viện Hàn lâm Khoa học xã hội Việt Nam"]
    assert names("Lãnh đạo Học viện Chính trị quốc gia Hồ Chí Minh dự lễ.") == [
        "Học viện Chính trị quốc gia Hồ Chí Minh"]


def test_en_dash_inside_a_name_and_ampersand():
    assert names("Công đoàn Dầu khí – Hóa chất Việt Nam và Công đoàn Liên hiệp các Hội Khoa học & Kỹ thuật Việt Nam ký kết.") == [
        "Công đoàn Dầu khí – Hóa chất Việt Nam", "Công đoàn Liên hiệp các Hội Khoa học & Kỹ thuật Việt Nam"]


def test_bloc_and_parent_split_at_the_dash():
    assert names("Chiều 2/4, Khối Thi đua II - Công đoàn Y tế Việt Nam tổ chức hội nghị.") == [
        "Khối Thi đua II", "Công đoàn Y tế Việt Nam"]


def test_person_after_the_name_is_cut_off():
    assert names("Chủ tịch Công đoàn Ngân hàng Việt Nam Nguyễn Văn Bình phát biểu.") == ["Công đoàn Ngân hàng Việt Nam"]


def test_place_named_after_a_person_is_not_cut_off():
    assert names("Công đoàn Trường Đại học Tôn Đức Thắng đã tổ chức lễ.") == ["Công đoàn Trường Đại học Tôn Đức Thắng"]


def test_generic_classes_are_not_organisations():
    assert names("Các Công đoàn cơ sở và các Liên đoàn Lao động tỉnh, thành phố cần chủ động.") == []
    assert names("Hướng dẫn gửi tới các công đoàn cơ sở trực thuộc.") == []


def test_quoted_titles_are_skipped():
    assert names("Nghị quyết về “Đổi mới tổ chức và hoạt động của Công đoàn Việt Nam trong tình hình mới”.") == []


def test_department_with_lower_case_name_ends_where_its_parent_starts():
    assert names("Đồng chí Trần Thị Hoa, Trưởng Ban Nữ công Công đoàn Giáo dục Việt Nam phát biểu.") == [
        "Ban Nữ công", "Công đoàn Giáo dục Việt Nam"]
    assert names("Đại diện Ban vì sự tiến bộ của phụ nữ phát biểu.") == ["Ban vì sự tiến bộ của phụ nữ"]


def test_tone_marks_tell_heads_apart():
    # "Đại hội" is an event, not the broadcaster head "Đài"; "Đăng" is a given name, not "Đảng".
    assert names("Đại hội lần thứ V đã bầu đồng chí Đinh Đăng Quang.") == []


def test_acronyms_and_short_forms_are_names():
    assert names("Công đoàn LHHVN phối hợp với Đài TNVN.") == ["Công đoàn LHHVN", "Đài TNVN"]


def test_cac_before_a_head_inside_a_name():
    assert names("Chiều 20/5, Công đoàn các Khu công nghiệp tỉnh Đồng Nai tổ chức lễ.") == [
        "Công đoàn các Khu công nghiệp tỉnh Đồng Nai"]


def test_lower_case_word_at_the_end_of_a_name():
    assert names("Công đoàn Công an nhân dân tổ chức hội nghị.") == ["Công đoàn Công an nhân dân"]
    assert names("Công đoàn Công ty TNHH một thành viên Cao su Chư Sê đã ký kết.") == [
        "Công đoàn Công ty TNHH một thành viên Cao su Chư Sê"]


def test_a_name_may_close_with_a_bare_province_word():
    assert names("Công đoàn Viên chức tỉnh đã ký quy chế phối hợp.") == ["Công đoàn Viên chức tỉnh"]
    assert names("Bà Hà, Chủ tịch Công đoàn Khu kinh tế tỉnh cùng các đại biểu dự họp.") == [
        "Công đoàn Khu kinh tế tỉnh"]
    assert names("Công đoàn Khu công nghiệp thành phố tổ chức hội nghị.") == ["Công đoàn Khu công nghiệp thành phố"]


def test_nganh_before_a_proper_name_belongs_to_it_but_nganh_trung_uong_is_a_class():
    assert names("Công đoàn ngành Y tế tỉnh Phú Thọ có 120 công đoàn cơ sở.") == ["Công đoàn ngành Y tế tỉnh Phú Thọ"]
    assert names("Các Công đoàn ngành Trung ương cử đại biểu.") == []


def test_a_kind_of_school_without_a_proper_name_is_no_unit():
    assert names("Các đơn vị vận động xây dựng Trường Trung học cơ sở nhằm hoàn thành mục tiêu.") == []
    assert names("Bệnh viện tổ chức khám sức khỏe.") == []


def test_a_school_name_goes_on_past_co_so_to_its_proper_name():
    assert names("Công đoàn Trường Trung học cơ sở Lê Lợi tổ chức hội nghị.") == [
        "Công đoàn Trường Trung học cơ sở Lê Lợi"]


def test_a_numbered_bloc_name_ends_at_its_number_and_a_descriptive_one_goes_on():
    assert names("Khối thi đua III cần chủ động phối hợp.") == ["Khối thi đua III"]
    assert names("Khối thi đua các Công đoàn ngành Trung ương và Tổng công ty trực thuộc Tổng Liên đoàn họp.")[0] == \
        "Khối thi đua các Công đoàn ngành Trung ương"


def test_an_award_verb_ends_a_name():
    assert names("Năm 2023, chị Hà được Tổng Liên đoàn Lao động Việt Nam tặng Bằng khen.") == [
        "Tổng Liên đoàn Lao động Việt Nam"]
