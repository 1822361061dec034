"""Word lists for the synthetic population (see `synthetic`). Plain data, no Django.

Products are named the way companies describe themselves, so that chain segments (upstream parts,
midstream systems, downstream applications) can later be inferred from the description text.
"""

from __future__ import annotations

from corridor.demo.facts import HANGZHOU, HEFEI, HUZHOU, JIAXING, JINHUA, SONGJIANG, SUZHOU, WUHU, XUANCHENG

# city code: (weight, name prefix zh, name prefix en, telephone area code). Companies registered in
# Songjiang usually carry "上海" in their names.
CITIES: dict[str, tuple[int, str, str, str]] = {
    SONGJIANG: (10, "上海", "Shanghai", "021"),
    JIAXING: (9, "嘉兴", "Jiaxing", "0573"),
    HANGZHOU: (17, "杭州", "Hangzhou", "0571"),
    JINHUA: (8, "金华", "Jinhua", "0579"),
    SUZHOU: (17, "苏州", "Suzhou", "0512"),
    HUZHOU: (6, "湖州", "Huzhou", "0572"),
    XUANCHENG: (4, "宣城", "Xuancheng", "0563"),
    WUHU: (11, "芜湖", "Wuhu", "0553"),
    HEFEI: (14, "合肥", "Hefei", "0551"),
}

# The trade-name (字号) alphabet with its pinyin. Characters that would spell well-known brands
# too often (海康, 华润, 安利, 万达 …) are left out; the pairs that remain famous are in BRANDS.
ZIHAO_CHARS: tuple[tuple[str, str], ...] = (
    ("恒", "heng"), ("拓", "tuo"), ("盛", "sheng"), ("达", "da"), ("华", "hua"), ("瑞", "rui"), ("创", "chuang"),
    ("新", "xin"), ("宇", "yu"), ("智", "zhi"), ("联", "lian"), ("泰", "tai"), ("博", "bo"), ("锐", "rui"),
    ("威", "wei"), ("源", "yuan"), ("捷", "jie"), ("普", "pu"), ("诺", "nuo"), ("凯", "kai"), ("航", "hang"),
    ("信", "xin"), ("德", "de"), ("睿", "rui"), ("弘", "hong"), ("嘉", "jia"), ("远", "yuan"), ("景", "jing"),
    ("元", "yuan"), ("晟", "sheng"), ("昊", "hao"), ("卓", "zhuo"), ("迈", "mai"), ("腾", "teng"), ("峰", "feng"),
    ("亿", "yi"), ("众", "zhong"), ("合", "he"), ("安", "an"), ("正", "zheng"), ("丰", "feng"), ("汇", "hui"),
    ("益", "yi"), ("通", "tong"), ("科", "ke"), ("力", "li"), ("精", "jing"), ("微", "wei"), ("星", "xing"),
    ("光", "guang"), ("辉", "hui"), ("明", "ming"), ("阳", "yang"), ("天", "tian"), ("海", "hai"), ("泽", "ze"),
    ("清", "qing"), ("林", "lin"), ("森", "sen"), ("峻", "jun"), ("昕", "xin"), ("晶", "jing"), ("钧", "jun"),
    ("铭", "ming"), ("鼎", "ding"), ("立", "li"), ("坤", "kun"), ("乾", "qian"), ("翔", "xiang"), ("鹏", "peng"),
    ("骏", "jun"), ("奥", "ao"), ("健", "jian"), ("宁", "ning"), ("顺", "shun"), ("兴", "xing"), ("隆", "long"),
    ("越", "yue"), ("展", "zhan"), ("耀", "yao"), ("煜", "yu"), ("璟", "jing"), ("瀚", "han"), ("澜", "lan"),
    ("策", "ce"), ("优", "you"), ("致", "zhi"), ("高", "gao"), ("永", "yong"), ("先", "xian"), ("启", "qi"),
    ("赛", "sai"), ("艾", "ai"), ("英", "ying"), ("美", "mei"), ("蓝", "lan"), ("云", "yun"), ("融", "rong"),
)
# Stand-ins outside the alphabet: a doubled character becomes X禾, a famous pair X沣Y. Being outside the
# alphabet keeps the trade names unique.
DOUBLE_STAND_IN = ("禾", "he")
BRAND_STAND_IN = ("沣", "feng")
BRANDS = frozenset({
    "恒瑞", "迈瑞", "信达", "天合", "晶科", "阳光", "宁德", "海信", "海正", "华海", "拓普", "星宇", "正泰", "启迪",
    "华鑫", "立德", "科大", "海天", "恒安", "美华", "华美", "安泰", "云天", "光明", "永新", "先锋", "英华",
})

