"""New materials, photovoltaics, aviation, AI (hand-written; see README)."""

P = [
    # G18 T800-grade carbon fibre (pair zh, zh)
    ("mt01", "o77", "zh", "T800级碳纤维干喷湿纺工艺",
     "采用干喷湿纺工艺制备高强中模碳纤维原丝，优化预氧化与碳化温度梯度，实现T800级碳纤维拉伸强度≥5.5 GPa、"
     "模量≥294 GPa，单线年产能千吨级。", "G18", None),
    ("mt02", "o78", "zh", "高强中模聚丙烯腈基碳纤维产业化",
     "突破PAN原丝干湿法纺丝高速化与致密化技术，配合氧化碳化张力控制，使纤维抗拉强度5.5GPa以上、"
     "拉伸模量约294GPa（对标东丽T800H），建成年产1000吨生产线，用于航空航天与高压气瓶。", "G18", None),
    ("mt03", "o77", "zh", "碳纤维上浆剂开发",
     "开发与环氧、双马树脂相容的水性碳纤维上浆剂，提高层间剪切强度10%，改善织造性能。", None, "mt01"),
    ("mt04", "o79", "en", "Large-tow 48K carbon fibre for wind blades",
     "Low-cost 48K large-tow carbon fibre for wind turbine spar caps: tensile strength 4.2 GPa, cost "
     "reduced 30 % through faster oxidation.", None, "mt02"),
    # G19 Type IV 70 MPa hydrogen cylinder (pair zh, en)
    ("mt05", "o80", "zh", "70MPa车载IV型储氢瓶",
     "研制塑料内胆碳纤维全缠绕IV型储氢气瓶，公称工作压力70 MPa，质量储氢密度≥5.5 wt%，"
     "攻关HDPE内胆滚塑、瓶口金属阀座密封和缠绕线型设计，通过GB/T 35544型式试验。", "G19", "mt02"),
    ("mt06", "o81", "en", "Type IV hydrogen tank for fuel-cell trucks",
     "A 70 MPa composite pressure vessel with a polymer (PA/HDPE) liner fully overwrapped with carbon "
     "fibre, for heavy-duty fuel-cell vehicles. Gravimetric storage density 5.5 wt % or higher. Key "
     "issues: liner–boss sealing, hydrogen permeation, winding pattern optimisation and certification "
     "tests (burst, cycling, bonfire).", "G19", None),
    ("mt07", "o80", "en", "Hydrogen refuelling station compressor",
     "45 MPa ionic-liquid hydrogen compressor for refuelling stations, 500 kg/day.", None, "mt06"),
    # G20 graphene thermal film (pair zh, en)
    ("mt08", "o82", "zh", "石墨烯导热膜",
     "以氧化石墨烯浆料涂布、高温石墨化及压延制备石墨烯导热膜，面内导热系数≥1500 W/(m·K)，厚度50~200 μm可调，"
     "用于智能手机与平板电脑散热。", "G20", None),
    ("mt09", "o83", "en", "Thick graphene heat-spreading films for smartphones",
     "Heat spreaders made from graphene oxide: slurry casting, thermal reduction and graphitisation above "
     "2,800 °C, then calendering. In-plane thermal conductivity of 1,500 W/m·K or more at thicknesses from "
     "50 to 200 µm, replacing stacked synthetic graphite sheets in phones and tablets.", "G20", None),
    ("mt10", "o82", "zh", "石墨烯防腐涂料",
     "石墨烯改性环氧富锌防腐涂料，锌含量降低一半，耐盐雾≥3000 h，用于海上风电塔筒。", None, "mt08"),
    ("mt11", "o84", "en", "Graphene conductive paste for lithium-ion cathodes",
     "Graphene/CNT hybrid conductive additive dispersion for LFP cathodes, lowering conductive agent "
     "loading to 0.8 % and improving rate capability.", None, "mt09"),
    # G36 colourless polyimide film (pair en, en)
    ("mt12", "o85", "en", "Colourless polyimide cover film for foldable displays",
     "Transparent polyimide (CPI) film to replace glass as the cover window of foldable phones: "
     "transmittance ≥89 %, yellowness index ≤2.5, withstands 200,000 folds at 1.5 mm radius, with hard "
     "coating reaching 4H pencil hardness.", "G36", None),
    ("mt13", "o86", "en", "Optically clear PI substrate and cover for bendable OLED",
     "Fluorinated alicyclic polyimide resin and film casting for foldable OLED cover windows. Specs: light "
     "transmission above 89 %, YI under 2.5, 200k fold cycles at R1.5, surface hardness 4H after hard "
     "coat. Aim to end reliance on imported CPI film.", "G36", None),
    ("mt14", "o85", "en", "Ultra-thin glass for foldable screens",
     "Chemically strengthened 30 µm ultra-thin glass (UTG) for foldable covers; bending radius 1.5 mm.",
     None, "mt12"),
    # G21 perovskite/silicon tandem (trio en, zh, zh)
    ("pv01", "o87", "en", "Perovskite/silicon tandem solar cell above 30 %",
     "Two-terminal monolithic tandem: wide-bandgap perovskite top cell on a textured silicon heterojunction "
     "bottom cell. Target certified efficiency ≥30 % on M6 size, via conformal self-assembled hole layers "
     "and improved recombination junction.", "G21", None),
    ("pv02", "o88", "zh", "钙钛矿/晶硅叠层电池",
     "以异质结晶硅电池为底电池，在绒面上共形沉积宽带隙钙钛矿顶电池，研究自组装单分子空穴传输层和隧穿复合层，"
     "两端叠层电池认证效率突破30%，面积为M6尺寸。", "G21", None),
    ("pv03", "o89", "zh", "两端叠层光伏电池效率提升",
     "研发钙钛矿-硅两端串联叠层太阳电池：底电池采用HJT，顶电池1.68 eV带隙钙钛矿，"
     "优化中间互联层与界面钝化，目标大面积器件光电转换效率≥30%。", "G21", None),
    ("pv04", "o90", "en", "Perovskite module damp-heat stability",
     "Encapsulation and barrier films for single-junction perovskite modules to pass IEC 61215 damp heat "
     "1,000 h with less than 5 % loss.", None, "pv01"),
    ("pv05", "o88", "zh", "钙钛矿狭缝涂布设备",
     "开发用于大面积钙钛矿薄膜的狭缝涂布与真空闪蒸设备，幅宽1.2 m，膜厚不均匀性<5%。", None, "pv02"),
    # G22 HJT copper plating metallisation (pair zh, en)
    ("pv06", "o91", "zh", "异质结电池铜电镀金属化",
     "以铜电镀栅线替代低温银浆，开发种子层溅射、图形化与电镀工艺，银耗降为零，栅线宽度≤15 μm，"
     "电池效率不低于银浆方案，降低非硅成本。", "G22", None),
    ("pv07", "o92", "en", "Silver-free copper plated contacts for heterojunction cells",
     "HJT cells consume a lot of low-temperature silver paste. We replace printed silver fingers with "
     "electroplated copper on a sputtered seed layer, patterned by laser or photolithography. Finger "
     "width 15 µm or less, zero silver, efficiency at least equal to the silver baseline.", "G22", None),
    ("pv08", "o91", "en", "Light-injection annealing for HJT cells",
     "Equipment and process for light-injection annealing after metallisation of heterojunction cells: "
     "high-intensity LED exposure at controlled temperature to passivate hydrogen-related defects, giving "
     "+0.3 %abs efficiency. Throughput 8,000 wafers/h.", None, "pv07"),
    ("pv09", "o93", "zh", "TOPCon电池激光辅助烧结",
     "导入激光增强接触优化（LECO）工艺，提升TOPCon电池开路电压与填充因子，效率提升0.3%以上。", None, "pv06"),
    # G23 titanium alloy additive manufacturing of aircraft structures (pair zh, zh)
    ("av01", "o94", "zh", "航空钛合金结构件激光选区熔化成形",
     "针对大型客机钛合金复杂支架，采用激光选区熔化（SLM）成形TC4合金，致密度≥99.9%，抗拉强度≥950 MPa，"
     "建立材料—工艺—检测适航数据包。", "G23", None),
    ("av02", "o95", "zh", "民机TC4复杂构件粉末床增材制造",
     "研究Ti-6Al-4V粉末床熔融（L-PBF）打印民用飞机复杂支架类零件，控制孔隙与残余应力，"
     "相对密度不低于99.9%，室温抗拉强度950兆帕以上，形成满足适航审定的工艺规范。", "G23", None),
    ("av03", "o96", "zh", "航空发动机高温合金单晶叶片",
     "研制第二代镍基单晶高温合金涡轮叶片，铸造合格率提高至60%，承温能力1100℃。", None, "av01"),
    # G38 eVTOL distributed electric propulsion motor (pair en, zh)
    ("av04", "o97", "en", "High power-density motor for eVTOL propulsion",
     "Axial-flux permanent-magnet motor for distributed electric propulsion of eVTOL aircraft: "
     "continuous power density ≥5 kW/kg, efficiency ≥95 %, dual-winding fault tolerance, direct drive of "
     "the propeller without gearbox.", "G38", None),
    ("av05", "o98", "zh", "电动垂直起降飞行器推进电机",
     "研发eVTOL分布式电推进用轴向磁通永磁电机，持续功率密度不低于5 kW/kg，效率大于95%，"
     "采用双余度绕组实现容错，直驱螺旋桨，满足适航可靠性要求。", "G38", None),
    ("av06", "o97", "en", "eVTOL flight control computer",
     "Triple-redundant fly-by-wire flight control computer for a lift-plus-cruise eVTOL, DO-178C DAL A.",
     None, "av04"),
    # G25 LLM for equipment fault diagnosis (pair en, zh)
    ("ai01", "o99", "en", "Large language model for equipment fault diagnosis",
     "Fine-tune an open LLM on maintenance manuals, work orders and alarm logs of CNC machines and "
     "injection moulding machines so that technicians can describe a symptom and get ranked root causes "
     "and repair steps. Retrieval-augmented generation over the plant knowledge base; target top-3 "
     "diagnosis accuracy ≥85 %.", "G25", None),
    ("ai02", "o100", "zh", "工业设备故障诊断大模型",
     "基于开源大语言模型，利用设备手册、维修工单、报警记录进行领域微调，结合检索增强生成，"
     "维修人员用自然语言描述故障现象即可获得可能原因排序与处置步骤，面向数控机床和注塑机，前三项诊断准确率≥85%。",
     "G25", None),
    ("ai03", "o99", "zh", "设备振动预测性维护",
     "在主轴、风机上加装振动传感器，利用边缘计算提取特征并预测轴承剩余寿命，提前两周预警。", None, "ai02"),
    ("ai04", "o101", "en", "LLM assistant for PLC code generation",
     "Generating IEC 61131-3 structured text from natural-language requirements with an LLM fine-tuned "
     "on PLC projects; automatic unit test generation.", None, "ai01"),
]
