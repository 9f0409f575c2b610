"""A deterministic synthetic corpus of Vietnamese trade-union news articles, for scale benchmarks.

    python benchmarks/synth.py --count 500 --seed 7 -o /tmp/corpus          # one .txt per article
    python benchmarks/synth.py --count 500 --seed 7 -o /tmp/corpus.jsonl    # one JSONL record a line

The same seed and count always give the same bytes. Every article (about 8 kB of UTF-8 on
average) reports one event held by a union at some level of the hierarchy (the confederation,
a provincial federation, a central sector union, a district or industrial-zone union, or a
grassroots union of a company or an institution): its date, its chair, speakers and guests with
their posts, the directives it disseminated or carried out (Party resolutions and directives,
State decrees, numbered union programmes and plans), the hierarchy it sits in, and several
paragraphs of ordinary reporting around them. As in real reporting, a directive flows down the
hierarchy: each union with units under it has its own numbered programme or plan for carrying
out each Party or State directive (the confederation's 12/CTr-TLĐ, a provincial federation's
45/KH-LĐLĐ), and its units report acting on that plan as well as on the directive. So besides a
few directives acted on by every level, the corpus has a long tail of plans each acted on by a
handful of units, the shape a researcher tracing a directive meets. The sentences are templates
written for this benchmark; the names of people and companies are combined at random and belong
to no one.
"""
from __future__ import annotations

import argparse
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

TLD = "Tổng Liên đoàn Lao động Việt Nam"

PROVINCES = [
    "Hà Giang", "Cao Bằng", "Lào Cai", "Tuyên Quang", "Lạng Sơn", "Thái Nguyên", "Phú Thọ", "Bắc Giang",
    "Quảng Ninh", "Bắc Ninh", "Hải Dương", "Hưng Yên", "Thái Bình", "Nam Định", "Ninh Bình", "Thanh Hóa",
    "Nghệ An", "Hà Tĩnh", "Quảng Bình", "Quảng Trị", "Quảng Nam", "Quảng Ngãi", "Bình Định", "Phú Yên",
    "Khánh Hòa", "Ninh Thuận", "Bình Thuận", "Gia Lai", "Đắk Lắk", "Lâm Đồng", "Bình Phước", "Tây Ninh",
    "Bình Dương", "Đồng Nai", "Long An", "Tiền Giang", "Bến Tre", "Vĩnh Long", "Trà Vinh", "Đồng Tháp",
    "An Giang", "Kiên Giang", "Hậu Giang", "Sóc Trăng", "Bạc Liêu", "Cà Mau",
]
CITIES = ["Hà Nội", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế"]
SECTORS = [
    "Công đoàn Viên chức Việt Nam", "Công đoàn Giáo dục Việt Nam", "Công đoàn Y tế Việt Nam",
    "Công đoàn Công Thương Việt Nam", "Công đoàn Giao thông vận tải Việt Nam", "Công đoàn Xây dựng Việt Nam",
    "Công đoàn Ngân hàng Việt Nam", "Công đoàn Dệt May Việt Nam", "Công đoàn Điện lực Việt Nam",
    "Công đoàn Dầu khí Việt Nam", "Công đoàn Cao su Việt Nam", "Công đoàn Bưu điện Việt Nam",
]
DISTRICTS = ["Đông Hải", "Tân Phú", "Hòa Bình", "An Lạc", "Phước Long", "Thạnh Mỹ", "Vĩnh Hưng", "Long Điền",
             "Bình Minh", "Hương Sơn", "Thuận An", "Kim Thành", "Yên Lạc", "Quế Võ", "Đức Phổ"]
ZONES = ["Khu công nghiệp Nam Sách", "Khu công nghiệp Phố Nối", "Khu kinh tế Đông Nam", "Khu công nghiệp Tân Trường",
         "Khu công nghiệp Long Hậu", "Khu công nghiệp Hòa Khánh", "Khu chế xuất Tân Thuận"]
COMPANY_FORMS = ["Công ty TNHH", "Công ty Cổ phần", "Công ty TNHH MTV", "Tổng công ty"]
COMPANY_WORDS = ["Minh Phát", "Hòa Thịnh", "Tân Việt", "Đại Dương", "Sao Mai", "Phú Gia", "Thành Công", "Hưng Long",
                 "An Khang", "Bảo Tín", "Việt Tiến", "Đông Á", "Trường Sơn", "Kim Long", "Hải Âu", "Thiên Phúc",
                 "Nam Việt", "Hồng Hà", "Lam Sơn", "Phương Đông", "Bình An", "Quang Minh", "Hoàng Gia", "Tiến Đạt"]
COMPANY_TRADES = ["May mặc", "Da giày", "Điện tử", "Cơ khí", "Chế biến thủy sản", "Gỗ", "Xây lắp", "Thực phẩm",
                  "Vận tải", "Dược phẩm", "Bao bì", "Nhựa", "Thép", "Phần mềm"]
INSTITUTIONS = ["Bệnh viện Đa khoa tỉnh {p}", "Trường Đại học Sư phạm {p}", "Sở Giáo dục và Đào tạo tỉnh {p}",
                "Kho bạc Nhà nước tỉnh {p}", "Bảo hiểm xã hội tỉnh {p}", "Điện lực {p}", "Đài Phát thanh và Truyền hình {p}"]

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
          "Dương", "Lý", "Đinh", "Trịnh", "Lương", "Mai", "Tạ", "Cao", "Kiều", "Lưu"]
