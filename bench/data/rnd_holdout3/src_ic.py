# Integrated-circuit projects, hand-written for rnd_holdout3. Format: see src_robot.py.

P = [
    # --- cluster sicm: 1200 V SiC MOSFET die for EV main inverters --------------------------------
    ("sicm_a", "c1", "zh", "sicm", "车规级1200 V SiC MOSFET芯片开发",
     "面向新能源汽车主驱逆变器，开发1200 V沟槽栅碳化硅MOSFET。技术路线：非对称沟槽结构以缩小元胞尺寸，"
     "优化栅氧氮化退火工艺提升阈值电压稳定性，背面减薄与激光退火降低衬底电阻。目标：比导通电阻≤3.0 mΩ·cm²，"
     "单芯片Rds(on)≤13 mΩ，HTGB 1000 h阈值漂移≤0.2 V，通过AEC-Q101考核。6英寸线试流片中，TRL 5。"),
    ("sicm_b", "c2", "en", "sicm", "Trench silicon-carbide power transistor for 800 V traction inverters",
     "An 800 V battery platform needs switches rated at 1,200 V with low conduction loss at high junction "
     "temperature. We are designing a trench-gate 4H-SiC MOSFET die for main-drive inverter modules. Key work "
     "items are a shielding implant at the trench bottom to protect the gate oxide, a nitridation anneal for a "
     "stable threshold voltage, and wafer thinning to 150 µm. Targets: specific on-resistance of 2.8 to "
     "3.2 mΩ·cm², about 12 mΩ per die at 25 °C, threshold drift under 0.25 V after 1,000 h of high-temperature "
     "gate bias, and automotive qualification to AEC-Q101. Engineering lots run on 6-inch wafers (TRL 5)."),
    ("sicm_c", "n1", "zh", "sicm", "自研主驱碳化硅功率芯片",
     "整车企业为掌握800 V高压平台核心器件，联合代工厂自主设计电驱逆变器用碳化硅功率开关芯片，耐压1200 V级。"
     "重点是芯片与自有功率模块的协同设计、高结温下的导通损耗，以及短路耐受时间≥3 μs。目标导通电阻约12–14 mΩ"
     "（25 °C），175 °C下增幅≤1.6倍，满足整车可靠性要求。处于芯片设计与首轮流片，TRL 4。"),

    # --- cluster sics: 200 mm conductive 4H-SiC substrates ----------------------------------------
    ("sics_a", "c3", "zh", "sics", "8英寸导电型碳化硅单晶衬底",
     "采用物理气相传输（PVT）法生长8英寸4H-SiC单晶，攻关大尺寸热场设计、籽晶粘接与扩径工艺，以及切磨抛加工。"
     "目标：微管密度≤0.5个/cm²，基平面位错≤1000个/cm²，电阻率0.015–0.025 Ω·cm，TTV≤10 μm，翘曲≤35 μm。"
     "已长出8英寸晶锭，处于良率提升阶段，TRL 6。"),
    ("sics_b", "c4", "en", "sics", "200 mm n-type 4H-SiC wafers",
     "We aim to ship 200 mm conductive silicon-carbide substrates to device makers. Boules are grown by "
     "sublimation in an induction-heated furnace with a redesigned graphite hot zone that keeps the radial "
     "temperature gradient low while the crystal is expanded from a 150 mm seed. Wafering uses laser slicing "
     "instead of multi-wire sawing to cut kerf loss. Specifications: micropipe density below 0.3 cm⁻², basal "
     "plane dislocations under 800 cm⁻², resistivity 0.015 to 0.028 Ω·cm, total thickness variation of 8 µm "
     "or less. The first 200 mm boules have been grown and we are ramping yield (TRL 5 to 6)."),

    # --- cluster gan: 650 V e-mode GaN-on-Si power HEMT --------------------------------------------
    ("gan_a", "c5", "en", "gan", "650 V enhancement-mode GaN-on-silicon power transistors",
     "For fast chargers and server power supplies we develop normally-off GaN HEMTs on 8-inch silicon. The "
     "route is a p-GaN gate, buffer engineering to suppress current collapse, and a copper-compatible back end "
     "so the devices can run in a CMOS-type fab. Targets: 650 V rating, a product range from 50 to 150 mΩ, "
     "dynamic on-resistance increase below 10 % under 400 V hard switching, threshold voltage above 1.5 V, and "
     "JEDEC qualification. Epitaxy and the device process are running on a pilot line (TRL 6)."),
    ("gan_b", "c6", "zh", "gan", "硅基氮化镓功率器件（650 V增强型）",
     "面向快充适配器与数据中心电源，开发8英寸硅衬底氮化镓功率HEMT。采用p型GaN栅实现常关，优化碳掺杂缓冲层"
     "抑制电流崩塌，并开发配套的低寄生封装。指标：耐压650 V，阈值电压≥1.7 V，70 mΩ规格导通电阻，"
     "硬开关下动态电阻退化≤15%，通过JEDEC可靠性考核。处于工艺开发与小批量试产阶段，TRL 6。"),

    # --- cluster arf: ArF immersion photoresist for 28 nm logic -----------------------------------
    ("arf_a", "c7", "zh", "arf", "28 nm节点ArF浸没式光刻胶",
     "开发用于逻辑芯片28 nm节点的193 nm浸没式化学放大光刻胶，包括成膜树脂、光致产酸剂的自主合成及与顶部涂层的"
     "匹配。目标：分辨率≤45 nm L/S，线宽粗糙度LWR≤3 nm，金属离子含量≤5 ppb，缺陷密度满足量产要求。"
     "已在客户产线完成首轮验证，TRL 6。"),
    ("arf_a2", "c7", "en", "arf", "ArF immersion resist for 28 nm logic: scale-up and second qualification",
     "Continuation of our 193 nm immersion chemically amplified resist programme for the critical layers of "
     "28 nm logic. This phase covers scale-up of the resin polymer and photoacid generator synthesis to 100 kg "
     "batches, statistical control of lot-to-lot variation, and the second round of qualification at the "
     "customer fab. Targets are unchanged from phase one: 45 nm line/space resolution, line-width roughness of "
     "3 nm or less, metal impurities at or below 5 ppb, and a defect level the fab accepts for volume "
     "production. TRL 6 moving to 7."),
    ("arf_b", "c8", "zh", "arf", "193i正性光刻胶材料研发",
     "面向12英寸晶圆厂28 nm及以上工艺的关键层，自主开发193i（浸润式）正性光刻胶。路线：自合成甲基丙烯酸酯类树脂，"
     "通过调控酸扩散长度改善线边粗糙度，并引入疏水添加剂实现无顶涂层（topcoat-free）工艺。指标：极限分辨率"
     "40–45 nm，LWR<3.5 nm，曝光宽容度≥10%。目前完成配方筛选，TRL 4。"),
    ("arf_c", "c9", "en", "arf", "Immersion lithography resist for 28 nm logic",
     "We formulate a chemically amplified positive-tone resist for 193 nm immersion scanners, aimed at the "
     "critical layers of 28 nm logic. Work includes acrylic-backbone polymers with lactone and acid-labile "
     "groups, a polymer-bound photoacid generator to limit acid diffusion, and a fluorinated surface additive "
     "so that the resist can be used without a topcoat. Targets: 45 nm dense lines, line-width roughness under "
     "3 nm, exposure latitude of at least 10 %, trace metals below 10 ppb. Formulation screening is done on a "
     "partner fab's litho cell (TRL 4 to 5)."),

    # --- cluster sta: sign-off static timing analysis -----------------------------------------------
    ("sta_a", "c10", "zh", "sta", "国产签核级静态时序分析工具",
     "开发支持先进工艺的签核级静态时序分析（STA）工具，支持多角多模（MCMM）、OCV/AOCV/POCV时序变化建模和"
     "串扰（SI）延时分析。目标：与主流签核工具时序结果偏差≤2%，亿门级设计全芯片分析时间≤4 h，支持分布式并行"
     "和增量分析。TRL 5，已在两家设计公司试用。"),
    ("sta_b", "c11", "en", "sta", "Timing sign-off engine for digital chips",
     "A timing sign-off engine for digital designs that reads Liberty, SDC, SPEF and Verilog netlists. The "
     "route combines graph-based and path-based analysis, parametric on-chip variation using LVF data, "
     "crosstalk delay and glitch noise, multi-corner multi-mode analysis in a single run, and a distributed "
     "scheduler for very large designs. Targets: slack correlation within 2 % of the reference sign-off tool "
     "on 7 to 28 nm designs and full-chip runtime under 4 hours for designs with 100 million instances. The "
     "beta is with customers (TRL 5)."),

    # --- cluster int: 2.5D silicon-interposer chiplet integration ---------------------------------
    ("int_a", "c12", "zh", "int", "基于硅转接板的2.5D Chiplet集成封装",
     "开发2.5D先进封装工艺，将多颗芯粒与HBM通过硅转接板互连。关键工艺：TSV深孔刻蚀与填充、多层RDL布线"
     "（线宽/线距≤0.4/0.4 μm）、微凸点（节距≤40 μm）以及大尺寸转接板翘曲控制。目标：转接板面积≥2倍光罩尺寸，"
     "封装良率≥95%。中试线验证中，TRL 5。"),
    ("int_b", "c13", "en", "int", "Silicon interposer platform for chiplets and HBM",
     "Large AI processors are now built from several logic dies plus HBM stacks placed side by side on a passive "
     "silicon interposer. We are setting up the complete flow: through-silicon vias, a four-level fine-pitch "
     "redistribution stack, 40 µm pitch micro-bumps, chip-on-wafer bonding, and warpage management for "
     "interposers larger than one reticle field. Goals: interposer area up to 2,500 mm², redistribution "
     "line/space of 0.4/0.4 µm, and assembly yield above 95 %. Pilot line stage (TRL 5)."),

    # --- cluster gd: isolated gate driver IC for SiC MOSFETs --------------------------------------
    ("gd_a", "c14", "zh", "gd", "SiC功率器件专用隔离栅极驱动芯片",
     "面向车载主驱与光伏逆变器中的碳化硅MOSFET，开发单通道隔离栅驱动IC，集成电容隔离、退饱和（DESAT）短路保护、"
     "有源米勒钳位和软关断功能。指标：CMTI≥150 kV/μs，峰值驱动电流±10 A，传播延迟≤60 ns，短路保护响应≤1.5 μs，"
     "满足车规AEC-Q100 Grade 1。已流片，TRL 5。"),
    ("gd_b", "c15", "en", "gd", "Isolated driver chip for silicon-carbide switches",
     "SiC MOSFETs switch very fast and survive a short circuit for only a few microseconds, so the driver must "
     "tolerate extreme dv/dt and react quickly. We design a single-channel isolated driver chip with a "
     "capacitive isolation barrier, desaturation detection with soft turn-off, an active Miller clamp and "
     "monitoring of the isolated supply. Targets: common-mode transient immunity above 150 V/ns, 8 to 10 A "
     "peak output, propagation delay below 60 ns, fault reaction in under 2 µs, and AEC-Q100 grade 1. First "
     "silicon is under evaluation (TRL 5)."),

    # --- singletons ----------------------------------------------------------------------------------
    ("sic33", "c16", "en", None, "3.3 kV SiC MOSFET modules for rail traction converters",
     "Metro and high-speed train converters still use 3.3 kV silicon IGBTs. We are developing 3.3 kV planar "
     "SiC MOSFET chips and a matching high-insulation module (LV100 outline, 800 A) for traction converters. "
     "Work covers thick drift-layer epitaxy, robust junction termination for cosmic-ray ruggedness, and "
     "body-diode degradation screening. Targets: switching losses 70 % below the silicon IGBT it replaces, "
     "partial discharge below 10 pC at 5.1 kV, and a failure rate compatible with 30-year vehicle life. "
     "Samples are planned for a converter test in 2026 (TRL 4)."),
    ("ganrf", "c17", "zh", None, "5G基站用GaN射频功率放大器芯片",
     "基于碳化硅衬底GaN HEMT工艺，开发3.3–3.8 GHz频段5G宏基站用Doherty功率放大器芯片及模块。重点优化器件"
     "电流崩塌与记忆效应，提高DPD线性化后的效率。指标：饱和输出功率≥400 W，回退8 dB时漏极效率≥50%，"
     "ACLR≤−50 dBc（DPD后）。工程样品测试中，TRL 6。"),
    ("krf", "c18", "zh", None, "3D NAND用KrF厚膜光刻胶",
     "3D NAND台阶刻蚀需要数微米厚的光刻胶作为掩膜。本项目开发248 nm KrF厚膜正性光刻胶，单次涂布厚度5–15 μm，"
     "侧壁陡直、耐刻蚀。指标：10 μm膜厚下分辨率≤1.5 μm，侧壁角≥85°，高深宽比图形无倒塌。已送样存储厂评估，TRL 5。"),
    ("mono", "c19", "en", None, "Electronic-grade monomers and photoacid generators for ArF resists",
     "Resist makers in China import almost all of the specialty monomers and photoacid generators they need. "
     "We develop synthesis and purification routes for adamantyl and lactone methacrylate monomers and for "
     "sulfonium-salt PAGs, with metal removal by ion exchange and distillation. Targets: monomer purity of "
     "99.5 % or higher, each metal below 10 ppb, batch size of 50 kg with stable impurity profile, and "
     "supply agreements with two resist formulators. Kilogram batches have been qualified by one customer "
     "(TRL 5)."),
    ("spice", "c20", "zh", None, "GPU加速的晶体管级电路仿真器",
     "面向模拟/混合信号与存储器设计，开发基于GPU并行的晶体管级SPICE电路仿真器。采用并行稀疏矩阵求解和器件模型"
     "批量计算，支持BSIM-CMG等工艺模型。目标：与商用仿真器精度偏差≤1%，千万元件规模后仿真速度提升10倍以上。"
     "处于原型开发阶段，TRL 4。"),
    ("drc", "c21", "en", None, "Physical verification tool (DRC/LVS) for 28 nm and below",
     "Tape-out needs design rule checking and layout-versus-schematic comparison that foundries will accept. "
     "We build a hierarchical, multi-threaded physical verification engine with a rule-deck translator for "
     "the major foundry formats, connectivity extraction and LVS comparison. Targets: full-chip DRC of a "
     "28 nm design with one billion polygons in under 6 hours on 64 cores, zero missed violations on the "
     "foundry's qualification test suite, and certification by at least one domestic foundry. Alpha release "
     "(TRL 4)."),
    ("hb", "c22", "zh", None, "晶圆级Cu-Cu混合键合工艺",
     "开发晶圆对晶圆（W2W）混合键合工艺，实现存储与逻辑芯片的三维堆叠。攻关键合前表面CMP形貌控制（铜凹陷≤5 nm）、"
     "等离子活化与低温退火。指标：键合对准精度≤200 nm，互连节距≤1 μm，键合空洞率<0.1%。工艺验证阶段，TRL 4。"),
    ("probe", "c23", "en", None, "MEMS vertical probe cards for wafer-level test",
     "Wafer sort of high-pin-count SoCs needs vertical probe cards with thousands of fine-pitch needles. We "
     "develop MEMS-fabricated probe needles by electroplating multilayer alloys, a ceramic space transformer "
     "and the assembly and repair process. Targets: probe pitch of 60 µm, contact resistance below 0.5 Ω over "
     "1 million touchdowns, current carrying capacity of 1 A per needle, and planarity within 15 µm across a "
     "300 mm card. Prototype cards are being evaluated at a test house (TRL 5)."),
    ("epi", "c24", "zh", None, "8英寸碳化硅同质外延生长工艺",
     "在8英寸4H-SiC衬底上开展厚膜同质外延生长研究，用于1200 V及以上功率器件。攻关大尺寸反应室温场与气流均匀性、"
     "基平面位错向刃位错转化的缓冲层设计。指标：外延厚度均匀性≤2%，掺杂均匀性≤4%，表面缺陷密度≤0.5个/cm²，"
     "BPD转化率≥99.9%。设备调试完成，TRL 4。"),
    ("igbt", "c1", "zh", None, "风电变流器用1700 V IGBT模块",
     "面向海上风电大功率变流器，开发1700 V/1800 A半桥IGBT模块。采用场截止沟槽栅芯片、银烧结与铜线键合提升"
     "功率循环能力，优化模块内部均流布局。指标：ΔTj=100 K时功率循环≥10万次，结温175 ℃，杂散电感≤10 nH。"
     "完成样品试制，TRL 5。"),

    # --- same-organisation near-duplicates --------------------------------------------------------
    ("mcu_a", "c25", "zh", "s_mcu", "车规级RISC-V MCU芯片研发（一期）",
     "开发基于RISC-V内核的车规级32位微控制器，用于车身控制与区域控制器。双核锁步设计满足ISO 26262 ASIL-D，"
     "集成CAN FD、LIN、以太网接口和硬件安全模块。指标：主频300 MHz，Flash 4 MB，工作温度−40～150 ℃，"
     "通过AEC-Q100 Grade 0。一期完成架构设计与FPGA验证，TRL 3。"),
    ("mcu_b", "c25", "zh", "s_mcu", "RISC-V车规微控制器流片与量产导入",
     "承接前期RISC-V车规MCU架构研发成果，完成40 nm eFlash工艺流片、功能安全认证与客户导入。芯片为双核锁步"
     "RISC-V处理器，主频300 MHz，4 MB Flash，集成CAN FD/LIN/以太网与HSM，目标ASIL-D功能安全等级与AEC-Q100 "
     "Grade 0可靠性认证，并在两家整车/Tier1的车身域控制器上完成装车验证。TRL 5。"),
    ("cmp_a", "c26", "en", "s_cmp", "Copper CMP slurry for advanced logic interconnect",
     "Chemical mechanical planarisation of copper interconnect at 28 nm and below needs slurries that remove "
     "copper fast while leaving little dishing and corrosion. We formulate a colloidal-silica copper slurry "
     "with a new complexing agent and a corrosion inhibitor package. Targets: copper removal rate of 8,000 "
     "Å/min, dishing below 300 Å on 100 µm lines, copper-to-barrier selectivity above 100, and scratch defects "
     "under 20 per wafer. Customer fab evaluation is under way (TRL 5)."),
    ("cmp_b", "c26", "zh", "s_cmp", "先进逻辑铜互连化学机械抛光液",
     "面向28 nm及以下逻辑工艺铜互连平坦化，开发胶体二氧化硅体系铜抛光液，采用新型络合剂与复合缓蚀剂，"
     "兼顾高去除速率与低碟形凹陷。指标：铜去除速率约8000 Å/min，100 μm线条碟形凹陷<300 Å，铜/阻挡层选择比>100，"
     "单片划伤缺陷<20个。目前在客户晶圆厂评估，TRL 5。"),
]

