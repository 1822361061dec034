"""Integrated circuits, SiC, packaging, materials for chips (hand-written; see README)."""

P = [
    # G06 isolated SiC MOSFET gate driver (trio: zh, en, en)
    ("ic01", "o19", "zh", "碳化硅MOSFET隔离栅极驱动芯片",
     "研制面向新能源汽车主驱逆变器的碳化硅MOSFET隔离驱动芯片，集成退饱和（DESAT）短路保护、米勒钳位、"
     "软关断功能，隔离耐压5.7 kVrms，CMTI≥150 V/ns，峰值驱动电流10 A，短路响应时间<200 ns。", "G06", None),
    ("ic02", "o20", "en", "Isolated gate driver IC for SiC power devices",
     "A reinforced-isolation gate driver for silicon-carbide MOSFETs in 800 V traction inverters. "
     "Features: desaturation detection with soft turn-off, active Miller clamp, negative gate bias, "
     "common-mode transient immunity above 150 kV/µs, 10 A source/sink. Short-circuit fault must be "
     "cleared within 200 ns to stay inside SiC withstand time. AEC-Q100 Grade 1.", "G06", None),
    ("ic03", "o21", "en", "SiC driver with fast short-circuit protection",
     "We design a galvanically isolated driver chip dedicated to SiC MOSFET half-bridges. Main points are "
     "fast overcurrent/short-circuit detection (under 0.2 µs) via drain-voltage sensing, two-level soft "
     "shutdown, Miller clamping and high dv/dt immunity (≥150 V/ns). Target customers: EV inverter and "
     "OBC makers who today import such drivers.", "G06", None),
    # G07 8-inch SiC substrate growth (pair zh, zh)
    ("ic04", "o22", "zh", "8英寸导电型碳化硅衬底生长",
     "采用物理气相传输（PVT）法，攻关8英寸4H-SiC单晶生长的温场设计与籽晶粘接工艺，"
     "目标微管密度<0.1 cm⁻²，基平面位错<500 cm⁻²，电阻率0.015~0.025 Ω·cm，实现8英寸衬底小批量供货。", "G07", "ic01"),
    ("ic05", "o23", "zh", "大尺寸SiC单晶扩径及晶体生长",
     "由6英寸向8英寸扩径，研究升华法长晶炉热场仿真、扩径籽晶制备和生长速率控制，"
     "降低BPD及TSD缺陷密度，微管近零（≤0.1个/平方厘米），衬底电阻率控制在0.02 Ω·cm左右，良率达到50%以上。",
     "G07", "ic03"),
    ("ic06", "o24", "en", "SiC epitaxial layer thickness and doping uniformity",
     "Process development on a horizontal hot-wall CVD reactor for 6- and 8-inch SiC epi wafers for "
     "1200 V devices. Goals: thickness uniformity <2 %, doping uniformity <4 %, surface defect density "
     "below 0.5 cm⁻², BPD-to-TED conversion above 99.5 %.", None, "ic04"),
    ("ic07", "o19", "en", "Trench SiC MOSFET process",
     "Development of a 1200 V trench-gate SiC MOSFET: trench etch and rounding, gate oxide reliability, "
     "specific on-resistance below 2.5 mΩ·cm², threshold drift under HTGB within 0.2 V.", None, "ic02"),
    ("ic08", "o22", "zh", "碳化硅衬底切磨抛加工",
     "针对碳化硅硬脆难加工，研究金刚石线切割、双面研磨与CMP抛光工艺，降低TTV≤5μm、表面粗糙度Ra<0.2 nm，"
     "减少加工损耗，提升单锭出片率。", None, "ic05"),
    # G08 silver sintering die attach for SiC modules (pair en, zh)
    ("ic09", "o25", "en", "Pressure-assisted silver sintering for SiC modules",
     "Replace solder die attach in SiC power modules with sintered silver. We develop nano/micro silver "
     "paste and a pressure sintering process (250 °C, 10–20 MPa) giving shear strength above 40 MPa and "
     "thermal resistance reduced by 20 %. Reliability target: 1,000 thermal cycles −40/150 °C without "
     "delamination.", "G08", None),
    ("ic10", "o26", "zh", "功率模块芯片烧结银互连技术",
     "以纳米银膏低温加压烧结取代传统焊料连接碳化硅芯片与DBC基板，烧结温度250℃、压力十余兆帕，"
     "剪切强度>40 MPa，热阻下降二成，-40℃至150℃温度循环1000次后无分层，满足车规功率模块高结温工作需求。",
     "G08", None),
    ("ic11", "o25", "en", "Si3N4 AMB substrates for power modules",
     "Active metal brazed silicon nitride ceramic substrates with 0.8 mm copper for SiC modules; target "
     "thermal conductivity ≥90 W/m·K and >3,000 thermal shock cycles without copper peeling.", None, "ic09"),
    ("ic12", "o27", "zh", "车规级碳化硅模块双面散热封装",
     "开发双面冷却塑封碳化硅半桥模块，杂散电感<5 nH，结-冷却液热阻降低30%，用于800V电驱平台，"
     "涉及结构设计、引线框架、注塑工艺等。", None, "ic10"),
    # G09 chiplet 2.5D packaging (pair zh, en)
    ("ic13", "o28", "zh", "Chiplet异构集成2.5D封装",
     "面向高性能计算芯片，开发基于硅中介层（TSV interposer）的2.5D封装工艺，实现多颗芯粒与HBM集成，"
     "微凸点节距≤40μm，中介层面积超过一个光罩尺寸，建立从设计到量产的国产化方案。", "G09", None),
    ("ic14", "o29", "en", "Silicon interposer integration of chiplets and HBM",
     "CoWoS-like process capability for AI accelerators: a through-silicon-via interposer that carries "
     "compute dies and high-bandwidth memory stacks side by side. Microbump pitch 40 µm or finer, "
     "interposer larger than the reticle via stitching, plus known-good-die test flow. Aim: a domestic "
     "alternative for 2.5D heterogeneous integration.", "G09", None),
    ("ic15", "o30", "zh", "扇出型晶圆级封装翘曲控制",
     "针对扇出型晶圆级封装（FOWLP）重构晶圆翘曲大的问题，研究塑封料配方与载板匹配，翘曲控制在1 mm以内，"
     "用于射频与电源管理芯片。", None, "ic13"),
    ("ic16", "o29", "en", "Hybrid bonding for 3D stacked image sensors",
     "Wafer-to-wafer Cu-Cu hybrid bonding at 1 µm pitch for stacked CMOS image sensors; focus on surface "
     "planarity after CMP and bonding void control.", None, "ic14"),
    # G31 KrF photoresist (pair zh, zh)
    ("ic17", "o31", "zh", "KrF光刻胶国产化开发",
     "开发248 nm KrF正性化学放大光刻胶，分辨率≤0.15 μm，用于存储与逻辑芯片制造，完成树脂、光酸产生剂合成"
     "及配方开发，通过晶圆厂验证，实现替代进口。", "G31", None),
    ("ic18", "o32", "zh", "248nm深紫外光刻胶研制",
     "立足自主合成聚对羟基苯乙烯类成膜树脂和PAG，配制深紫外（248纳米）化学增幅型正胶，线宽达到150纳米，"
     "缺陷与金属离子含量满足12英寸产线要求，争取进入客户供应链。", "G31", None),
    ("ic19", "o31", "en", "High-purity electronic-grade sulfuric acid",
     "Purification of sulfuric acid to SEMI G5 grade for wafer cleaning: metal impurities below 10 ppt, "
     "particles controlled, with a 30 kt/a line.", None, "ic17"),
    ("ic20", "o33", "zh", "ArF浸没式光刻胶用单体合成",
     "研究ArF浸没式光刻胶关键单体（金刚烷类甲基丙烯酸酯）的合成与纯化工艺，金属杂质<10 ppb，实现单体自供。",
     None, "ic18"),
    # G37 edge AI NPU INT8 (pair zh, zh)
    ("ic21", "o34", "zh", "端侧AI推理芯片NPU设计",
     "设计面向安防摄像头与工业相机的端侧神经网络处理器，INT8算力4 TOPS，能效≥5 TOPS/W，支持Transformer算子，"
     "配套编译工具链，22nm工艺流片。", "G37", None),
    ("ic22", "o35", "zh", "低功耗边缘智能处理器研发",
     "研发用于智能相机、机器视觉终端的边缘推理SoC，内置神经网络加速单元，8位整数运算峰值约4TOPS，"
     "每瓦性能不低于5TOPS，兼容主流框架模型的量化部署及注意力机制网络，采用22纳米制程。", "G37", None),
    ("ic23", "o34", "en", "Image signal processor for low-light cameras",
     "A standalone ISP block with 3D noise reduction and HDR fusion for security cameras at 0.001 lux, "
     "to be paired with third-party SoCs.", None, "ic21"),
]