MIDDLE_M = ["Văn", "Đình", "Minh", "Quang", "Đức", "Hữu", "Xuân", "Công", "Thanh", "Mạnh"]
MIDDLE_F = ["Thị", "Thu", "Ngọc", "Thanh", "Kim", "Hồng", "Minh", "Phương"]
GIVEN_M = ["Hùng", "Dũng", "Tuấn", "Long", "Hải", "Sơn", "Thắng", "Quân", "Bình", "Khôi", "Phong", "Trung", "Hiếu",
           "Tâm", "Nam", "Cường", "Toàn", "Lợi", "Vinh", "Hòa"]
GIVEN_F = ["Lan", "Hương", "Mai", "Hạnh", "Thảo", "Trang", "Ngân", "Yến", "Loan", "Nhung", "Hà", "Vân", "Huyền",
           "Thủy", "Oanh", "Dung", "Liên", "Phượng"]

# Party and State documents: (name as written, issuer, date, subject).
DIRECTIVES = [
    ("Nghị quyết số 02-NQ/TW", "Bộ Chính trị", "12/6/2021",
     "đổi mới tổ chức và hoạt động của Công đoàn Việt Nam trong tình hình mới"),
    ("Chỉ thị 05-CT/TW", "Bộ Chính trị", "15/5/2016",
     "đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"),
    ("Nghị quyết số 35-NQ/TW", "Bộ Chính trị", "22/10/2018",
     "tăng cường bảo vệ nền tảng tư tưởng của Đảng"),
    ("Chỉ thị số 37-CT/TW", "Ban Bí thư", "3/9/2019",
     "tăng cường lãnh đạo xây dựng quan hệ lao động hài hòa, ổn định và tiến bộ"),
    ("Nghị định số 145/2020/NĐ-CP", "Chính phủ", "14/12/2020",
     "quy định chi tiết một số điều của Bộ luật Lao động về điều kiện lao động và quan hệ lao động"),
]
ACT_VERBS = [("quán triệt", "disseminate"), ("triển khai thực hiện", "carry-out"), ("tiếp tục thực hiện", "carry-out"),
             ("sơ kết việc thực hiện", "review"), ("tổng kết việc thực hiện", "review"),
             ("xây dựng kế hoạch thực hiện", "plan")]
EVENT_KINDS = ["Hội nghị quán triệt", "Hội nghị triển khai", "Hội nghị sơ kết", "Hội nghị tổng kết"]
PARTS_OF_DAY = ["Sáng", "Chiều", "Tối"]
SUBJECTS = ["công tác công đoàn và phong trào công nhân", "công tác chăm lo đời sống đoàn viên",
            "phong trào thi đua lao động giỏi", "công tác phát triển đoàn viên", "nhiệm vụ trọng tâm của năm"]
