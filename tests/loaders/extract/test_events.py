"""Events, participants and acts on directives (sentences written for these tests)."""
import datetime as dt

from unionkg.loaders.extract import extract_article
from unionkg.loaders.model import Article


def run(text: str, published: dt.date | None = None):
    return extract_article(Article(source="e.txt", origin="e.txt", title="Tin", text=f"Tin\n\n{text}", published=published))


def test_relative_date_takes_the_year_of_publication():
    facts = run("Sáng 12.9, Liên đoàn Lao động tỉnh Bắc Ninh tổ chức Hội nghị tập huấn cán bộ.", dt.date(2023, 9, 13))
    (event,) = facts.events
    assert (event.date, event.event_type, facts.orgs.orgs[event.organizer].name) == (
        "2023-09-12", "conference", "Liên đoàn Lao động tỉnh Bắc Ninh")


def test_a_date_after_publication_belongs_to_the_year_before():
    facts = run("Chiều 28/12, Công đoàn Ngân hàng Việt Nam tổ chức hội nghị.", dt.date(2024, 1, 3))
    assert facts.events[0].date == "2023-12-28"


def test_unknown_year_stays_unknown():
    facts = run("Chiều 28/12, Công đoàn Ngân hàng Việt Nam tổ chức hội nghị.")
    assert facts.events[0].date is None


def test_place_chair_and_speaker():
    facts = run("Sáng 3/5, tại Hội trường tỉnh, Công đoàn Viên chức tỉnh Hà Tĩnh tổ chức hội nghị. "
                "Đồng chí Hồ Văn Sơn, Chủ tịch Công đoàn Viên chức tỉnh Hà Tĩnh chủ trì hội nghị. "
                "Phát biểu tại hội nghị, đồng chí Lê Thị Mai, Phó Chủ tịch Công đoàn Viên chức tỉnh Hà Tĩnh đề nghị các đơn vị.",
                dt.date(2022, 5, 4))
    event = facts.events[0]
    roles = {facts.persons[p.person].name: p.role for p in event.participants}
    assert roles == {"Hồ Văn Sơn": "chair", "Lê Thị Mai": "speaker"}
    assert event.location == "Hội trường tỉnh"


def test_acts_on_directives_at_the_event():
    facts = run("Ngày 20/10/2022, Công đoàn Dầu khí Việt Nam tổ chức hội nghị quán triệt Nghị quyết số 02-NQ/TW.")
    (act,) = facts.acts
    assert (act.kind, act.directive, act.date) == ("disseminate", "nq-2--tw", "2022-10-20")
    assert act.event == facts.events[0].key


def test_no_event_without_an_organiser():
    assert run("Sáng 3/5 trời mưa to.").events == []


def test_the_parent_after_thuoc_is_not_the_actor():
    facts = run("Công đoàn Khu công nghiệp Quế Võ trực thuộc Liên đoàn Lao động tỉnh Bắc Ninh đã triển khai "
                "Nghị quyết số 02-NQ/TW.")
    assert [facts.orgs.orgs[a.actor].name for a in facts.acts] == ["Công đoàn Khu công nghiệp Quế Võ"]


def test_persons_named_before_the_event_took_no_part():
    facts = run("Ông Trần Văn Nam, Chủ tịch Công đoàn Công ty May 10 cho biết thu nhập tăng. "
                "Chiều 20/5, Liên đoàn Lao động thành phố Hà Nội tổ chức Lễ tuyên dương. "
                "Bà Lê Thị Hoa, Phó Chủ tịch Liên đoàn Lao động thành phố Hà Nội phát biểu.", dt.date(2023, 5, 21))
    assert [facts.persons[p.person].name for p in facts.events[0].participants] == ["Lê Thị Hoa"]