HN = [
    ("gd_a", "sics_b", "SiC gate driver IC vs SiC substrate growth"),
    ("gd_b", "sics_a", "SiC gate driver IC vs SiC substrate growth"),
    ("sicm_a", "sics_a", "SiC MOSFET die vs the substrate it is made on (chain neighbours)"),
    ("sicm_b", "sic33", "SiC MOSFET: 1.2 kV EV traction die vs 3.3 kV rail traction module"),
    ("epi", "sics_b", "SiC epitaxy vs SiC substrate"),
    ("epi", "sicm_c", "SiC epitaxy vs SiC MOSFET die"),
    ("gd_a", "sicm_b", "gate driver vs the SiC switch it drives"),
    ("gan_a", "ganrf", "GaN power HEMT for chargers vs GaN RF power amplifier"),
    ("arf_b", "krf", "photoresist: ArF immersion for logic vs KrF thick film for 3D NAND"),
    ("arf_c", "mono", "ArF resist formulation vs resist monomers and PAGs (raw materials)"),
    ("sta_a", "spice", "EDA: static timing analysis vs circuit simulation"),
    ("sta_b", "drc", "EDA: timing sign-off vs physical verification"),
    ("int_a", "hb", "advanced packaging: 2.5D interposer vs wafer-to-wafer hybrid bonding"),
    ("igbt", "sic33", "power modules for converters: Si IGBT for wind vs SiC for rail"),
    ("cmp_a", "hb", "copper CMP slurry vs hybrid bonding which needs Cu CMP"),
]