PLACES = ["tại hội trường trụ sở cơ quan", "tại Trung tâm Hội nghị tỉnh", "theo hình thức trực tiếp kết hợp trực tuyến",
          "tại Nhà văn hóa Lao động", "tại hội trường của đơn vị"]

# Ordinary reporting, with {org} (the organiser) and {unit} (a lower unit) to fill.
FILLER = [
    "Theo báo cáo, trong năm qua {org} đã tổ chức nhiều hoạt động thiết thực, chăm lo đời sống vật chất và tinh thần "
    "cho đoàn viên, người lao động; số đoàn viên mới kết nạp vượt chỉ tiêu được giao.",
    "Các cấp công đoàn đã chủ động nắm bắt tâm tư, nguyện vọng của người lao động, kịp thời kiến nghị với người sử dụng "
    "lao động giải quyết những vướng mắc về tiền lương, thời giờ làm việc và điều kiện an toàn.",
    "Nhiều mô hình hay như \"Bữa cơm ca công đoàn\", \"Mái ấm công đoàn\" và \"Chợ Tết công đoàn\" tiếp tục được nhân "
    "rộng, mang lại lợi ích cụ thể cho hàng nghìn đoàn viên có hoàn cảnh khó khăn.",
    "Công tác tuyên truyền, phổ biến pháp luật cho người lao động được đổi mới theo hướng gần gũi hơn, ứng dụng mạng "
    "xã hội và các nhóm trao đổi trực tuyến để thông tin đến được với từng tổ công đoàn.",
    "Hoạt động đối thoại định kỳ tại nơi làm việc được duy trì; nhiều doanh nghiệp đã ký kết thỏa ước lao động tập thể "
    "có lợi hơn cho người lao động so với quy định của pháp luật.",
    "Bên cạnh kết quả đạt được, báo cáo cũng chỉ ra một số hạn chế: việc phát triển đoàn viên ở khu vực ngoài nhà nước "
    "còn chậm, một số cán bộ công đoàn cơ sở kiêm nhiệm nên thời gian dành cho hoạt động còn ít.",
    "Phong trào thi đua \"Lao động giỏi, lao động sáng tạo\" thu hút đông đảo đoàn viên tham gia, với hàng trăm sáng "
    "kiến cải tiến kỹ thuật được công nhận và áp dụng vào sản xuất.",
    "{unit} đã phối hợp với chuyên môn tổ chức khám sức khỏe định kỳ, thăm hỏi đoàn viên ốm đau và trao quà cho con "
    "đoàn viên đạt thành tích cao trong học tập.",
    "Thực hiện chủ trương của cấp trên, {org} đã rà soát, sắp xếp lại các công đoàn cơ sở, kiện toàn bộ máy theo hướng "
    "tinh gọn, hoạt động hiệu lực, hiệu quả.",
    "Trong quý vừa qua, {unit} tổ chức giải bóng đá nam, hội thao và hội diễn văn nghệ quần chúng, tạo không khí "
    "phấn khởi trong đoàn viên, người lao động.",
    "Các đại biểu thảo luận sôi nổi về giải pháp nâng cao chất lượng hoạt động của công đoàn cơ sở, đặc biệt là ở các "
    "doanh nghiệp có đông công nhân lao động nữ.",
    "Công tác kiểm tra, giám sát và quản lý tài chính, tài sản công đoàn được thực hiện đúng quy định; thu kinh phí và "
    "đoàn phí công đoàn đạt kế hoạch đề ra.",
    "Nhân dịp này, nhiều tập thể và cá nhân có thành tích xuất sắc được tặng Bằng khen, Giấy khen vì đã có đóng góp "
    "tích cực cho phong trào công nhân, viên chức, lao động.",
    "Trong thời gian tới, {org} đề ra mục tiêu tăng số thỏa ước lao động tập thể được ký mới, đồng thời nâng cao chất "
    "lượng bữa ăn ca tại các doanh nghiệp trên địa bàn.",
    "Ý kiến của các đại biểu đều nhấn mạnh vai trò của người đứng đầu công đoàn trong việc đổi mới nội dung, phương "
    "thức hoạt động, hướng mạnh về cơ sở.",
    "Công đoàn đã vận động đoàn viên tham gia ủng hộ đồng bào vùng bị thiên tai, quyên góp được số tiền đáng kể để "
    "hỗ trợ các gia đình bị thiệt hại.",
]
CHROME = ["Chia sẻ bài viết", "In bài Gửi bài viết", "Tin liên quan", "Chuyên mục: Hoạt động công đoàn"]


