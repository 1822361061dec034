"""The words of Chinese and English company names: legal forms, kinds, industry concepts, places.

Plain data and small lookups, no Django. A Chinese company name is 行政区划 + 字号 + 行业 + 组织形式
(place + trade name + industry + legal form); everything here serves to find the trade name, the one
part that tells two companies apart, and to compare the rest by meaning rather than by spelling.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from pypinyin import lazy_pinyin
from pypinyin.seg.simpleseg import seg as pinyin_words

# Legal forms: dropped before comparing (a 有限公司 and a 股份有限公司 of the same name are one company
# renamed at listing far more often than two companies).
LEGAL_ZH = (
    "股份有限公司", "有限责任公司", "有限公司", "股份公司", "总公司", "公司", "（有限合伙）", "(有限合伙)", "有限合伙",
    "合伙企业", "普通合伙",
)
LEGAL_LATIN = (
    "co ltd", "co limited", "company limited", "limited company", "limited", "ltd", "co", "company", "corp",
    "corporation", "inc", "incorporated", "llc", "plc", "gmbh", "ag", "sa", "jsc", "joint stock", "stock",
    "youxian gongsi", "gufen youxian gongsi", "youxian zeren gongsi", "gufen gongsi", "gongsi", "youxian", "gufen",
    "zeren", "youxiangongsi", "gufenyouxiangongsi", "youxianzerengongsi", "gufengongsi",
)
STOPWORDS_LATIN = frozenset({"and", "of", "the", "&", "for"})
# Legal forms no company registered in China carries: a name ending in one is a company abroad (a foreign
# parent), never its Chinese subsidiary of the same trade name.
FOREIGN_LEGAL = frozenset({"gmbh", "ag", "sa", "spa", "srl", "sarl", "sas", "bv", "nv", "kg", "oy", "ab", "pty", "pte",
                           "kk", "plc", "llc", "ltda", "gk"})

# Kinds of organisation: two records of different kinds are never the same organisation.
KIND_MARKERS: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("university", ("大学", "学院", "职院", "学校", "理工"),
     ("university", "college", "institute of technology", "school", "polytechnic")),
    ("institute", ("研究院", "研究所", "实验室", "研究中心", "科学院"),
     ("research institute", "institute", "laboratory", "lab", "research center", "research centre", "academy")),
    ("association", ("协会", "促进会", "商会", "联盟", "学会", "联合会"),
     ("association", "alliance", "chamber of commerce", "society", "federation", "promotion association")),
    ("government", ("管理委员会", "管委会", "委员会", "人民政府", "局"),
     ("administrative committee", "management committee", "committee", "commission", "bureau",
      "people's government", "government")),
    ("branch", ("分公司", "分厂", "办事处"), ("branch", "branch office", "representative office")),
)

# Industry concepts: one id, its Chinese words and its English words (pinyin of the Chinese words is
# added automatically). "generic" concepts say nothing about what a company does and never conflict.
GENERIC = "generic"
CONCEPTS: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    (GENERIC, ("科技", "技术", "实业", "发展", "国际", "中国", "中华", "股份", "高科", "高新", "高新技术",
               "工业", "产业", "产业技术", "企业", "有限", "创新", "科创", "事业", "贸易", "商贸", "服务", "工程", "系统",
               "产品", "应用", "开发", "投资发展", "总部", "用品"),
     ("technology", "technologies", "tech", "hi-tech", "hitech", "high-tech", "industrial", "industries",
      "industry", "enterprise", "enterprises", "development", "international", "intl", "china", "science", "sci", "innovation", "innovative", "trading", "trade", "service", "services",
      "engineering", "systems", "system", "products", "solutions", "solution", "applications", "science and technology", "sci-tech",
      "tec", "develop", "developing", "articles", "article", "supplies")),
    ("group", ("集团", "控股", "控股集团"), ("group", "holding", "holdings", "holding group")),
    ("robot", ("机器人",), ("robot", "robots", "robotics", "robotic")),
    ("intelligent", ("智能", "智慧", "智造"), ("intelligent", "intelligence", "smart")),
    ("ai", ("人工智能",), ("artificial intelligence", "ai")),
    ("equipment", ("装备", "设备", "仪器", "仪表", "器械"), ("equipment", "equipments", "apparatus", "instrument", "instruments")),
    ("manufacturing", ("制造", "智能制造", "加工", "生产"), ("manufacturing", "manufacture", "manufacturer", "fabrication")),
    ("machinery", ("机械", "机电", "重工", "精密机械", "精工", "机床", "数控"),
     ("machinery", "machine", "machines", "mechanical", "heavy industry", "heavy industries", "precision machinery",
      "cnc", "machine tool", "machine tools")),
    ("precision", ("精密", "精密传动", "传动"), ("precision", "transmission", "precision transmission")),
    ("automation", ("自动化",), ("automation", "automatic")),
    ("electronics", ("电子", "微电子", "电子信息", "电器", "电气", "电工"),
     ("electronics", "electronic", "microelectronics", "electric", "electrical", "electronic information")),
    ("semiconductor", ("半导体", "集成电路", "芯片", "微电子"),
     ("semiconductor", "semiconductors", "integrated circuit", "integrated circuits", "ic", "chip", "chips",
      "microchip")),
    ("optics", ("光电", "光学", "激光", "光电子", "照明"), ("optoelectronic", "optoelectronics", "optical", "optics",
                                            "photonics", "laser", "lasers", "photoelectric",
                                            "lighting", "led")),
    ("vision", ("视觉", "影像", "图像", "视频"), ("vision", "imaging", "image", "video", "visual")),
    ("sensor", ("传感", "传感器", "感知"), ("sensor", "sensors", "sensing")),
    ("communication", ("通信", "通讯", "电信", "通信技术"), ("communication", "communications", "telecom",
                                                 "telecommunications")),
    ("information", ("信息", "信息技术", "数字", "数字技术", "数码", "数据", "大数据", "云计算", "计算机", "互联网", "物联网"),
     ("information", "information technology", "it", "digital", "data", "big data", "cloud", "computing",
      "computer", "internet", "iot", "infotech")),
    ("software", ("软件", "网络", "网络科技", "信息科技"), ("software", "network", "networks", "networking")),
    ("biology", ("生物", "生物科技", "生物技术", "生命科学", "基因"), ("bio", "biotech", "biotechnology",
                                                     "biological", "biology", "life sciences", "life science",
                                                     "biosciences", "bioscience", "genetics", "gene")),
    ("pharma", ("医药", "药业", "制药", "生物医药", "药物", "生物制药"),
     ("pharmaceutical", "pharmaceuticals", "pharma", "biopharmaceutical", "biopharma", "medicine", "drug", "drugs")),
    ("medical", ("医疗", "医疗器械", "医学", "健康", "医疗科技", "诊断"),
     ("medical", "medical devices", "medical device", "healthcare", "health", "medtech", "diagnostics",
      "diagnostic")),
    # 新能源汽车 is energy and vehicle, 汽车零部件 vehicle and component: a maker of cars and a maker of
    # their parts under one trade name are two companies, which one word for both would hide.
    ("vehicle", ("汽车", "汽车电子", "车辆", "整车"),
     ("automotive", "auto", "automobile", "automobiles", "vehicle", "vehicles", "motor", "motors", "car", "cars",
      "automotive electronics")),
    ("battery", ("电池", "动力电池", "储能", "锂电", "电源"), ("battery", "batteries", "power battery", "energy storage",
                                                    "lithium", "power supply")),
    ("drive", ("电驱动", "电机", "驱动"), ("electric drive", "drive", "drives", "electric motor")),
    ("energy", ("新能源", "能源", "光伏", "氢能", "电力", "太阳能", "风电", "风能", "清洁能源"),
     ("energy", "new energy", "photovoltaic", "pv", "solar", "hydrogen", "hydrogen energy", "power", "wind power", "wind energy", "wind",
      "clean energy", "renewable", "renewables")),
    ("materials", ("新材料", "材料", "薄膜", "复合材料", "高分子材料", "高分子", "特种合金", "合金", "化工", "化学"),
     ("materials", "material", "new materials", "new material", "advanced materials", "composite materials",
      "composites", "composite", "polymer materials", "polymer", "polymers", "special alloy", "alloy", "alloys",
      "chemical", "chemicals", "chemistry")),
    ("steel", ("钢铁", "特钢", "金属"), ("steel", "metal", "metals", "iron and steel")),
    ("textile", ("纺织", "服饰", "服装", "化纤"), ("textile", "textiles", "apparel", "garment", "fibre", "fiber")),
    ("environment", ("环保", "环境", "节能", "环境科技"), ("environmental", "environment", "environmental protection",
                                                  "energy saving", "eco")),
    ("aerospace", ("航空", "航天", "航空航天", "无人机"), ("aerospace", "aviation", "aeronautics", "space", "uav",
                                                  "drone", "drones")),
    ("logistics", ("物流", "供应链", "运输"), ("logistics", "supply chain", "transport", "transportation")),
    ("investment", ("投资", "创投", "创业投资", "资本", "基金", "基金管理", "私募基金", "投资管理", "资产管理", "股权投资"),
     ("investment", "investments", "capital", "venture", "ventures", "venture capital", "fund", "funds",
      "asset management", "investment management", "equity investment", "partners")),
    ("finance", ("金融", "银行", "证券", "保险", "融资租赁"), ("finance", "financial", "bank", "securities",
                                                  "insurance", "leasing")),
    ("construction", ("建设", "建筑", "建工", "建材"), ("construction", "building", "buildings", "building materials")),
    ("realestate", ("置业", "地产", "房地产"), ("real estate", "property", "properties")),
    ("food", ("食品", "农业", "饮料"), ("food", "foods", "agriculture", "agricultural", "beverage", "beverages")),
    ("consulting", ("咨询", "管理咨询", "管理"), ("consulting", "consultancy", "management", "advisory")),
    ("design", ("设计",), ("design",)),
    ("testing", ("检测", "认证", "检验", "计量"), ("testing", "inspection", "certification", "metrology")),
    ("appliance", ("家电",), ("appliance", "appliances", "home appliances")),
    ("research", ("研发", "研究"), ("research", "r&d", "research and development")),
    ("vocational", ("职业", "职业技术"), ("vocational", "vocational and technical", "technical")),
    # Trades common in company names, so that a name says the same in both languages (传媒 / media).
    # 文化 companies are publishers and media (天舟文化 is Tangel Publishing): one concept
    ("media", ("传媒", "影视", "出版", "广告", "电视", "文化传媒", "影业", "广电", "文化"),
     ("media", "film", "films", "television", "publishing", "advertising", "broadcasting", "entertainment",
      "culture", "cultural")),
    ("tourism", ("旅游", "文旅"), ("tourism", "travel")),
    ("sports", ("体育",), ("sports", "sport")),
    ("education", ("教育", "培训"), ("education", "educational", "training")),
    ("packaging", ("包装",), ("packaging", "packing", "package")),
    ("petroleum", ("石油", "石化", "油气"), ("petroleum", "oil", "petrochemical", "petrochemicals", "oil and gas",
                                        "petrotech")),
    ("mining", ("矿业", "矿产"), ("mining", "mineral", "minerals")),
    ("nonferrous", ("有色", "有色金属", "铝业", "钴业", "钛业", "铜业", "锌业", "稀土"),
     ("nonferrous", "non-ferrous", "aluminium", "aluminum", "cobalt", "titanium", "copper", "zinc", "rare earth")),
    ("printing", ("印刷",), ("printing",)),
    ("paper", ("纸业", "造纸"), ("paper", "paper industry")),
    ("hospital", ("医院",), ("hospital", "hospitals")),
    ("home", ("家居", "家具"), ("home", "furnishing", "furnishings", "furniture")),
    ("decoration", ("装饰", "装修"), ("decoration", "decorative")),
    ("control", ("控制", "自控"), ("control", "controls")),
    ("cable", ("线缆", "电缆"), ("cable", "cables")),
    ("commerce", ("商业", "商务"), ("commerce", "commercial", "business")),
    ("security", ("安防",), ("security",)),
    ("bearing", ("轴承",), ("bearing", "bearings")),
    ("seed", ("种业",), ("seed", "seeds", "seed industry")),
    ("dairy", ("乳业",), ("dairy",)),
    ("elevator", ("电梯",), ("elevator", "elevators", "lift")),
    # Trades whose words English names translate (泵业 / pump, 紧固 / fastening, 航运 / shipping): the words
    # neither side of the lexicon knew, counted over listed companies' names. Words that are as often a
    # trade name's translation (花园 / Garden, 动力 / Power) are left out.
    ("pump", ("泵业", "水泵", "油泵"), ("pump", "pumps")),
    ("mould", ("模具", "模塑"), ("mould", "mold", "moulding", "molding")),
    ("utility", ("水务", "供水"), ("water supply",)),
    ("gas", ("燃气", "气体", "特种气体"), ("gas", "gases", "industrial gas", "industrial gases")),
    ("acoustic", ("电声", "声学"), ("acoustic", "acoustics", "audio")),
    ("shipping", ("航运", "海运", "船舶", "港务"), ("shipping", "shipbuilding", "maritime")),
    ("thermal", ("热能", "热电", "冷热", "暖通", "热工"), ("thermal", "hvac", "heating")),
    ("gear", ("齿轮",), ("gears",)),
    ("component", ("零部件", "部件", "配件", "零件"), ("component", "parts")),
    ("welding", ("焊接", "焊材", "特焊"), ("welding",)),
    ("fragrance", ("香精", "香料", "香精香料"), ("fragrance", "flavour", "flavor", "aroma", "flavours and fragrances")),
    ("cement", ("水泥",), ("cement",)),
    ("fan", ("风机",), ("blower", "ventilator")),
    ("coal", ("煤业", "煤炭", "焦煤"), ("coal",)),
    ("forestry", ("林业",), ("forestry",)),
    ("livestock", ("畜牧", "养殖", "牧业"), ("livestock", "breeding", "poultry", "husbandry", "animal husbandry")),
    ("liquor", ("酒业", "啤酒", "白酒", "酿酒", "葡萄酒"), ("liquor", "brewery", "beer", "winery", "distillery")),
    ("hydraulic", ("液压",), ("hydraulic", "hydraulics")),
    ("exhibition", ("会展", "展览"), ("exhibition", "exhibitions", "convention")),
    ("marketing", ("营销",), ("marketing",)),
    ("plastics", ("塑料", "塑胶", "塑业"), ("plastic", "plastics")),
    ("fastener", ("紧固", "紧固件"), ("fastener", "fastening")),
    ("seal", ("密封",), ("sealing",)),
    ("casting", ("铸造", "铸件", "锻造"), ("casting", "castings", "foundry", "forging")),
    ("pet", ("宠物",), ("pet", "pets")),
    ("defense", ("防务", "军工", "国防"), ("defense", "defence", "military")),
    ("magnetic", ("永磁", "磁材", "磁性材料", "磁业"), ("magnetic", "permanent magnet")),
    ("fluid", ("流体",), ("fluid", "fluids")),
    ("landscape", ("园林", "景观"), ("landscape", "landscaping")),
    # More words of the trades above.
    ("nonferrous", ("钨业", "钼业", "锗业", "锡业", "钒钛"), ("tungsten", "molybdenum", "germanium", "vanadium")),
    ("finance", ("期货",), ("futures",)),
    ("materials", ("活性炭", "碳材料"), ("active carbon", "activated carbon", "carbon materials")),
    ("information", ("资讯",), ("info",)),
    ("appliance", ("厨电", "厨具"), ("kitchen", "kitchenware", "kitchen appliance", "kitchen appliances")),
    ("electronics", ("电路", "电路板"), ("circuit", "pcb")),
    ("food", ("火腿", "肉制品", "营养", "粮油", "粮食"), ("ham", "meat", "nutrition", "grain", "cereal")),
    ("design", ("规划",), ("planning",)),
    ("drive", ("伺服",), ("servo",)),
    ("construction", (), ("architecture", "architectural")),
    ("environment", ("生态",), ("ecology", "ecological")),
    ("textile", ("丝绸", "毛纺"), ("silk", "woolen", "woollen")),
    ("communication", ("无线",), ("wireless", "telecommunication")),
    ("energy", (), ("ev", "evs", "electric vehicle", "electric vehicles")),  # a new-energy vehicle, not any car
    (GENERIC, ("进出口", "科学"), ("high tech", "import and export", "import", "export")),
    # Words of names that neither side of the lexicon knew, from the real names' unknown words (issue 13):
    # 制品 products, 特种 special; a parts maker's 汽配 and a dairy's 乳品. 科工 (科学 + 工业) is kept
    # apart from 科技: 中粮科工 and 中粮科技 are two companies.
    (GENERIC, ("制品", "特种", "精细", "资源"), ("special", "speciality", "specialty", "resource", "resources", "advanced")),
    ("sci-industry", ("科工",), ("science & industry", "science and industry", "sci & industry")),
    ("component", ("汽配", "汽车配件"), ()),
    ("dairy", ("乳品", "乳制品"), ("dairy products",)),
    ("biology", ("生化",), ("biochemical", "biochemicals", "biochemistry")),
    ("materials", ("化学品",), ("chem",)),
    ("medical", ("眼科", "临床", "检验所"), ("ophthalmic", "ophthalmology", "eye", "clinical")),
    ("children", ("母婴", "婴童", "妇婴童", "儿童"), ("maternity", "baby", "babies", "infant", "children", "kids")),
    ("retail", ("零售", "连锁", "商超", "超市", "百货"), ("retail", "chain", "supermarket", "supermarkets",
                                                   "department store", "department stores")),
    ("navigation", ("导航", "卫星导航"), ("navigation", "satellite navigation")),
    ("logistics", ("冷链",), ("cold chain",)),  # a chain that is not a chain of shops
    ("information", ("区块链",), ("blockchain", "block chain")),
    ("media", ("娱乐", "互娱", "游戏"), ("interactive entertainment", "games", "gaming")),
    (GENERIC, ("产业链",), ("industrial chain", "industry chain")),
    ("design", ("设计院",), ("design institute",)),  # 园林设计院股份有限公司: a company, not an institute
    # Abbreviations of English words as partner lists and customs forms write them (S&T, Mfg., Hldgs.).
    (GENERIC, (), ("s & t", "s&t", "dev", "ind", "inds", "indus", "svcs", "svc", "engg", "intl")),
    ("group", (), ("hldgs", "hldg", "grp")),
    ("manufacturing", (), ("mfg",)),
    ("pharma", (), ("pharm",)),
    ("medical", (), ("med",)),
    ("machinery", (), ("mach",)),
    ("equipment", (), ("equip", "eqpt")),
    ("electronics", (), ("elec", "elect")),
    ("environment", (), ("env", "envir")),
    ("information", ("在线",), ("online",)),
)


@dataclass(frozen=True)
class Place:
    """A place named in an organisation name, keyed by pinyin so Chinese and English spellings agree."""

    province: str | None
    city: str | None

    def conflicts(self, other: Place) -> bool:
        if self.city and other.city and self.city != other.city:
            return True
        return bool(self.province and other.province and self.province != other.province)


ABROAD = Place("abroad", None)  # a company with a foreign legal form: in no Chinese province

@lru_cache(maxsize=500_000)
def pinyin_key(text: str) -> str:
    """Lower-case letters and digits of the pinyin (non-Chinese characters are kept as they are)."""
    # pypinyin reads a text word by word (its own segmentation, so 重庆 is chong-qing); reading each word
    # once and remembering it gives the same letters at a tenth of the cost over a million names, which
    # repeat their words (科技, 有限公司) but not their whole text.
    return "".join(_word_letters(word) for word in pinyin_words(text))


@lru_cache(maxsize=200_000)
def _word_letters(word: str) -> str:
    return "".join(ch for ch in "".join(lazy_pinyin(word)).lower() if ch.isalnum() and ch.isascii())


_PROVINCE_SUFFIXES = ("维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "省", "市")
_CITY_SUFFIXES = ("自治州", "地区", "市", "盟")
_DISTRICT_SUFFIXES = ("新区", "区", "县", "市", "旗")


def _short(name: str, suffixes: tuple[str, ...]) -> str:
    for suffix in suffixes:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


EXONYMS = {
    "harbin": "haerbin", "innermongolia": "neimenggu", "tibet": "xizang", "peking": "beijing", "canton": "guangzhou",
    "amoy": "xiamen", "hongkong": "xianggang", "macau": "aomen", "macao": "aomen", "urumqi": "wulumuqi",
    "hohhot": "huhehaote", "tsingtao": "qingdao", "kweichow": "guizhou", "chungking": "chongqing",
}


@dataclass(frozen=True)
class PlaceWord:
    level: str  # province | city | district
    place: Place


@lru_cache(maxsize=1)
def place_words() -> tuple[dict[str, PlaceWord], dict[str, PlaceWord]]:
    """Chinese and latin (pinyin) spellings of provinces, cities and districts → the place they name."""
    from corridor.regions import gb2260

    divisions = gb2260.load()
    by_code = {d.code: d for d in divisions}
    zh: dict[str, PlaceWord] = {}
    latin: dict[str, PlaceWord] = {}

    def add(words: list[str], key_latin: str, word: PlaceWord) -> None:
        for w in words:
            zh.setdefault(w, word)
        latin.setdefault(key_latin, word)

    for d in divisions:
        if d.level == "province":
            short = _short(d.name_zh, _PROVINCE_SUFFIXES)
            key = pinyin_key(short)
            add([d.name_zh, short], key, PlaceWord("province", Place(key, None)))
    # Cities before districts: a city's short name wins over a district's of the same spelling elsewhere
    # (西安 is the city, not 辽源's 西安区), whatever the order of the codes.
    for d in divisions:
        parent = by_code.get(d.parent_code or "")
        province_key = pinyin_key(_short(parent.name_zh, _PROVINCE_SUFFIXES)) if parent else None
        if d.level == "city":
            short = _short(d.name_zh, _CITY_SUFFIXES)
            key = pinyin_key(short)
            add([d.name_zh, short], key, PlaceWord("city", Place(province_key, key)))
    for d in divisions:
        parent = by_code.get(d.parent_code or "")
        province_key = pinyin_key(_short(parent.name_zh, _PROVINCE_SUFFIXES)) if parent else None
        if d.level == "district" and parent is not None:
            short = _short(d.name_zh, _DISTRICT_SUFFIXES)
            if parent.level == "province":  # a district of a municipality: its city is the municipality
                city_key = province_key
            else:
                city_key = pinyin_key(_short(parent.name_zh, _CITY_SUFFIXES))
                grand = by_code.get(parent.parent_code or "")
                province_key = pinyin_key(_short(grand.name_zh, _PROVINCE_SUFFIXES)) if grand else None
            word = PlaceWord("district", Place(province_key, city_key))
            for w in (d.name_zh, short):
                zh.setdefault(w, word)
            latin.setdefault(pinyin_key(short), word)
    # English names of places that are not their pinyin (Harbin, Inner Mongolia, Shaanxi), as the
    # registered English names of companies spell them.
    for english, pinyin in EXONYMS.items():
        if pinyin in latin:
            latin[english] = latin[pinyin]
    shaanxi = zh.get("陕西")
    if shaanxi is not None:
        latin["shaanxi"] = shaanxi
    for name in ("中国", "中华", "china", "zhongguo", "prc"):
        zh.pop(name, None)
    return zh, latin


@dataclass(frozen=True)
class Lexicon:
    legal_zh: tuple[str, ...]
    legal_latin: frozenset[str]
    kinds_zh: dict[str, str]
    kinds_latin: dict[str, str]
    concepts_zh: dict[str, str]
    concepts_latin: dict[str, str]
    pinyin_only: frozenset[str]  # latin concept words that are pinyin of Chinese ones (zhineng), not English
    max_zh: int  # the longest Chinese word, for longest-match scans


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    kinds_zh = {w: kind for kind, zh, _en in KIND_MARKERS for w in zh}
    kinds_latin = {w: kind for kind, _zh, en in KIND_MARKERS for w in en}
    for kind, zh, _en in KIND_MARKERS:
        for w in zh:
            if len(w) >= 3:  # 研究院 → yanjiuyuan; two-character pinyin (xueyuan, xiehui) is too often a trade name
                kinds_latin.setdefault(pinyin_key(w), kind)
    concepts_zh: dict[str, str] = {}
    concepts_latin: dict[str, str] = {}
    for concept, zh, en in CONCEPTS:
        for w in zh:
            concepts_zh.setdefault(w, concept)
            concepts_latin.setdefault(pinyin_key(w), concept)
        for w in en:
            concepts_latin.setdefault(w, concept)
    for table in (kinds_latin, concepts_latin):
        for w, value in list(table.items()):
            if " " not in w and w.isalpha() and len(w) > 3:  # plurals: laboratories, instruments
                table.setdefault(w[:-1] + "ies" if w.endswith("y") else w + "s", value)
    legal_zh = tuple(sorted(LEGAL_ZH, key=len, reverse=True))
    english = {w for _c, _zh, en in CONCEPTS for w in en}
    longest = max(len(w) for w in [*concepts_zh, *kinds_zh, *legal_zh])
    return Lexicon(legal_zh, frozenset(LEGAL_LATIN), kinds_zh, kinds_latin, concepts_zh, concepts_latin,
                   frozenset(set(concepts_latin) - english), longest)


@lru_cache(maxsize=1)
def pinyin_syllables() -> frozenset[str]:
    """Every toneless pinyin syllable (from pypinyin's own table), to tell a pinyin word from an English one."""
    from pypinyin.pinyin_dict import pinyin_dict

    out: set[str] = set()
    for readings in pinyin_dict.values():
        for reading in readings.split(","):
            out.add(pinyin_key(_strip_tone(reading)))
    out.discard("")
    return frozenset(out)


def _strip_tone(reading: str) -> str:
    import unicodedata

    plain = unicodedata.normalize("NFKD", reading)
    return "".join(ch for ch in plain if not unicodedata.combining(ch)).replace("ü", "v")


@lru_cache(maxsize=100_000)
def is_pinyin(word: str) -> bool:
    """Can the word be read as pinyin syllables run together (rongwei, xian, zhong)?"""
    syllables = pinyin_syllables()
    n = len(word)
    ok = [False] * (n + 1)
    ok[0] = True
    for end in range(1, n + 1):
        for start in range(max(0, end - 6), end):
            if ok[start] and word[start:end] in syllables:
                ok[end] = True
                break
    return ok[n]


@lru_cache(maxsize=1)
def _common_words() -> dict[str, int]:
    import logging

    import jieba

    jieba.setLogLevel(logging.ERROR)
    jieba.initialize()
    return jieba.dt.FREQ  # type: ignore[no-any-return]


def common_word(word: str) -> bool:
    """Is this a common Chinese word (纸业, 轴承, 终端) rather than part of a coined trade name (威视, 讯飞)?"""
    return _common_words().get(word, 0) >= 3
