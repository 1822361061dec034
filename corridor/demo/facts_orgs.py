"""The organisations the seeds name, and their alliance memberships. Plain data, no Django.

Credit codes are left empty: a real company's code is never invented. Regions are the district the
seed implies, else the city; where the seed gives no place at all, the region is either left empty
or, for institutions whose seat is common knowledge, set and marked "inferred" below.

Head enterprises: only those the seeds call giants, the largest or a flagship (OmniVision, Quectel,
Haohai, Haier, Tencent's computing centre). Being quoted or being a first-chair unit is not enough.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from corridor.demo.facts import (
    BEIJING,
    DONGLI,
    HANGZHOU,
    HEFEI,
    JINHUA,
    NANJING,
    SEED_G60_2020,
    SEED_G60_2023,
    SEED_ROBOT_ALLIANCE,
    SEED_YRD_CHAINS,
    SEED_ZGC_DONGLI,
    SHANGHAI,
    SONGJIANG,
    TIANJIN,
    WUHU,
)


@dataclass(frozen=True)
class OrganisationFact:
    name_zh: str
    name_en: str
    kind: str  # a value of orgs.models.Organisation.Kind
    region_code: str | None
    industries: tuple[str, ...]
    description_zh: str
    description_en: str
    source_seed: str
    short_name: str = ""
    aliases: tuple[str, ...] = ()
    is_head_enterprise: bool = False

    @property
    def key(self) -> str:
        """The natural key the loader matches on: real organisations have no credit code here."""
        return self.name_zh or self.name_en


@dataclass(frozen=True)
class MembershipFact:
    alliance_slug: str
    organisation: str  # OrganisationFact.key
    role: str  # a value of alliances.models.AllianceMembership.Role
    source_seed: str
    batch: int = 1
    joined_on: datetime.date | None = None


_SJ_PROJECT_ZH = "落户松江的重大产业项目之一。"
_SJ_PROJECT_EN = "One of the major industrial projects settled in Songjiang."

ORGANISATIONS: tuple[OrganisationFact, ...] = (
    # Seed 000: companies at the founding of the G60 robot alliance.
    OrganisationFact(
        "浙江硕和机器人科技有限公司", "Zhejiang Shuohe Robot Technology Co., Ltd.", "enterprise", JINHUA, ("robots",),
        "来自金华的机器人企业，参加了G60科创走廊机器人产业联盟成立仪式，期待联盟带来关键技术研发、检验检测设备共享、"
        "政策资源互通和行业标准化，认为长三角以产业集群形式参与全球竞争更有胜算。",
        "A robot company from Jinhua at the founding of the G60 robot alliance. It expects the alliance to bring "
        "joint R&D on key technologies, shared inspection equipment, exchange of policy resources and "
        "standardisation, and sees the Delta competing better globally as an industrial cluster.",
        SEED_ROBOT_ALLIANCE, short_name="硕和机器人", aliases=("硕和机器人", "Shuohe Robot"),
    ),
    # The seed gives no place for Weihong; its Chinese name is a back-translation of the seed's English.
    OrganisationFact(
        "维宏物联科技有限公司", "Weihong IOT Technology Co., Ltd.", "enterprise", None,
        ("robots", "information-technology"),
        "物联网技术企业。认为三省一市产业优势各不相同：上海有资本优势，江苏有产业研发优势，安徽有产业集群优势，"
        "浙江机器人市场推广能力较强，借助产业联盟可实现优势互补，技术领域合作也是重点。",
        "An IoT technology company. It sees different strengths in the three provinces and Shanghai — capital in "
        "Shanghai, industrial R&D in Jiangsu, industrial clusters in Anhui, robot market promotion in Zhejiang "
        "— that the alliance can make complementary, with technology cooperation a major focus.",
        SEED_ROBOT_ALLIANCE, short_name="维宏物联", aliases=("维宏物联", "Weihong IOT"),
    ),
    # Seed 000 says "Zhejiang"; the company is in Hangzhou (inferred, district not implied).
    OrganisationFact(
        "浙江国自机器人技术股份有限公司", "Zhejiang Guozi Robot Technology Co., Ltd.", "enterprise", HANGZHOU,
        ("robots",),
        "机器人企业。认为研发力量不足一直是机器人行业的短板，各企业各有难处，造成一定程度的研发方向重叠和研发力量浪费；"
        "产业联盟将推动科研领域合作，帮助提升产业本地化率。",
        "A robot company. It sees weak R&D as the robot industry's long-standing weakness: each company's "
        "difficulties lead to overlapping R&D directions and wasted R&D strength. The alliance will promote "
        "research cooperation and help raise the industry's localisation rate.",
        SEED_ROBOT_ALLIANCE, short_name="国自机器人", aliases=("国自机器人", "Guozi Robot", "Guozi Robotics"),
    ),
    OrganisationFact(
        "中国汽车技术研究中心", "China Automotive Technology and Research Center", "institute", TIANJIN,
        ("new-energy-vehicles",),
        "汽车技术研究机构，位于天津。机器人产业联盟成立的报道在提升产业本地化率的段落中提及该中心。",
        "An automotive technology research institution in Tianjin, mentioned in the report on the robot "
        "alliance's founding in connection with raising the industry's localisation rate.",
        SEED_ROBOT_ALLIANCE, short_name="中汽中心", aliases=("中汽中心", "CATARC"),
    ),
    OrganisationFact(
        "长三角G60科创走廊联席会议办公室", "Joint Conference Office of the Yangtze River Delta G60 S&T Innovation "
        "Corridor", "government", SONGJIANG, (),
        "G60科创走廊九城市的联席工作机构。其负责人介绍，机器人产业联盟旨在打造机器人产业融合发展平台，推动产业链上下游资源整合、"
        "机器人产业与人工智能深度融合、产业与智力资本有效对接。",
        "The nine cities' joint office of the G60 corridor. It describes the robot alliance as an integration "
        "platform: upstream–downstream resource integration, robots with artificial intelligence, and docking "
        "of industry with intellectual capital.",
        SEED_ROBOT_ALLIANCE, short_name="G60联席办", aliases=("G60联席办", "G60 joint office"),
    ),
    # Seed 001. The Chinese name is a back-translation; 科创发展办 is how reports abbreviate it.
    OrganisationFact(
        "上海市松江区科技创新发展办公室", "Science and Technology Innovation Development Office of Songjiang District, "
        "Shanghai", "government", SONGJIANG, (),
        "倡导通过各地头部企业集聚，形成“上海研发孵化、当地制造生产”的一体化发展新模式，加快九城市大循环，"
        "打造G60科创走廊一体化高质量发展的重要引擎。",
        "Promotes a new integrated model — R&D incubation in Shanghai, manufacturing in the member cities — "
        "through the agglomeration of head enterprises, to speed up circulation among the nine cities.",
        SEED_G60_2020, short_name="松江区科创发展办", aliases=("松江区科创发展办",),
    ),
    # Seed 002: Songjiang's projects and companies (the seed's paragraphs are about Songjiang).
    OrganisationFact(
        "海尔", "Haier", "enterprise", SONGJIANG, ("intelligent-manufacturing",),
        "在松江建有智能洗衣机工厂；海尔智谷是落户松江的重大产业项目之一，被视为松江发展成就的一面旗帜。",
        "Runs a smart washing-machine factory in Songjiang; Haier Zhigu is one of the major industrial projects "
        "settled there, described as a flag of Songjiang's development.",
        SEED_G60_2023, is_head_enterprise=True,
    ),
    OrganisationFact(
        "正泰启迪智电港", "Zhengtai Qidi Smart Electric Port", "enterprise", SONGJIANG,
        ("power-equipment", "intelligent-manufacturing"), _SJ_PROJECT_ZH, _SJ_PROJECT_EN, SEED_G60_2023,
    ),
    OrganisationFact(
        "超硅半导体", "Super Semiconductor", "enterprise", SONGJIANG, ("integrated-circuits",),
        _SJ_PROJECT_ZH, _SJ_PROJECT_EN, SEED_G60_2023,
    ),
    # "Xiuzheng Pharmaceuticals" is 修正药业 (xiūzhèng), the pharmaceutical group of that name.
    OrganisationFact(
        "修正药业", "Xiuzheng Pharmaceuticals", "enterprise", SONGJIANG, ("biomedicine",),
        _SJ_PROJECT_ZH, _SJ_PROJECT_EN, SEED_G60_2023,
    ),
    OrganisationFact(
        "豪威科技", "OmniVision", "enterprise", SONGJIANG, ("integrated-circuits",),
        "集成电路产业巨头之一，进一步强化了区域集成电路产业链；区域内现有相关企业121家，实现了完整的产业链布局。",
        "One of the integrated-circuit giants strengthening the region's chain; the region has 121 related "
        "enterprises and a complete chain layout.",
        SEED_G60_2023, aliases=("OmniVision Technologies",), is_head_enterprise=True,
    ),
    OrganisationFact(
        "移远通信", "Quectel Communication", "enterprise", SONGJIANG, ("integrated-circuits",),
        "集成电路产业巨头之一，进一步强化了区域集成电路产业链。",
        "One of the integrated-circuit giants strengthening the region's chain.",
        SEED_G60_2023, aliases=("Quectel",), is_head_enterprise=True,
    ),
    OrganisationFact(
        "复星医药", "Fosun Pharma", "enterprise", SONGJIANG, ("biomedicine",),
        "生物医药集群企业，在日本获得首个生物类似药上市批准。",
        "A company of the biopharmaceutical cluster; obtained listing approval for the first biosimilar drug in "
        "Japan.",
        SEED_G60_2023,
    ),
    OrganisationFact(
        "昊海生物", "Haohai Biological", "enterprise", SONGJIANG, ("biomedicine",),
        "已成为中国最大的骨科关节腔粘弹补充剂生产企业。",
        "Has become China's largest manufacturer of viscoelastic supplements for the joint space.",
        SEED_G60_2023, aliases=("Haohai Biological Technology",), is_head_enterprise=True,
    ),
    OrganisationFact(
        "华道生物", "Huadao Biotechnology", "enterprise", SONGJIANG, ("biomedicine",),
        "打破了CAR-T细胞产业化技术的海外垄断。",
        "Broke the overseas monopoly on industrial CAR-T cell technology.",
        SEED_G60_2023,
    ),
    OrganisationFact(
        "腾讯G60人工智能先进计算中心", "Tencent G60 Artificial Intelligence Advanced Computing Center", "enterprise",
        SONGJIANG, ("artificial-intelligence",),
        "总投资450亿元，是全球最大的单体规模人工智能先进计算枢纽。",
        "A total investment of 45 billion yuan: the world's largest single-scale advanced computing hub for "
        "artificial intelligence.",
        SEED_G60_2023, aliases=("腾讯", "Tencent"), is_head_enterprise=True,
    ),
    # The seed says only "CSG"; which company that is cannot be told from it, so it keeps that name.
    OrganisationFact(
        "", "CSG", "enterprise", SONGJIANG, ("robots", "intelligent-manufacturing"),
        "在机器人智能制造系统集成领域成果丰硕（原文仅称“CSG”）。",
        "Fruitful results in robotic intelligent-manufacturing system integration (the seed names it only "
        "\"CSG\").",
        SEED_G60_2023,
    ),
    OrganisationFact(
        "库卡", "KUKA", "enterprise", SONGJIANG, ("robots", "intelligent-manufacturing"),
        "在机器人智能制造系统集成领域成果丰硕。",
        "Fruitful results in robotic intelligent-manufacturing system integration.",
        SEED_G60_2023, aliases=("库卡机器人", "KUKA Robotics"),
    ),
    # A Wuhu government body, so in Wuhu for city officers, though its office is in Shanghai.
    OrganisationFact(
        "芜湖市人民政府驻上海联络处", "Shanghai Liaison Office of the Wuhu Municipal People's Government", "government",
        WUHU, (),
        "芜湖市政府在上海的联络机构。介绍芜湖（上海）产业创新中心“上海孵化、芜湖产业化”的两城协同创新模式，"
        "认为走廊为城市间创新合作提供平台，促进专业化分工和功能互补。",
        "Wuhu's liaison office in Shanghai. It presents the two-city model of the Wuhu (Shanghai) Industrial "
        "Innovation Center — incubation in Shanghai, industrialisation in Wuhu — and sees the corridor as a "
        "platform for specialisation and complementary functions between cities.",
        SEED_G60_2023,
    ),
    # Seed 003: first chair units of the Delta's four industry-chain alliances. Seats not in the seed
    # are inferred: China Pharmaceutical University in Nanjing, Geely in Hangzhou, iFLYTEK in Hefei.
    OrganisationFact(
        "上海市集成电路行业协会", "Shanghai Integrated Circuit Industry Association", "association", SHANGHAI,
        ("integrated-circuits",),
        "长三角集成电路产业链联盟首届理事长单位。", "First chair unit of the Yangtze River Delta integrated circuit "
        "industry chain alliance.", SEED_YRD_CHAINS,
    ),
    OrganisationFact(
        "中国药科大学", "China Pharmaceutical University", "university", NANJING, ("biomedicine",),
        "长三角生物医药产业链联盟首届理事长单位。", "First chair unit of the Yangtze River Delta biomedicine industry "
        "chain alliance.", SEED_YRD_CHAINS,
    ),
    OrganisationFact(
        "吉利控股集团", "Geely Holding Group", "enterprise", HANGZHOU, ("new-energy-vehicles",),
        "长三角新能源汽车产业链联盟首届理事长单位。", "First chair unit of the Yangtze River Delta new energy vehicle "
        "industry chain alliance.", SEED_YRD_CHAINS, aliases=("Geely",),
    ),
    # The seed's "Science, Metropolitan Division" is a garbled translation of 科大讯飞 (iFLYTEK), the AI
    # alliance's first chair (cnr.cn, 2021-05-28).
    OrganisationFact(
        "科大讯飞", "iFLYTEK", "enterprise", HEFEI, ("artificial-intelligence",),
        "长三角人工智能产业链联盟首届理事长单位。", "First chair unit of the Yangtze River Delta artificial "
        "intelligence industry chain alliance.", SEED_YRD_CHAINS, aliases=("iFlytek",),
    ),
    # Seed 004: member units of the Zhongguancun alliance at the 2 November 2016 meeting in Beijing.
    OrganisationFact(
        "北京海兰信数据科技股份有限公司", "Beijing Highlander Digital Technology Co., Ltd.", "enterprise", BEIJING,
        ("robots",), "中关村融智特种机器人产业联盟理事长单位。",
        "Chair unit of the Zhongguancun Rongzhi Special Robot Industry Alliance.", SEED_ZGC_DONGLI,
        short_name="海兰信", aliases=("海兰信",),
    ),
    OrganisationFact(
        "北京辰安科技股份有限公司", "Beijing Global Safety Technology Co., Ltd.", "enterprise", BEIJING,
        ("robots", "intelligent-security"), "中关村融智特种机器人产业联盟副理事长单位。",
        "Vice-chair unit of the Zhongguancun Rongzhi Special Robot Industry Alliance.", SEED_ZGC_DONGLI,
        short_name="辰安科技", aliases=("辰安科技",),
    ),
    OrganisationFact(
        "北京华鑫方舟科技有限公司", "Beijing Huaxin Fangzhou Technology Co., Ltd.", "enterprise", BEIJING, ("robots",),
        "中关村融智特种机器人产业联盟理事单位。", "Director unit of the Zhongguancun Rongzhi Special Robot Industry "
        "Alliance.", SEED_ZGC_DONGLI,
    ),
    OrganisationFact(
        "触景无限科技(北京)有限公司", "Chujing Wuxian Technology (Beijing) Co., Ltd.", "enterprise", BEIJING,
        ("robots", "artificial-intelligence"), "中关村融智特种机器人产业联盟理事单位。",
        "Director unit of the Zhongguancun Rongzhi Special Robot Industry Alliance.", SEED_ZGC_DONGLI,
    ),
    # In Beijing (inferred: it met Dongli's leaders there as a director unit of a Zhongguancun alliance).
    OrganisationFact(
        "中国航天空气动力技术研究院", "China Academy of Aerospace Aerodynamics", "institute", BEIJING,
        ("aerospace", "robots"), "中关村融智特种机器人产业联盟理事单位。",
        "Director unit of the Zhongguancun Rongzhi Special Robot Industry Alliance.", SEED_ZGC_DONGLI,
    ),
    OrganisationFact(
        "北京立德共创智能机器人科技有限公司", "Beijing Lide Gongchuang Intelligent Robot Technology Co., Ltd.",
        "enterprise", BEIJING, ("robots",), "中关村融智特种机器人产业联盟理事单位。",
        "Director unit of the Zhongguancun Rongzhi Special Robot Industry Alliance.", SEED_ZGC_DONGLI,
    ),
    OrganisationFact(
        "天津市东丽区人民政府", "People's Government of Dongli District, Tianjin", "government", DONGLI, (),
        "东丽区位于天津市东部，连接中心市区及滨海新区核心区，辖11街、114个行政村，总人口94万，经济水平位于天津市前列；"
        "定位为国家级航空航天产业基地、先进装备制造业基地、国际文化交流中心和生态宜居地区。“122”科技招商计划"
        "（“百千万”工程）：2012年初至2016年底引进100家市级以上科研院所及研发中心，培育1000家科技小巨人，"
        "形成10000家有自主创新能力的科技型中小企业。打造智能制造小镇，希望联盟成为东丽的战略合作伙伴，在东丽设立常驻机构。",
        "Dongli lies in the east of Tianjin between the city centre and the Binhai New Area core: 11 streets, "
        "114 villages, 940,000 people. Positioned as a national aerospace industry base, an advanced equipment "
        "manufacturing base, an international cultural exchange centre and an ecological living area. Its "
        "\"122\" (\"hundred–thousand–ten thousand\") plan aimed, from early 2012 to the end of 2016, to attract "
        "100 research institutes and R&D centres, foster 1,000 technology giants and grow 10,000 innovative "
        "technology SMEs. It is building an intelligent-manufacturing town and invited the alliance to set up a "
        "permanent office there.",
        SEED_ZGC_DONGLI, short_name="东丽区政府", aliases=("东丽区政府", "Dongli District Government"),
    ),
)

_FOUNDING = datetime.date(2018, 12, 21)

MEMBERSHIPS: tuple[MembershipFact, ...] = (
    # The seed counts 138 first-batch members without naming them; the companies that spoke at the
    # founding ceremony are taken to be among them.
    MembershipFact("g60-robot", "浙江国自机器人技术股份有限公司", "member", SEED_ROBOT_ALLIANCE, 1, _FOUNDING),
    MembershipFact("g60-robot", "浙江硕和机器人科技有限公司", "member", SEED_ROBOT_ALLIANCE, 1, _FOUNDING),
    MembershipFact("g60-robot", "维宏物联科技有限公司", "member", SEED_ROBOT_ALLIANCE, 1, _FOUNDING),
    # "First Alliance Director Unit" translates 首届理事长单位, the chair.
    MembershipFact("yrd-integrated-circuits", "上海市集成电路行业协会", "chair", SEED_YRD_CHAINS),
    MembershipFact("yrd-biomedicine", "中国药科大学", "chair", SEED_YRD_CHAINS),
    MembershipFact("yrd-new-energy-vehicles", "吉利控股集团", "chair", SEED_YRD_CHAINS),
    MembershipFact("yrd-artificial-intelligence", "科大讯飞", "chair", SEED_YRD_CHAINS),
    MembershipFact("zgc-special-robot", "北京海兰信数据科技股份有限公司", "chair", SEED_ZGC_DONGLI),
    MembershipFact("zgc-special-robot", "北京辰安科技股份有限公司", "vice_chair", SEED_ZGC_DONGLI),
    MembershipFact("zgc-special-robot", "北京华鑫方舟科技有限公司", "director", SEED_ZGC_DONGLI),
    MembershipFact("zgc-special-robot", "触景无限科技(北京)有限公司", "director", SEED_ZGC_DONGLI),
    MembershipFact("zgc-special-robot", "中国航天空气动力技术研究院", "director", SEED_ZGC_DONGLI),
    MembershipFact("zgc-special-robot", "北京立德共创智能机器人科技有限公司", "director", SEED_ZGC_DONGLI),
)


def first_batch_named(alliance_slug: str) -> int:
    """How many of an alliance's first batch the seeds name (the synthetic population fills the rest)."""
    return sum(1 for m in MEMBERSHIPS if m.alliance_slug == alliance_slug and m.batch == 1)