@dataclass
class Unit:
    """A union and its parent, as the articles name them."""

    name: str
    parent: str | None
    level: str  # confed | province | sector | upper | grassroots


def person(rng: random.Random) -> str:
    """A plausible Vietnamese full name."""
    if rng.random() < 0.5:
        return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE_M)} {rng.choice(GIVEN_M)}"
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE_F)} {rng.choice(GIVEN_F)}"


def hierarchy(rng: random.Random) -> list[Unit]:
    """The fixed set of unions every article draws from (same seed, same hierarchy)."""
    units = [Unit(TLD, None, "confed")]
    provincial = [f"Liên đoàn Lao động tỉnh {p}" for p in PROVINCES] + [f"Liên đoàn Lao động thành phố {c}" for c in CITIES]
    units += [Unit(name, TLD, "province") for name in provincial]
    units += [Unit(name, TLD, "sector") for name in SECTORS]
    for federation in provincial:
        place = federation.split(" tỉnh ")[-1].split(" thành phố ")[-1]
        uppers = [f"Liên đoàn Lao động huyện {d}" for d in rng.sample(DISTRICTS, 2)]
        uppers.append(f"Công đoàn {rng.choice(ZONES)} {place}")
        units += [Unit(name, federation, "upper") for name in uppers]
        for upper in uppers:
            for _ in range(4):
                company = f"{rng.choice(COMPANY_FORMS)} {rng.choice(COMPANY_TRADES)} {rng.choice(COMPANY_WORDS)} {place}"
                units.append(Unit(f"Công đoàn {company}", upper, "grassroots"))
        institution = rng.choice(INSTITUTIONS).format(p=place)
        units.append(Unit(f"Công đoàn {institution}", federation, "grassroots"))
    for sector in SECTORS:
        for _ in range(3):
            company = f"{rng.choice(COMPANY_FORMS)} {rng.choice(COMPANY_WORDS)} {rng.choice(CITIES)}"
            units.append(Unit(f"Công đoàn {company}", sector, "grassroots"))
    return units


# The document a union of each level issues to carry a directive out: (type as written, kind code
# after the number, issuer code). The issuer code is the generic one every union of that level
# writes, so the union's name is part of the plan's identity.
PLAN_FORMS = {"confed": ("Chương trình hành động số", "CTr", "TLĐ"),
              "province": ("Kế hoạch số", "KH", "LĐLĐ"),
              "sector": ("Kế hoạch số", "KH", "CĐN"),
              "upper": ("Kế hoạch số", "KH", "CĐ")}
# How often a unit's article reports acting on its parent's plan, and a speaker on the organiser's.
PLAN_SHARE = 0.6

POSTS = {"confed": ["Chủ tịch", "Phó Chủ tịch", "Ủy viên Đoàn Chủ tịch"],
         "province": ["Chủ tịch", "Phó Chủ tịch", "Phó Chủ tịch thường trực", "Trưởng Ban Tuyên giáo"],
         "sector": ["Chủ tịch", "Phó Chủ tịch", "Trưởng Ban Tổ chức"],
         "upper": ["Chủ tịch", "Phó Chủ tịch"],
         "grassroots": ["Chủ tịch", "Phó Chủ tịch", "Ủy viên Ban Chấp hành"]}


