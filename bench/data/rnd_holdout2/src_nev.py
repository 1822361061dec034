"""New-energy vehicles and batteries (hand-written; see README)."""

P = [
    # G14 sulfide solid electrolyte (trio zh, zh, en)
    ("ev01", "o57", "zh", "硫化物固态电解质材料开发",
     "开发Li6PS5Cl型硫银锗矿硫化物固态电解质，室温离子电导率≥10 mS/cm，改善空气稳定性（H2S释放降低90%），"
     "实现百公斤级制备，用于全固态电池。", "G14", None),
    ("ev02", "o58", "zh", "全固态电池用硫系电解质规模化制备",
     "围绕全固态锂电池，研究锂磷硫氯（argyrodite结构）电解质的固相/液相合成与粒径控制，"
     "离子电导率达到1×10⁻² S/cm量级，通过掺杂提升对水分的耐受、抑制硫化氢产生，建成百公斤级中试线。", "G14", None),
    ("ev03", "o59", "en", "Argyrodite sulfide electrolyte for all-solid-state batteries",
     "We develop chlorine-doped lithium argyrodite (Li6PS5Cl-type) solid electrolyte powder with ionic "
     "conductivity of at least 10 mS/cm at room temperature, better moisture tolerance (much less H2S "
     "when exposed to dry-room air) and a scalable synthesis at 100 kg batch size for cell makers.",
     "G14", None),
    ("ev04", "o60", "en", "Oxide electrolyte coated separators",
     "LLZO ceramic coating on polyolefin separators for semi-solid cells, improving thermal shrinkage "
     "at 180 °C and wettability. Not an all-solid-state approach.", None, "ev03"),
    ("ev05", "o57", "zh", "固态电池干法电极与叠片装备",
     "开发固态电池干法成膜电极工艺及等静压叠片设备，解决固-固界面接触问题，面密度≥25 mg/cm²。", None, "ev01"),
    # G15 thermal runaway early warning (pair zh, en)
    ("ev06", "o61", "zh", "动力电池热失控早期预警技术",
     "在电池包内布置H2/CO气体传感器与压力传感器，融合BMS电压、温度数据，建立热失控早期识别算法，"
     "实现提前≥5分钟预警，误报率<0.1次/年，满足GB 38031热扩散报警要求。", "G15", None),
    ("ev07", "o62", "en", "Early detection of thermal runaway in EV battery packs",
     "Multi-signal early warning: hydrogen and CO gas sensing, pack pressure, cell voltage and temperature "
     "are fused by an algorithm in the BMS to flag thermal runaway several minutes (≥5 min) before fire. "
     "Requirement: false alarms below 0.1 per vehicle-year and compliance with the GB 38031 thermal "
     "propagation warning clause.", "G15", None),
    ("ev08", "o61", "en", "Aerogel barrier pads against thermal propagation",
     "Silica aerogel composite pads between cells to stop thermal runaway spreading inside a module; "
     "goal: no fire or explosion within 5 min of trigger, pad thickness 1.5 mm.", None, "ev07"),
    ("ev09", "o63", "zh", "电池包底部防护与轻量化",
     "采用复合材料下壳体替代铝合金，兼顾底部球击防护与减重20%，满足电池包机械安全要求。", None, "ev06"),
    # G16 silicon-carbon anode (pair en, en)
    ("ev10", "o64", "en", "CVD silicon-carbon anode material",
     "Porous carbon scaffold filled with silicon by silane CVD for high-energy cells. Targets: specific "
     "capacity ≥1,800 mAh/g, first-cycle efficiency above 90 %, electrode swelling under 30 %, 1,000 cycles "
     "with 80 % retention in full cells blended with graphite.", "G16", None),
    ("ev11", "o65", "en", "Silane-deposited Si/C composite for next-generation anodes",
     "Nano-silicon deposited from monosilane gas inside porous carbon particles to accommodate volume "
     "change. We target reversible capacity around 1,800 mAh per gram, initial coulombic efficiency over "
     "90 %, limited electrode expansion and long cycle life, and a 1,000-tonne pilot line.", "G16", None),
    ("ev12", "o64", "en", "Prelithiation additive for silicon anodes",
     "A cathode-side prelithiation additive (Li5FeO4) compensating first-cycle lithium loss of Si anodes; "
     "raises cell energy by 8 %.", None, "ev10"),
    # G17 800V SiC motor controller (pair zh, en)
    ("ev13", "o66", "zh", "800V碳化硅电机控制器",
     "开发800V高压平台碳化硅电机控制器，峰值功率250 kW，功率密度≥45 kW/L，CLTC工况综合效率≥92%，"
     "满足ASIL-C功能安全，配套主驱电机总成。", "G17", "ic01"),
    ("ev14", "o67", "en", "SiC traction inverter for 800 V vehicles",
     "High-voltage traction inverter based on SiC modules for 800 V platforms. Peak output 250 kW, power "
     "density over 45 kW/L, system efficiency above 92 % on the CLTC cycle, ISO 26262 ASIL C. Includes "
     "control board, DC-link film capacitor and liquid cooling design.", "G17", "ic02"),
    # G32 heat-treatment-free die-cast aluminium for giga-casting (trio zh, zh, zh)
    ("ev15", "o68", "zh", "一体化压铸免热处理铝合金",
     "研发适用于车身后地板一体化压铸的免热处理铝合金材料，铸态屈服强度≥120 MPa，延伸率≥10%，"
     "满足6000T以上压铸机大型薄壁件成形要求。", "G32", None),
    ("ev16", "o69", "zh", "大型一体压铸件用非热处理铝合金材料",
     "新能源车身大型结构件采用超大吨位压铸一次成形后，热处理易引起变形。本项目开发Al-Si-Mn-Mg系非热处理强化合金，"
     "铸态条件下抗拉屈服不低于120兆帕、断后伸长率10%以上，流动性满足一米以上薄壁充型。", "G32", None),
    ("ev17", "o70", "zh", "车身结构件免热处理压铸合金研究",
     "通过成分优化和微合金化，获得无需T6/T7热处理即可使用的高韧压铸铝合金，屈服强度120MPa以上、"
     "伸长率不小于10%，用于前舱、后地板等一体化超大压铸件，降低工序成本和尺寸变形。", "G32", None),
    ("ev18", "o68", "zh", "超大型压铸模具热平衡与寿命",
     "针对9000吨级压铸模具，研究模温控制与随形冷却水路设计，目标模具寿命提高到10万模次以上。", None, "ev15"),
    # G33 sodium-ion layered oxide cathode (trio en, en, en)
    ("ev19", "o71", "en", "Layered oxide cathode for sodium-ion batteries",
     "O3-type NaNiFeMn layered oxide cathode with specific capacity ≥140 mAh/g, improved air stability and "
     "3,000 cycles in full cells with hard carbon. Scale-up to 10 kt/a.", "G33", None),
    ("ev20", "o72", "en", "Sodium-ion cathode: air-stable layered transition-metal oxide",
     "Layered sodium transition metal oxides (Ni-Fe-Mn, O3 phase) suffer from moisture sensitivity. "
     "Doping and surface coating will make the powder tolerate ambient storage while delivering around "
     "140 mAh/g and long cycling (3,000 cycles, paired with hard carbon anodes). Mass production planned "
     "at ten thousand tonnes per year.", "G33", None),
    ("ev21", "o73", "en", "High-capacity O3 cathode powder for Na-ion cells",
     "Development of Na[NiFeMn]O2 cathode for energy storage and two-wheelers: ≥140 mAh/g, residual alkali "
     "reduction for better slurry processing and air stability, 3,000-cycle life. Industrial line of "
     "10,000 t/a.", "G33", None),
    ("ev22", "o71", "en", "Hard carbon anode from biomass",
     "Hard carbon for sodium-ion cells from coconut shell precursors: reversible capacity 320 mAh/g, "
     "first-cycle efficiency 90 %, cost below 40,000 CNY/t.", None, "ev19"),
    ("ev23", "o74", "en", "Prussian white cathode for sodium-ion",
     "Prussian white (Na2Fe[Fe(CN)6]) cathode with low crystal water content for low-cost storage cells; "
     "capacity 150 mAh/g.", None, "ev20"),
    # G24 electrode coating defect vision inspection (pair zh, zh)
    ("ev24", "o75", "zh", "锂电池极片涂布缺陷视觉检测",
     "在涂布机上安装线阵相机，利用深度学习检测极片漏箔、气泡、划痕、颗粒等缺陷，最小缺陷0.2 mm，"
     "速度80 m/min，漏检率<0.1%。", "G24", None),
    ("ev25", "o76", "zh", "锂电极片表面瑕疵在线AI识别系统",
     "面向动力电池正负极极片高速涂布工序，研制基于线扫描成像和神经网络的在线外观检测装备，"
     "可识别露箔、针孔气泡、划痕、异物等，最小可检尺寸0.2毫米，线速度八十米每分钟，漏检小于千分之一。",
     "G24", None),
    ("ev26", "o75", "zh", "电芯X射线叠片对齐度检测",
     "利用X射线成像检测叠片电芯阴阳极对齐度（Overhang），检测精度±0.1 mm，每分钟24只。", None, "ev24"),
]