# slug: weight in the population, name words (zh, en, takes 科技/技术), products (zh, en), uses (zh, en),
# related industries a company may also be in.
INDUSTRY_PROFILES: dict[str, dict] = {
    "robots": {
        "weight": 16,
        "words": [("机器人", "Robotics", True), ("智能装备", "Intelligent Equipment", True),
                  ("精密传动", "Precision Transmission", True), ("自动化", "Automation", True)],
        "products": [("精密减速器", "precision reducers"), ("伺服电机", "servo motors"),
                     ("运动控制器", "motion controllers"), ("工业机器人本体", "industrial robot arms"),
                     ("协作机器人", "collaborative robots"), ("移动机器人（AGV/AMR）", "mobile robots (AGV/AMR)"),
                     ("机器视觉系统", "machine vision systems"), ("机器人系统集成", "robotic system integration"),
                     ("特种机器人", "special-purpose robots"), ("服务机器人", "service robots"),
                     ("末端执行器", "end effectors"), ("力矩传感器", "torque sensors")],
        "uses": [("汽车焊装", "automotive welding"), ("3C电子装配", "3C electronics assembly"),
                 ("仓储物流", "warehouse logistics"), ("电力巡检", "power-line inspection"),
                 ("金属加工", "metalworking")],
        "related": ["intelligent-manufacturing", "artificial-intelligence"],
    },
    "integrated-circuits": {
        "weight": 12,
        "words": [("半导体", "Semiconductor", True), ("微电子", "Microelectronics", True),
                  ("集成电路", "Integrated Circuit", True), ("芯片", "Chip", True)],
        "products": [("芯片设计", "chip design"), ("EDA工具", "EDA tools"), ("硅片", "silicon wafers"),
                     ("光刻胶", "photoresists"), ("晶圆制造", "wafer fabrication"), ("封装测试", "packaging and testing"),
                     ("图像传感器", "image sensors"), ("功率半导体", "power semiconductors"),
                     ("通信模组", "communication modules"), ("半导体设备", "semiconductor equipment"),
                     ("电子特气", "electronic specialty gases")],
        "uses": [("消费电子", "consumer electronics"), ("汽车电子", "automotive electronics"),
                 ("物联网终端", "IoT devices"), ("数据中心", "data centres")],
        "related": ["electronic-information", "artificial-intelligence"],
    },
    "biomedicine": {
        "weight": 12,
        "words": [("生物医药", "Biopharmaceutical", True), ("生物科技", "Biotechnology", False),
                  ("医疗器械", "Medical Devices", True), ("药业", "Pharmaceutical", False)],
        "products": [("创新药", "innovative drugs"), ("生物类似药", "biosimilars"), ("抗体药物", "antibody drugs"),
                     ("CAR-T细胞治疗", "CAR-T cell therapy"), ("原料药", "active pharmaceutical ingredients"),
                     ("体外诊断试剂", "in-vitro diagnostic reagents"), ("医用透明质酸", "medical hyaluronic acid"),
                     ("高值医用耗材", "high-value medical consumables"),
                     ("CRO研发外包服务", "contract research (CRO) services"),
                     ("医学影像设备", "medical imaging equipment")],
        "uses": [("医院", "hospitals"), ("肿瘤治疗", "cancer treatment"), ("骨科", "orthopaedics"),
                 ("临床检验", "clinical testing")],
        "related": ["life-health"],
    },
    "new-energy-vehicles": {
        "weight": 10,
        "words": [("新能源汽车", "New Energy Vehicle", True), ("汽车电子", "Automotive Electronics", True),
                  ("电驱动", "Electric Drive", True), ("动力电池", "Power Battery", True)],
        "products": [("动力电池", "power batteries"), ("电池正极材料", "cathode materials"),
                     ("电池管理系统", "battery management systems"), ("驱动电机", "drive motors"),
                     ("电机控制器", "motor controllers"), ("整车", "complete vehicles"), ("充电桩", "charging piles"),
                     ("车联网终端", "connected-vehicle terminals"), ("轻量化车身部件", "lightweight body parts"),
                     ("热管理系统", "thermal management systems")],
        "uses": [("乘用车", "passenger cars"), ("商用车", "commercial vehicles"), ("公共交通", "public transport")],
        "related": ["new-energy", "new-materials", "integrated-circuits"],
    },
    "new-materials": {
        "weight": 12,
        "words": [("新材料", "New Materials", True), ("复合材料", "Composite Materials", True),
                  ("高分子材料", "Polymer Materials", True), ("特种合金", "Special Alloy", True)],
        "products": [("碳纤维", "carbon fibre"), ("高性能复合材料", "high-performance composites"),
                     ("特种合金", "special alloys"), ("电子化学品", "electronic chemicals"),
                     ("磁性材料", "magnetic materials"), ("工程塑料", "engineering plastics"), ("石墨烯", "graphene"),
                     ("功能薄膜", "functional films"), ("先进陶瓷", "advanced ceramics")],
        "uses": [("航空航天", "aerospace"), ("新能源汽车", "new-energy vehicles"), ("电子信息", "electronics"),
                 ("建筑节能", "energy-efficient buildings")],
        "related": ["new-energy-vehicles", "new-energy"],
    },
    "artificial-intelligence": {
        "weight": 10,
        "words": [("人工智能", "Artificial Intelligence", True), ("智能", "Intelligent", True),
                  ("数据", "Data", True), ("视觉", "Vision", True)],
        "products": [("计算机视觉算法", "computer vision algorithms"), ("智能语音", "speech recognition"),
                     ("AI芯片", "AI chips"), ("算力服务", "computing power services"),
                     ("大模型应用", "large-model applications"), ("脑机接口", "brain–computer interfaces"),
                     ("自动驾驶软件", "autonomous driving software"), ("知识图谱", "knowledge graphs")],
        "uses": [("智慧城市", "smart cities"), ("智能制造", "smart manufacturing"), ("金融", "finance"),
                 ("医疗影像", "medical imaging")],
        "related": ["robots", "information-technology"],
    },
    "intelligent-manufacturing": {
        "weight": 10,
        "words": [("智能制造", "Intelligent Manufacturing", True), ("精密机械", "Precision Machinery", True),
                  ("数控", "CNC", True), ("智能装备", "Intelligent Equipment", True)],
        "products": [("数控机床", "CNC machine tools"), ("智能产线", "smart production lines"),
                     ("工业软件", "industrial software"), ("工业传感器", "industrial sensors"),
                     ("精密传动部件", "precision transmission parts"), ("3D打印设备", "3D printers"),
                     ("工业互联网平台", "industrial internet platforms"), ("激光加工设备", "laser processing equipment")],
        "uses": [("汽车零部件", "auto parts"), ("家电", "home appliances"), ("电子制造", "electronics manufacturing")],
        "related": ["robots"],
    },
    "new-energy": {
        "weight": 6,
        "words": [("新能源", "New Energy", True), ("光伏", "Photovoltaic", True), ("储能", "Energy Storage", True),
                  ("氢能", "Hydrogen Energy", True)],
        "products": [("光伏组件", "PV modules"), ("储能系统", "energy storage systems"),
                     ("氢燃料电池", "hydrogen fuel cells"), ("风电装备", "wind power equipment"),
                     ("光伏逆变器", "PV inverters"), ("电解槽", "electrolysers")],
        "uses": [("工商业储能", "commercial energy storage"), ("电网", "power grids"),
                 ("分布式能源", "distributed energy")],
        "related": ["new-energy-vehicles"],
    },
    "information-technology": {
        "weight": 6,
        "words": [("信息技术", "Information Technology", True), ("软件", "Software", True), ("网络", "Network", True)],
        "products": [("工业软件", "industrial software"), ("云计算平台", "cloud platforms"),
                     ("网络安全产品", "cybersecurity products"), ("数据中心服务", "data centre services"),
                     ("企业管理软件", "enterprise software")],
        "uses": [("政务", "e-government"), ("制造业", "manufacturing"), ("金融", "finance")],
        "related": ["artificial-intelligence"],
    },
    "electronic-information": {
        "weight": 3,
        "words": [("电子", "Electronics", True), ("电子信息", "Electronic Information", True)],
        "products": [("印制电路板", "printed circuit boards"), ("电子元器件", "electronic components"),
                     ("光通信器件", "optical communication devices"), ("显示模组", "display modules")],
        "uses": [("通信设备", "telecom equipment"), ("消费电子", "consumer electronics")],
        "related": ["integrated-circuits"],
    },
    "intelligent-security": {
        "weight": 2,
        "words": [("安防", "Security", True), ("智能安防", "Intelligent Security", True)],
        "products": [("视频监控设备", "video surveillance equipment"), ("智能门禁", "smart access control"),
                     ("安防机器人", "security robots"), ("消防报警系统", "fire alarm systems")],
        "uses": [("园区", "industrial parks"), ("交通", "transport"), ("社区", "residential communities")],
        "related": ["artificial-intelligence"],
    },
    "satellite-internet": {
        "weight": 1,
        "words": [("卫星", "Satellite", True), ("空天", "Aerospace", True)],
        "products": [("卫星通信终端", "satellite communication terminals"), ("小卫星制造", "small satellites"),
                     ("星载载荷", "satellite payloads"), ("卫星地面站", "ground stations"),
                     ("相控阵天线", "phased-array antennas")],
        "uses": [("远洋通信", "maritime communication"), ("应急通信", "emergency communication"), ("物联网", "IoT")],
        "related": ["aerospace", "electronic-information"],
    },
}