class Generator:
    """Articles from one seeded random source; `article(i)` depends only on the seed and i."""

    def __init__(self, seed: int = 7) -> None:
        self.seed = seed
        self.units = hierarchy(random.Random(seed))
        self.by_name = {u.name: u for u in self.units}
        self.children: dict[str, list[Unit]] = {}
        for unit in self.units:
            if unit.parent:
                self.children.setdefault(unit.parent, []).append(unit)
        # A stable roster: the person who holds a post in a unit is the same in every article.
        self._roster: dict[tuple[str, str], str] = {}

    def holder(self, unit: str, post: str) -> str:
        key = (unit, post)
        if key not in self._roster:
            self._roster[key] = person(random.Random(f"{self.seed}|{unit}|{post}"))
        return self._roster[key]

    def plan(self, unit: Unit, directive: str) -> tuple[str, str]:
        """The plan `unit` issued for `directive` ("Kế hoạch số 45/KH-LĐLĐ") and its date (d/m/yyyy), in every article."""
        rng = random.Random(f"{self.seed}|plan|{unit.name}|{directive}")
        written, kind, issuer = PLAN_FORMS[unit.level]
        year = 2022 if "02-NQ/TW" in directive else rng.choice([2021, 2022, 2023])
        return f"{written} {rng.randint(1, 199)}/{kind}-{issuer}", f"{rng.randint(1, 28)}/{rng.randint(1, 12)}/{year}"

    def official(self, rng: random.Random, unit: Unit) -> tuple[str, str]:
        post = rng.choice(POSTS[unit.level])
        return self.holder(unit.name, post), post

    def article(self, index: int) -> dict:
        """The record of article number `index`: source, title, published (ISO) and text."""
        rng = random.Random(f"{self.seed}:{index}")
        weights = {"confed": 1, "province": 6, "sector": 3, "upper": 4, "grassroots": 6}
        level = rng.choices(list(weights), weights=list(weights.values()))[0]
        organiser = rng.choice([u for u in self.units if u.level == level])
        year = rng.choice([2021, 2022, 2023, 2024, 2025])
        month, day = rng.randint(1, 12), rng.randint(1, 28)
        published = f"{year}-{month:02d}-{min(day + 1, 28):02d}"
        directive, issuer, issued, subject = rng.choice(DIRECTIVES)
        if year == 2021 and "02-NQ/TW" in directive:
            year, published = 2022, f"2022-{month:02d}-{min(day + 1, 28):02d}"
        kind = rng.choice(EVENT_KINDS)
        chair, chair_post = self.official(rng, organiser)
        programme_no = rng.randint(1, 40)
        parent = self.by_name.get(organiser.parent) if organiser.parent else None
        paras: list[str] = []

        title = f"{organiser.name} {kind.split(' ', 2)[-1]} {directive.replace('số ', '')}"
        place = rng.choice(PLACES)
        paras.append(f"{rng.choice(PARTS_OF_DAY)} {day}/{month}, {place}, {organiser.name} tổ chức {kind} "
                     f"{directive} ngày {issued} của {issuer} về {subject}.")
        paras.append(f"Đồng chí {chair}, {chair_post} {organiser.name} chủ trì hội nghị. "
                     f"Tham dự hội nghị có đại diện lãnh đạo các ban, đơn vị và cán bộ công đoàn chủ chốt.")
        if parent is not None:
            guest, guest_post = self.official(rng, parent)
            paras.append(f"Dự hội nghị có đồng chí {guest}, {guest_post} {parent.name}. "
                         f"{organiser.name} trực thuộc {parent.name}.")
        kids = self.children.get(organiser.name, [])
        sampled = rng.sample(kids, min(len(kids), 3)) if kids else []
        own_plan = self.plan(organiser, directive)[0] if kids else f"Chương trình hành động số {programme_no}"
        for kid in sampled:
            verb, _ = rng.choice(ACT_VERBS)
            who, post = self.official(rng, kid)
            acted_on = f"{own_plan} của {organiser.name}" if rng.random() < PLAN_SHARE else directive
            paras.append(f"Phát biểu tại hội nghị, đồng chí {who}, {post} {kid.name} cho biết đơn vị đã {verb} "
                         f"{acted_on} tới toàn thể đoàn viên. {kid.name} trực thuộc {organiser.name}.")
        verb, _ = rng.choice(ACT_VERBS)
        paras.append(f"{organiser.name} đã ban hành {own_plan} để {verb} {directive}, "
                     f"xác định rõ lộ trình, nhiệm vụ và trách nhiệm của từng cấp công đoàn.")
        if parent is not None and rng.random() < PLAN_SHARE:
            parent_plan, plan_date = self.plan(parent, directive)
            verb, _ = rng.choice(ACT_VERBS)
            paras.append(f"Trước đó, {organiser.name} đã {verb} {parent_plan} ngày {plan_date} của {parent.name} "
                         f"về thực hiện {directive}.")
        other, other_issuer, other_issued, _ = rng.choice(DIRECTIVES)
        if other != directive:
            paras.append(f"Cùng với đó, các cấp công đoàn tiếp tục {rng.choice(ACT_VERBS)[0]} {other} ngày "
                         f"{other_issued} của {other_issuer}.")
        units_for_filler = [k.name for k in sampled] or [organiser.name]
        filler_pool = FILLER[:]
        rng.shuffle(filler_pool)
        body_len = sum(len(p.encode()) for p in paras)
        target = rng.randint(6200, 8600)
        i = 0
        while body_len < target:
            text = filler_pool[i % len(filler_pool)].format(org=organiser.name, unit=rng.choice(units_for_filler))
            if i % 3 == 2:  # an extra official now and then, with the title after the name
                who, post = self.official(rng, organiser)
                text += f" Đồng chí {who}, {post} {organiser.name} đề nghị các đơn vị {rng.choice(SUBJECTS)} " \
                        f"bám sát tinh thần {directive}."
            paras.append(text)
            body_len += len(text.encode())
            i += 1
        closing, _ = self.official(rng, organiser)
        paras.append(f"Kết luận hội nghị, đồng chí {chair} đề nghị các cấp công đoàn tiếp tục {rng.choice(SUBJECTS)}, "
                     f"gắn với việc thực hiện {directive}.")
        paras.append(rng.choice(CHROME))
        text = "\n\n".join(paras)
        return {"source": f"synth-{self.seed}-{index:07d}.txt", "title": title, "published": published, "text": text}

    def articles(self, count: int, start: int = 0) -> Iterator[dict]:
        for index in range(start, start + count):
            yield self.article(index)