def test_an_event_reported_in_the_passive_has_its_organiser_after_duoc():
    facts = run("Ngày 7/4, Hội nghị sơ kết Chỉ thị số 05-CT/TW đã được Công đoàn Giáo dục tỉnh Nghệ An tổ chức "
                "tại thành phố Vinh.", dt.date(2023, 4, 8))
    (event,) = facts.events
    assert (event.date, event.event_type, event.label, event.location) == (
        "2023-04-07", "conference", "Hội nghị sơ kết Chỉ thị số 05-CT/TW", "thành phố Vinh")
    assert facts.orgs.orgs[event.organizer].name == "Công đoàn Giáo dục tỉnh Nghệ An"
    assert {(a.kind, a.date) for a in facts.acts} == {("review", "2023-04-07")}


def test_an_event_organised_by_do_x():
    facts = run("Sáng 15.6, Lễ kỷ niệm ngày thành lập do Liên đoàn Lao động tỉnh Gia Lai tổ chức diễn ra trang trọng.",
                dt.date(2024, 6, 16))
    (event,) = facts.events
    assert (event.date, event.event_type) == ("2024-06-15", "ceremony")
    assert facts.orgs.orgs[event.organizer].name == "Liên đoàn Lao động tỉnh Gia Lai"


def test_an_event_word_late_in_the_sentence_is_not_a_passive_event():
    facts = run("Các đơn vị đã gửi báo cáo về hội nghị được Công đoàn Ngân hàng Việt Nam tổ chức năm trước.")
    assert facts.events == []


def test_a_two_day_congress_starts_on_its_first_day_and_its_place_closes_the_sentence():
    facts = run("Trong hai ngày 21 và 22/5, Công đoàn Tổng công ty Điện lực miền Trung tổ chức Đại hội đại biểu "
                "lần thứ IV tại thành phố Đà Nẵng.", dt.date(2023, 5, 23))
    (event,) = facts.events
    assert (event.date, event.event_type, event.location) == ("2023-05-21", "congress", "thành phố Đà Nẵng")


def test_a_date_range_with_a_full_date():
    facts = run("Từ ngày 3 đến 5/7/2024, Liên đoàn Lao động tỉnh Hòa Bình tổ chức lớp tập huấn nghiệp vụ.")
    assert facts.events[0].date == "2024-07-03"


def test_unions_joined_by_va_both_act():
    facts = run("Công đoàn Công ty TNHH Minh Long (Bình Dương) và Công đoàn Công ty Cổ phần Sông Đà báo cáo kết quả "
                "thực hiện Chỉ thị 05-CT/TW.")
    assert sorted(facts.orgs.orgs[a.actor].name for a in facts.acts) == [
        "Công đoàn Công ty Cổ phần Sông Đà", "Công đoàn Công ty TNHH Minh Long"]


def test_an_object_after_voi_is_not_a_coordinated_subject():
    facts = run("Công đoàn Ngân hàng Việt Nam phối hợp với Công đoàn Công ty Tài chính Sao Mai triển khai "
                "Nghị quyết 02-NQ/TW.")
    assert [facts.orgs.orgs[a.actor].name for a in facts.acts] == ["Công đoàn Ngân hàng Việt Nam"]


def test_a_goal_the_union_sets_itself_is_not_an_act_at_its_event():
    facts = run("Sáng 3/2, Công đoàn Ngân hàng Việt Nam tổ chức hội nghị quán triệt Nghị quyết 02-NQ/TW. "
                "Công đoàn Ngân hàng Việt Nam phấn đấu hoàn thành Nghị quyết Đại hội XIII của Đảng.",
                dt.date(2024, 2, 4))
    at_event = {(a.kind, a.date) for a in facts.acts if a.event}
    goals = [(a.kind, a.event, a.date) for a in facts.acts if a.kind == "goal"]
    assert at_event == {("disseminate", "2024-02-03")} and goals == [("goal", None, None)]


def test_reviewing_years_of_carrying_out_is_a_review_and_a_committees_event_is_its_unions():
    facts = run("Chiều 17/12, Ban Thường vụ Liên đoàn Lao động tỉnh Thái Bình tổ chức hội nghị. Liên đoàn Lao động "
                "tỉnh Thái Bình sơ kết 3 năm thực hiện Nghị quyết số 02-NQ/TW.", dt.date(2024, 12, 18))
    got = {(facts.orgs.orgs[a.actor].name, a.kind, a.date) for a in facts.acts}
    assert got == {("Liên đoàn Lao động tỉnh Thái Bình", "review", "2024-12-17")}