# Which alliance an industry leads to, and how likely a company in it is to have joined.
ALLIANCE_BY_INDUSTRY: dict[str, tuple[str, float]] = {
    "robots": ("g60-robot", 0.75),
    "new-materials": ("g60-new-materials", 0.6),
    "integrated-circuits": ("yrd-integrated-circuits", 0.45),
    "new-energy-vehicles": ("yrd-new-energy-vehicles", 0.45),
    "biomedicine": ("yrd-biomedicine", 0.45),
    "artificial-intelligence": ("yrd-artificial-intelligence", 0.45),
}

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢钱汪陆"
GIVEN = ("伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "霞",
         "平", "刚", "佳", "晨", "浩", "婷", "宇", "欣", "俊", "倩", "鑫", "颖", "志强", "建华", "晓东", "海燕",
         "子涵", "雨轩", "文博", "思远", "嘉怡", "国栋")
ROADS = ("科创路", "创业大道", "高新大道", "工业大道", "文昌路", "新业路", "兴园路", "智造路", "研发路", "振兴路",
         "星火路", "科技大道", "创新大道", "园区路", "长江路", "湖滨路", "学府路", "明珠路")
MAIL_BOXES = ("info", "contact", "bd", "sales", "office")

# Registration-authority and type characters of the credit code (GB 32100-2015) by kind.
USCC_PREFIX = {"enterprise": "91", "investor": "91", "institute": "12", "university": "12", "association": "51"}
KIND_WEIGHTS = (("enterprise", 86), ("institute", 5), ("investor", 4), ("association", 3), ("university", 2))