def as_txt(record: dict) -> str:
    """The article as a .txt file the way a saved news page reads: title, date line, body."""
    y, m, d = record["published"].split("-")
    return f"{record['title']}\n\n{d}/{m}/{y} 08:30 AM\n\n{record['text']}\n"


def write_corpus(out: Path, count: int, seed: int = 7) -> int:
    """Write `count` articles to `out` (a folder of .txt files, or a .jsonl file); returns bytes written."""
    generator = Generator(seed)
    written = 0
    if out.suffix == ".jsonl":
        out.parent.mkdir(parents=True, exist_ok=True)
        with out.open("w", encoding="utf-8") as handle:
            for record in generator.articles(count):
                line = json.dumps(record, ensure_ascii=False) + "\n"
                handle.write(line)
                written += len(line.encode())
        return written
    out.mkdir(parents=True, exist_ok=True)
    for record in generator.articles(count):
        data = as_txt(record).encode("utf-8")
        (out / record["source"]).write_bytes(data)
        written += len(data)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", "-n", type=int, default=100)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--output", "-o", type=Path, required=True, help="a folder (.txt files) or a .jsonl file")
    args = parser.parse_args()
    size = write_corpus(args.output, args.count, args.seed)
    print(json.dumps({"articles": args.count, "bytes": size, "avg_kB": round(size / max(args.count, 1) / 1000, 2)}))


if __name__ == "__main__":
    main()
