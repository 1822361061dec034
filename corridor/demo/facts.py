"""What the seed documents (../shared/seeds/) state, as plain data. No Django.

Every fact names the seed file it comes from (`source_seed`). Where the seeds leave a value out
it stays empty rather than guessed; the few values taken from elsewhere say so where they are set.
Organisations and their memberships are in `facts_orgs`.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

# The five seeds, by what they are about.
SEED_ROBOT_ALLIANCE = "000_6dd48e0b47bd364a.txt"  # G60 robot alliance founded in Wuhu; Wuhu Declaration
SEED_G60_2020 = "001_634751f1f0fbc018.txt"  # 1,280 head enterprises, 13 alliances, 11 parks; Jinhua centre
SEED_G60_2023 = "002_079b96334ad76713.txt"  # versions 1.0–3.0, Songjiang parks and companies, area, people
SEED_YRD_CHAINS = "003_d28c588bf69c92cc.txt"  # the four Yangtze River Delta industry-chain alliances
SEED_ZGC_DONGLI = "004_4f50476fdb5ef0df.txt"  # Zhongguancun special-robot alliance and Dongli, Tianjin

SEEDS = (SEED_ROBOT_ALLIANCE, SEED_G60_2020, SEED_G60_2023, SEED_YRD_CHAINS, SEED_ZGC_DONGLI)

# How people cite each seed: its headline (as published, and in the other language) and its date as the
# document gives it (None where it gives none). Pages show these, never the file names.
SOURCES: dict[str, tuple[str, str, datetime.date | None]] = {
    SEED_ROBOT_ALLIANCE: ("长三角最热的九座城市（G60科创走廊机器人产业联盟在芜湖成立）",
                          "The hottest nine cities in the Yangtze River Delta", datetime.date(2018, 12, 24)),
    SEED_G60_2020: ("长三角G60科创走廊发展势头强劲",
                    "G60 S&T Innovation Valley of Yangtze River Delta has Made Strong Development",
                    datetime.date(2020, 11, 12)),
    SEED_G60_2023: ("长三角G60科创走廊：从1.0版到3.0版", "The Yangtze River Delta G60 corridor from version 1.0 to 3.0",
                    datetime.date(2023, 7, 11)),
    SEED_YRD_CHAINS: ("长三角四大产业链联盟成立", "The four major industrial chains of the Yangtze River Delta", None),
    SEED_ZGC_DONGLI: ("联盟赴天津东丽考察,区领导高度重视!进一步洽谈产业落地事宜",
                      "The alliance visits Dongli, Tianjin to discuss locating industry there",
                      datetime.date(2020, 12, 23)),
}

# Region codes (GB/T 2260) the facts refer to.
SONGJIANG = "310117"
JIAXING = "330400"
HANGZHOU = "330100"
JINHUA = "330700"
SUZHOU = "320500"  # 苏州市, Jiangsu: seed 000 says "Suzhou in Jiangsu" (not 宿州 in Anhui)
HUZHOU = "330500"
XUANCHENG = "341800"
WUHU = "340200"
HEFEI = "340100"
SHANGHAI = "310000"
BEIJING = "110000"
TIANJIN = "120000"
DONGLI = "120110"
NANJING = "320100"

# In the order seed 002 lists them (Songjiang first, then the eight it collaborates with).
G60_CITIES = (SONGJIANG, JIAXING, HANGZHOU, JINHUA, SUZHOU, HUZHOU, XUANCHENG, WUHU, HEFEI)


@dataclass(frozen=True)
class IndustryFact:
    slug: str
    name_zh: str
    name_en: str
    source_seed: str


@dataclass(frozen=True)
class CorridorVersionFact:
    version: str
    label_zh: str
    label_en: str
    started_on: datetime.date
    region_codes: tuple[str, ...]
    source_seed: str
    length_km: int | None = None
    area_km2: int | None = None
    population_millions: str | None = None  # a decimal string, exact


@dataclass(frozen=True)
class CorridorFact:
    slug: str
    name_zh: str
    name_en: str
    description_zh: str
    description_en: str
    head_enterprises: int | None
    alliance_count: int | None
    demonstration_park_count: int | None
    source_seed: str
    versions: tuple[CorridorVersionFact, ...] = ()


@dataclass(frozen=True)
class ParkFact:
    slug: str
    name_zh: str
    name_en: str
    kind: str  # a value of regions.models.Park.Kind
    region_code: str
    source_seed: str
    run_for_code: str | None = None
    corridor_slug: str | None = None
    area_km2: str | None = None
    description_zh: str = ""
    description_en: str = ""


@dataclass(frozen=True)
class CommitmentFact:
    position: int
    title_zh: str
    title_en: str


@dataclass(frozen=True)
class DeclarationFact:
    alliance_slug: str
    title_zh: str
    title_en: str
    issued_on: datetime.date | None
    issued_in_code: str | None
    summary_zh: str
    summary_en: str
    source_seed: str
    commitments: tuple[CommitmentFact, ...] = ()


@dataclass(frozen=True)
class OfficeFact:
    alliance_slug: str
    region_code: str
    purpose_zh: str
    purpose_en: str
    source_seed: str
    opened_on: datetime.date | None = None


@dataclass(frozen=True)
class AllianceFact:
    slug: str
    name_zh: str
    name_en: str
    source_seed: str
    industry_slug: str | None = None
    corridor_slug: str | None = None
    founded_on: datetime.date | None = None
    founded_in_code: str | None = None
    first_batch_count: int | None = None
    description_zh: str = ""
    description_en: str = ""


INDUSTRIES: tuple[IndustryFact, ...] = (
    # Seed 000: the robot alliance, the new-materials alliance, and the biomedicine and new-energy
    # vehicle alliances to come.
    IndustryFact("robots", "机器人", "Robots", SEED_ROBOT_ALLIANCE),
    IndustryFact("new-materials", "新材料", "New materials", SEED_ROBOT_ALLIANCE),
    IndustryFact("biomedicine", "生物医药", "Biomedicine", SEED_ROBOT_ALLIANCE),
    IndustryFact("new-energy-vehicles", "新能源汽车", "New-energy vehicles", SEED_ROBOT_ALLIANCE),
    # Seed 002: Songjiang's "6+X" strategic emerging industries and robotic system integration.
    IndustryFact("integrated-circuits", "集成电路", "Integrated circuits", SEED_G60_2023),
    IndustryFact("artificial-intelligence", "人工智能", "Artificial intelligence", SEED_G60_2023),
    IndustryFact("new-energy", "新能源", "New energy", SEED_G60_2023),
    IndustryFact("intelligent-security", "智能安防", "Intelligent security", SEED_G60_2023),
    IndustryFact("satellite-internet", "卫星互联网", "Satellite internet", SEED_G60_2023),
    IndustryFact("information-technology", "信息技术", "Information technology", SEED_G60_2023),
    IndustryFact("intelligent-manufacturing", "智能制造", "Intelligent manufacturing", SEED_G60_2023),
    # Seed 004: Dongli's positioning, Huaming's leading and emerging sectors, Dongli Lake's services.
    IndustryFact("aerospace", "航空航天", "Aerospace", SEED_ZGC_DONGLI),
    IndustryFact("rail-transit", "轨道交通", "Rail transit", SEED_ZGC_DONGLI),
    IndustryFact("power-equipment", "电力电气设备", "Power and electrical equipment", SEED_ZGC_DONGLI),
    IndustryFact("energy-saving", "节能环保", "Energy saving and environmental protection", SEED_ZGC_DONGLI),
    IndustryFact("electronic-information", "电子信息", "Electronic information", SEED_ZGC_DONGLI),
    IndustryFact("life-health", "生命健康", "Life and health", SEED_ZGC_DONGLI),
    IndustryFact("technology-services", "科技服务", "Technology services", SEED_ZGC_DONGLI),
    IndustryFact("e-commerce", "电子商务", "E-commerce", SEED_ZGC_DONGLI),
    IndustryFact("service-outsourcing", "服务外包", "Service outsourcing", SEED_ZGC_DONGLI),
)

G60 = CorridorFact(
    slug="g60",
    name_zh="长三角G60科创走廊",
    name_en="Yangtze River Delta G60 Science and Technology Innovation Corridor",
    description_zh=(
        "长三角G60科创走廊以“科创+产业”为战略定位，从1.0版“源起松江”、2.0版“联通嘉杭”发展到3.0版“九城共建”："
        "2017年松江、嘉兴、杭州签署战略合作协议，走廊由40公里延伸至180公里；2018年九城市召开第一次G60科创走廊联席会议，"
        "签署《松江宣言》和战略合作协议，形成“一廊一核九城”格局。"
        "走廊覆盖上海松江、嘉兴、杭州、金华、苏州、湖州、宣城、芜湖、合肥九城市，面积7.62万平方公里，人口约5792万。"
        "九城市共有头部企业1280家，已成立13个产业联盟和11个产业合作示范园区。"
        "走廊推动“上海研发孵化、当地制造生产”的一体化发展新模式，已纳入国家“十四五”规划和《长江三角洲区域一体化发展规划纲要》。"
    ),
    description_en=(
        "The Yangtze River Delta G60 Science and Technology Innovation Corridor is positioned on "
        "\"science and technology innovation + industry\". It grew from version 1.0 \"from Songjiang\" and "
        "version 2.0 \"connecting Jiaxing and Hangzhou\" to version 3.0 \"joint construction of nine cities\". In "
        "2017 Songjiang, Jiaxing and Hangzhou signed a strategic cooperation agreement that extended it from 40 to "
        "180 km; in 2018 the nine cities held the first G60 joint conference and signed the Songjiang Declaration "
        "and a strategic cooperation agreement (\"one corridor, one core, nine cities\"). It spans "
        "Songjiang (Shanghai), Jiaxing, Hangzhou, Jinhua, Suzhou, Huzhou, Xuancheng, Wuhu and Hefei, covering "
        "76,200 km² with about 57.92 million people. The nine cities have 1,280 head enterprises, 13 industrial "
        "alliances and 11 industrial cooperation demonstration parks. The corridor promotes a model of R&D "
        "incubation in Shanghai and manufacturing in the member cities, and is part of the national 14th "
        "Five-Year Plan and the Yangtze River Delta regional integration outline."
    ),
    head_enterprises=1280,
    alliance_count=13,
    demonstration_park_count=11,
    source_seed=SEED_G60_2020,
    versions=(
        # Seed 002 gives the years only. 24 May 2016 is the G60 Shanghai Songjiang corridor launch
        # conference (te-ch.tech/news/show-7748.html; songjiang.51job.com: "2016年5月24日 … 1.0版正式诞生").
        CorridorVersionFact(
            "1.0", "源起松江", "From Songjiang", datetime.date(2016, 5, 24), (SONGJIANG,), SEED_G60_2023,
            length_km=40,
        ),
        # No source found for the day the Songjiang–Jiaxing–Hangzhou agreement was signed (a report of
        # 16 July 2017 calls it recent), so this is 1 January of the year seed 002 states.
        CorridorVersionFact(
            "2.0", "联通嘉杭", "Connecting Jiaxing and Hangzhou", datetime.date(2017, 1, 1),
            (SONGJIANG, JIAXING, HANGZHOU), SEED_G60_2023, length_km=180,
        ),
        # 1 June 2018: the first G60 joint conference adopted plan 3.0 and issued the Songjiang
        # Declaration (p2.ttnews.xyz report "6月1日,G60科创走廊第一次联席会议在上海市召开"; zjol 2018-06-02).
        # Area and population are seed 002's figures (2023).
        CorridorVersionFact(
            "3.0", "九城共建", "Joint construction of nine cities", datetime.date(2018, 6, 1), G60_CITIES,
            SEED_G60_2023, area_km2=76200, population_millions="57.92",
        ),
    ),
)

CORRIDORS: tuple[CorridorFact, ...] = (G60,)

_SJ_ZONES = "沿G60高速松江段40公里布局的"
PARKS: tuple[ParkFact, ...] = (
    # Seed 002: the three integrated science cities along the 40 km Songjiang section.
    ParkFact(
        "linhang-songjiang-science-city", "临港松江科技城", "Lingang Songjiang Science and Technology City",
        "science_city", SONGJIANG, SEED_G60_2023, corridor_slug="g60",
        description_zh=_SJ_ZONES + "三大综合性科创城之一。",
        description_en="One of the three integrated science cities along the 40 km Songjiang section of the G60.",
    ),
    ParkFact(
        "songjiang-new-city-hq-rd-zone", "松江新城总部研发功能区",
        "Songjiang New City Headquarters R&D Function Zone", "science_city", SONGJIANG, SEED_G60_2023,
        corridor_slug="g60", description_zh=_SJ_ZONES + "三大综合性科创城之一。",
        description_en="One of the three integrated science cities along the 40 km Songjiang section of the G60.",
    ),
    ParkFact(
        "songjiang-etdz-west", "松江经济技术开发区西区",
        "Songjiang Economic and Technological Development Zone (Western Area)", "science_city", SONGJIANG,
        SEED_G60_2023, corridor_slug="g60", description_zh=_SJ_ZONES + "三大综合性科创城之一。",
        description_en="One of the three integrated science cities along the 40 km Songjiang section of the G60.",
    ),
    # Seed 002: the six professional innovation areas. Its "Tokyo Artificial Intelligence Industrial
    # Base" is a machine translation of 洞泾 (Dongjing, read as 東京).
    ParkFact(
        "dongjing-ai-base", "洞泾人工智能产业基地", "Dongjing Artificial Intelligence Industrial Base",
        "innovation_area", SONGJIANG, SEED_G60_2023, corridor_slug="g60",
        description_zh=_SJ_ZONES + "六大专业性科创区之一。",
        description_en="One of the six professional innovation areas along the Songjiang section of the G60.",
    ),
    ParkFact(
        "songjiang-film-park", "松江科技影都", "Songjiang Science and Technology Film Park", "innovation_area",
        SONGJIANG, SEED_G60_2023, corridor_slug="g60", description_zh=_SJ_ZONES + "六大专业性科创区之一。",
        description_en="One of the six professional innovation areas along the Songjiang section of the G60.",
    ),
    ParkFact(
        "songjiang-etdz-east", "松江经济技术开发区东区",
        "Songjiang Economic and Technological Development Zone (Eastern Area)", "innovation_area", SONGJIANG,
        SEED_G60_2023, corridor_slug="g60", description_zh=_SJ_ZONES + "六大专业性科创区之一。",
        description_en="One of the six professional innovation areas along the Songjiang section of the G60.",
    ),
    ParkFact(
        "songjiang-export-processing-zone", "松江出口加工区", "Songjiang Export Processing Zone",
        "innovation_area", SONGJIANG, SEED_G60_2023, corridor_slug="g60",
        description_zh=_SJ_ZONES + "六大专业性科创区之一。",
        description_en="One of the six professional innovation areas along the Songjiang section of the G60.",
    ),
    ParkFact(
        "songjiang-university-town-cluster", "松江大学城双创集聚区",
        "Songjiang University Town Innovation and Entrepreneurship Cluster Zone", "innovation_area", SONGJIANG,
        SEED_G60_2023, corridor_slug="g60", description_zh=_SJ_ZONES + "六大专业性科创区之一。",
        description_en="One of the six professional innovation areas along the Songjiang section of the G60.",
    ),
    ParkFact(
        "songjiang-smart-logistics-zone", "松江智慧物流功能区", "Songjiang Intelligent Logistics Functional Zone",
        "innovation_area", SONGJIANG, SEED_G60_2023, corridor_slug="g60",
        description_zh=_SJ_ZONES + "六大专业性科创区之一。",
        description_en="One of the six professional innovation areas along the Songjiang section of the G60.",
    ),
    # Seed 002 calls it "Haier Ziya Industrial Park" once and "Haier Zhigu" (海尔智谷) once.
    ParkFact(
        "haier-zhigu", "海尔智谷", "Haier Zhigu Industrial Park", "industrial_park", SONGJIANG, SEED_G60_2023,
        corridor_slug="g60",
        description_zh="落户松江的重大产业项目之一，被视为松江发展成就的一面旗帜。",
        description_en="One of the major industrial projects settled in Songjiang, described as a flag of "
        "Songjiang's development.",
    ),
    ParkFact(
        "g60-brain-intelligence-base", "G60脑智科创基地", "G60 Brain Intelligence Science and Technology "
        "Innovation Base", "innovation_base", SONGJIANG, SEED_G60_2023, corridor_slug="g60",
        description_zh="聚焦脑科学与类脑研究前沿领域，推动类脑智能技术研发与产业化，以及脑机接口技术的突破创新与应用。",
        description_en="Focuses on brain science and artificial brain research, the development and "
        "industrialisation of brain-inspired intelligence, and breakthroughs in brain–machine interfaces.",
    ),
    # Enclave centres: in Songjiang, run for another city.
    ParkFact(
        "g60-wuhu-shanghai-innovation-center", "长三角G60科创走廊芜湖（上海）产业创新中心",
        "Yangtze River Delta G60 S&T Innovation Corridor Wuhu (Shanghai) Industrial Innovation Center",
        "enclave_centre", SONGJIANG, SEED_G60_2023, run_for_code=WUHU, corridor_slug="g60",
        description_zh=(
            "在松江开工建设，是安徽城市首个在上海自建的“科创飞地”。两城协同创新模式：上海孵化、芜湖产业化；"
            "上海研发、芜湖生产；上海前端、芜湖后端。"
        ),
        description_en=(
            "Under construction in Songjiang; the first \"technology innovation base\" a city in Anhui has "
            "commissioned to build for itself in Shanghai. Two-city model: incubation, R&D and front end in "
            "Shanghai; industrialisation, production and back end in Wuhu."
        ),
    ),
    # Seed 001 names the centre and says "(Shanghai)"; it sits in Songjiang, home of the corridor's
    # joint office and the quoted Songjiang office.
    ParkFact(
        "g60-jinhua-shanghai-innovation-center", "长三角G60金华（上海）科创中心",
        "Yangtze River Delta G60 Jinhua (Shanghai) Science and Technology Innovation Center", "enclave_centre",
        SONGJIANG, SEED_G60_2020, run_for_code=JINHUA, corridor_slug="g60",
        description_zh="集产业孵化、科技创新、招商引资、人才招引于一体，是打破行政壁垒、促进创新要素自由流动的生动实践。",
        description_en="Combines industry incubation, science and technology innovation, investment promotion "
        "and talent recruitment: a practice of breaking administrative barriers so that innovation factors "
        "flow freely.",
    ),
    # Seed 004: Dongli district, Tianjin.
    ParkFact(
        "dongli-lake", "东丽湖", "Dongli Lake", "function_zone", DONGLI, SEED_ZGC_DONGLI, area_km2="68.72",
        description_zh=(
            "位于东丽区东北部，区域面积68.72平方公里，其中水域8平方公里、生态绿地8平方公里；国家生态旅游示范区、"
            "首批中国“温泉之乡”，天津国家自主创新示范区“一区二十一园”的组成部分。拟建成科研机构聚集区、"
            "东丽湖中心商务区和总部经济区、文化科技旅游区，重点承接生命健康、节能环保、电子商务、服务外包等高端服务业。"
        ),
        description_en=(
            "In the north-east of Dongli: 68.72 km², of which 8 km² water and 8 km² green land; a national "
            "eco-tourism demonstration zone and part of Tianjin's national independent innovation demonstration "
            "zone. Plans: a cluster of research institutes, a central business and headquarters district, and a "
            "culture, science and tourism area, hosting life and health, energy saving and environmental "
            "protection, e-commerce and service outsourcing."
        ),
    ),
    ParkFact(
        "tianjin-huaming-high-tech-zone", "天津华明高新区", "Tianjin Huaming High-tech Zone", "high_tech_zone",
        DONGLI, SEED_ZGC_DONGLI,
        description_zh=(
            "位于东丽区中北部，天津市人民政府批准的示范园区和市级高新区，科技部批准的国家火炬计划节能装备特色产业基地，"
            "2014年纳入国家自主创新示范区。重点发展轨道交通车辆、电力电气设备、航空航天配套三大主导产业和电子信息、"
            "新能源新材料、生物医药、科技服务业四个新兴板块；注册企业957家，协议投资额460亿元。"
        ),
        description_en=(
            "In central-north Dongli: a municipal demonstration park and high-tech zone, a national Torch "
            "Programme base for energy-saving equipment, in the national independent innovation demonstration "
            "zone since 2014. Leading industries: rail transit vehicles, power and electrical equipment, "
            "aerospace supply; emerging: electronic information, new energy and new materials, biomedicine, "
            "technology services. 957 registered enterprises, 46 billion yuan of agreed investment."
        ),
    ),
)

WUHU_DECLARATION = DeclarationFact(
    alliance_slug="g60-robot",
    title_zh="G60科创走廊机器人产业合作芜湖宣言",
    title_en="Wuhu Declaration on Robot Industry Cooperation in the G60 Science and Technology Innovation Corridor",
    issued_on=datetime.date(2018, 12, 21),
    issued_in_code=WUHU,
    summary_zh="九城市在机器人产业联盟成立仪式上共同发布，聚焦五个方面深度支持机器人产业发展布局。",
    summary_en="Issued jointly by the nine cities at the founding ceremony of the robot industry alliance; it "
    "focuses on five aspects to support the development of the robot industry.",
    source_seed=SEED_ROBOT_ALLIANCE,
    commitments=(
        CommitmentFact(1, "推动产业融合发展", "Promote the development of industrial integration"),
        CommitmentFact(2, "推动产业协同创新", "Promote industrial collaborative innovation"),
        CommitmentFact(3, "打造产业重点自主品牌", "Build key independent brands of the industry"),
        CommitmentFact(4, "推动产业与相关资源高效对接", "Promote the efficient docking of industry and related resources"),
        CommitmentFact(5, "形成整体发展优势", "Form overall development advantages"),
    ),
)

# Seed 004: signed "after the talks" of the 15 November 2016 visit, at the 百家京企天津行 investment fair
# (somewhere in Tianjin, so the issuing region is the municipality).
DONGLI_AGREEMENT = DeclarationFact(
    alliance_slug="zgc-special-robot",
    title_zh="中关村融智特种机器人产业联盟与天津东丽区初步战略合作协议",
    title_en="Preliminary strategic cooperation agreement between the Zhongguancun Rongzhi Special Robot "
    "Industry Alliance and Dongli District, Tianjin",
    issued_on=datetime.date(2016, 11, 15),
    issued_in_code=TIANJIN,
    summary_zh="在“百家京企天津行”投资洽谈大会上签署；联盟将提供整体方案，与东丽政府继续沟通，推动成员单位产业落地东丽。",
    summary_en="Signed at the \"Hundred Beijing Companies Visit Tianjin\" investment fair; the alliance will "
    "provide an overall plan and keep working with the Dongli government so that member units land industry "
    "in Dongli.",
    source_seed=SEED_ZGC_DONGLI,
    commitments=(
        CommitmentFact(1, "建立联盟在东丽的办事处，协助产业落地", "Set up the alliance's office in Dongli to help industry land"),
        CommitmentFact(2, "定期举办大讲堂论坛，开展项目展示沙龙活动",
                       "Hold lecture forums regularly and run project showcase salons"),
        CommitmentFact(3, "研究院入驻东丽，聚焦产业技术教育等方面",
                       "Bring a research institute to Dongli, focused on industrial technology education"),
        CommitmentFact(4, "产业加速器，对接正和岛、战略联盟伙伴的产业落地",
                       "An industry accelerator to land industry from Zhenghedao and strategic alliance partners"),
    ),
)

DECLARATIONS: tuple[DeclarationFact, ...] = (WUHU_DECLARATION, DONGLI_AGREEMENT)

OFFICES: tuple[OfficeFact, ...] = (
    # Planned, not yet opened: the first point of the Dongli agreement.
    OfficeFact(
        "zgc-special-robot", DONGLI, "建立联盟在东丽的办事处，协助产业落地（计划）",
        "Alliance office in Dongli to help industry land (planned)", SEED_ZGC_DONGLI,
    ),
)

_YRD_AIMS_ZH = (
    "搭建政府企业间的交流沟通平台，加强产业链上下游信息、技术、人才、资金等交流对接，促进产业链创新平台和科研资源共享，"
    "联合开展产业链重大课题研究，打造有全球竞争力和影响力的长三角产业链共同体。"
)
_YRD_AIMS_EN = (
    "A platform between government and enterprises to exchange information, technology, talent and funds along "
    "the chain, share innovation platforms and research resources, jointly study major chain questions and "
    "build a globally competitive Yangtze River Delta industry-chain community."
)

ALLIANCES: tuple[AllianceFact, ...] = (
    # Seed 000: "the second G60 … alliance after Jinhua's new material industry technology innovation
    # alliance"; its founding date is not given.
    AllianceFact(
        "g60-new-materials", "G60科创走廊新材料产业技术创新联盟",
        "G60 S&T Innovation Corridor New Materials Industry Technology Innovation Alliance", SEED_ROBOT_ALLIANCE,
        industry_slug="new-materials", corridor_slug="g60", founded_in_code=JINHUA,
        description_zh="G60科创走廊第一个产业联盟，在金华成立。",
        description_en="The first industrial alliance of the G60 corridor, founded in Jinhua.",
    ),
    # Seed 000 says "December 21" in an article dated December 24 that follows the Yangtze River Delta's
    # rise to a national strategy (November 2018); DESIGN.md gives 2018-12-21.
    AllianceFact(
        "g60-robot", "G60科创走廊机器人产业联盟", "G60 S&T Innovation Corridor Robot Industry Alliance",
        SEED_ROBOT_ALLIANCE, industry_slug="robots", corridor_slug="g60",
        founded_on=datetime.date(2018, 12, 21), founded_in_code=WUHU, first_batch_count=138,
        description_zh=(
            "九城市联动、资源共享、深化融合、集群发展。联盟打造机器人产业融合发展平台，推动机器人产业链上下游资源整合、"
            "机器人产业与人工智能深度融合、产业与智力资本有效对接，有望实现关键技术研发、检验检测设备共享、"
            "政策资源互通和行业标准化。首批成员单位为沪苏浙皖138家机器人企业。"
        ),
        description_en=(
            "Nine-city linkage, resource sharing, deeper integration and cluster development. The alliance is an "
            "integration platform for the robot industry: resource integration of the upstream and downstream "
            "of the robot chain, deep integration of robots and artificial intelligence, and effective docking "
            "of industry and intellectual capital — joint R&D on key technologies, sharing of inspection "
            "equipment, exchange of policy resources and standardisation. First batch: 138 robot enterprises "
            "in Zhejiang, Shanghai, Jiangsu and Anhui."
        ),
    ),
    # Seed 003: the Yangtze River Delta's four industry-chain alliances, set up by the three provinces and
    # Shanghai — Delta-wide, so not tied to the G60 corridor. The seed gives no founding date.
    AllianceFact(
        "yrd-integrated-circuits", "长三角集成电路产业链联盟",
        "Yangtze River Delta Integrated Circuit Industry Chain Alliance", SEED_YRD_CHAINS,
        industry_slug="integrated-circuits",
        description_zh="长三角四大产业链联盟之一（原文称“集成电路融合创新产业联盟”）。" + _YRD_AIMS_ZH,
        description_en="One of the Delta's four industry-chain alliances (the seed calls it an \"integrated "
        "circuit integration innovation industry alliance\"). " + _YRD_AIMS_EN,
    ),
    AllianceFact(
        "yrd-new-energy-vehicles", "长三角新能源汽车产业链联盟",
        "Yangtze River Delta New Energy Vehicle Industry Chain Alliance", SEED_YRD_CHAINS,
        industry_slug="new-energy-vehicles",
        description_zh="长三角四大产业链联盟之一。" + _YRD_AIMS_ZH,
        description_en="One of the Delta's four industry-chain alliances. " + _YRD_AIMS_EN,
    ),
    AllianceFact(
        "yrd-biomedicine", "长三角生物医药产业链联盟", "Yangtze River Delta Biomedicine Industry Chain Alliance",
        SEED_YRD_CHAINS, industry_slug="biomedicine",
        description_zh="长三角四大产业链联盟之一。" + _YRD_AIMS_ZH,
        description_en="One of the Delta's four industry-chain alliances. " + _YRD_AIMS_EN,
    ),
    # The seed's "Intelligent Industry Chain" alliance, chaired by iFLYTEK, is the artificial
    # intelligence chain alliance (cnr.cn 2021-05-28 lists the four: IC, biomedicine, AI, NEV).
    AllianceFact(
        "yrd-artificial-intelligence", "长三角人工智能产业链联盟",
        "Yangtze River Delta Artificial Intelligence Industry Chain Alliance", SEED_YRD_CHAINS,
        industry_slug="artificial-intelligence",
        description_zh="长三角四大产业链联盟之一（原文称“智能产业链”联盟）。" + _YRD_AIMS_ZH,
        description_en="One of the Delta's four industry-chain alliances (the seed calls it the \"intelligent "
        "industry chain\" alliance). " + _YRD_AIMS_EN,
    ),
    # Seed 004: based in Beijing (Dongli's leaders "came to Beijing" to visit it); founding not given.
    AllianceFact(
        "zgc-special-robot", "中关村融智特种机器人产业联盟", "Zhongguancun Rongzhi Special Robot Industry Alliance",
        SEED_ZGC_DONGLI, industry_slug="robots",
        description_zh=(
            "响应京津冀协同发展战略，推动联盟单位产业落地天津东丽。秘书长：陈晓东。2016年11月2日东丽区领导来京走访联盟成员单位；"
            "2016年11月15日联盟赴东丽考察，并签署初步战略合作协议，将与东丽合作举办东丽湖论坛。"
        ),
        description_en=(
            "Works for Beijing–Tianjin–Hebei coordinated development by landing member units' industry in "
            "Dongli, Tianjin. Secretary-general: Chen Xiaodong. Dongli's leaders visited member units in Beijing "
            "on 2 November 2016; the alliance visited Dongli on 15 November 2016, signed a preliminary strategic "
            "cooperation agreement and will co-host the Dongli Lake Forum."
        ),
    ),
)


def industry_slugs() -> frozenset[str]:
    return frozenset(i.slug for i in INDUSTRIES)


def alliance(slug: str) -> AllianceFact:
    for fact in ALLIANCES:
        if fact.slug == slug:
            return fact
    raise KeyError(slug)