def test_an_act_told_in_a_look_back_is_not_dated_by_the_event():
    facts = run("Sáng 9/9, Công đoàn Dầu khí Việt Nam tổ chức hội nghị quán triệt Nghị quyết 02-NQ/TW. "
                "Sau khi Chỉ thị 05-CT/TW được ban hành, Công đoàn Dầu khí Việt Nam đã triển khai Chỉ thị 05-CT/TW.",
                dt.date(2024, 9, 10))
    got = {(a.directive, a.kind, a.date) for a in facts.acts}
    assert got == {("nq-2--tw", "disseminate", "2024-09-09"), ("ct-5--tw", "carry-out", None)}


def test_a_fronted_thuc_hien_clause_acts_through_the_subject_after_its_comma():
    facts = run("Thực hiện Kế hoạch số 45/KH-LĐLĐ của Liên đoàn Lao động tỉnh Nghệ An, Công đoàn Giáo dục tỉnh Nghệ An "
                "đã tổ chức quán triệt.")
    assert [(facts.orgs.orgs[a.actor].name, a.kind) for a in facts.acts] == [("Công đoàn Giáo dục tỉnh Nghệ An", "carry-out")]


def test_dates_written_as_sang_nay_in_words_or_after_vao():
    forms = {"Sáng nay (10/11), Công đoàn Viên chức Việt Nam tổ chức hội nghị.": "2024-11-10",
             "Chiều qua (9/11), Liên đoàn Lao động tỉnh Hà Nam tổ chức hội nghị.": "2024-11-09",
             "Ngày 12 tháng 3 năm 2024, Công đoàn Ngân hàng Việt Nam tổ chức hội nghị.": "2024-03-12",
             "Công đoàn Y tế Việt Nam tổ chức hội nghị tổng kết vào ngày 15/1/2024.": "2024-01-15"}
    for text, date in forms.items():
        assert run(text, dt.date(2024, 11, 10)).events[0].date == date, text


def test_a_directives_date_after_the_verb_is_not_the_events():
    facts = run("Công đoàn Dầu khí Việt Nam tổ chức hội nghị quán triệt Nghị quyết 02-NQ/TW ngày 12/6/2021.",
                dt.date(2024, 11, 10))
    assert facts.events[0].date is None


def test_tien_hanh_and_to_chuc_thanh_cong_report_an_event():
    for text, kind in (("Ngày 5/5, Công đoàn Trường Đại học Vinh tổ chức thành công Đại hội lần thứ XV.", "congress"),
                       ("Sáng 6/5, Công đoàn Công ty Than Hà Tu tiến hành Hội nghị người lao động.", "conference")):
        (event,) = run(text, dt.date(2024, 5, 8)).events
        assert (event.date[:7], event.event_type) == ("2024-05", kind), text


def test_ve_phia_lists_attendees_and_truyen_dat_is_speaking():
    base = "Sáng 7/5, Liên đoàn Lao động tỉnh Nghệ An tổ chức hội nghị. "
    for text, role in (("Về phía Tổng Liên đoàn có đồng chí Kha Văn Tám, Chủ tịch Liên đoàn Lao động tỉnh Nghệ An.",
                        "attendee"),
                       ("Đồng chí Kha Văn Tám, Chủ tịch Liên đoàn Lao động tỉnh Nghệ An truyền đạt nội dung Nghị quyết.",
                        "speaker")):
        facts = run(base + text, dt.date(2024, 5, 8))
        assert [(p.person, p.role) for p in facts.events[0].participants] == [("kha van tam", role)], text


def test_a_date_right_after_the_event_words_is_the_events():
    facts = run("Công đoàn Công ty TNHH Hansae Việt Nam phối hợp với Ban Giám đốc tổ chức Hội nghị người lao động "
                "ngày 15/3/2024.", dt.date(2024, 11, 8))
    assert facts.events[0].date == "2024-03-15"
