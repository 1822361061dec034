# New-energy-vehicle projects, hand-written for rnd_holdout3. Format: see src_robot.py.

P = [
    # --- cluster sss: sulfide all-solid-state battery cells for EVs -------------------------------
    ("sss_a", "n2", "zh", "sss", "硫化物全固态锂电池电芯开发",
     "采用硫银锗矿型硫化物电解质、高镍三元正极与硅碳负极，开发干法电极及等静压致密化工艺的全固态电芯。"
     "重点解决正极/电解质界面副反应、循环中体积变化导致的接触失效。目标：能量密度≥400 Wh/kg，单体容量≥20 Ah，"
     "循环1000次容量保持≥80%，通过针刺与热箱测试。目前完成Ah级电芯，TRL 4。"),
    ("sss_b", "n3", "en", "sss", "All-solid-state pouch cells with argyrodite electrolyte",
     "We are scaling sulfide-based all-solid-state lithium cells from coin cells to a 20 Ah pouch format for "
     "electric vehicles. The cell combines an argyrodite Li6PS5Cl separator layer, a coated nickel-rich "
     "cathode and a silicon-based anode, made with a solvent-free electrode process and warm isostatic "
     "pressing to remove porosity. Targets: 400 Wh/kg and 900 Wh/L at cell level, 1,000 cycles to 80 % "
     "capacity, and an operating stack pressure below 2 MPa so that the module does not need heavy end "
     "plates. Current status: 5 Ah multilayer cells (TRL 4)."),
    ("sss_c", "n4", "en", "sss", "Thiophosphate solid-electrolyte cells for a 2028 vehicle demonstrator",
     "The battery centre of our vehicle group is preparing a demonstrator car with solid-state cells. We "
     "work on large-format cells in which a thiophosphate glass-ceramic electrolyte replaces the liquid "
     "electrolyte and separator, with a high-nickel cathode and a silicon-rich anode. Our focus is on what "
     "the vehicle needs: 380 to 420 Wh/kg cell energy, fast charge from 10 to 80 % in under 20 minutes, "
     "passing nail penetration and 200 °C hot-box tests without fire, and at least 1,000 full cycles. "
     "Ampere-hour class cells are in test (TRL 4)."),

    # --- cluster nai: sodium-ion cells with layered-oxide cathode ---------------------------------
    ("nai_a", "n5", "zh", "nai", "层状氧化物正极钠离子电池研制",
     "面向电动两轮车与户用储能，开发层状氧化物正极+硬碳负极的钠离子电池，覆盖圆柱26700与方形两种形态。"
     "重点解决正极空气稳定性与首效问题。目标：电芯能量密度≥150 Wh/kg，−20 ℃放电容量保持≥88%，"
     "循环≥3000次，材料成本较磷酸铁锂低20%。已建成中试线，TRL 6。"),
    ("nai_b", "n6", "en", "nai", "Sodium-ion cells for two-wheelers and home storage",
     "A sodium-ion cell product based on a copper-iron-manganese layered oxide cathode and a biomass-derived "
     "hard carbon anode, with aluminium foil on both electrodes to save copper. We target two-wheeled "
     "electric vehicles and residential storage, where low-temperature performance and cost matter more than "
     "energy density. Targets: 145 to 160 Wh/kg, 3,000 cycles to 80 %, 90 % of room-temperature capacity at "
     "−20 °C, and a bill of materials 15 to 25 % below LFP cells. Pilot production is running (TRL 6)."),

    # --- cluster soc: SOC / SOH estimation for LFP packs -------------------------------------------
    ("soc_a", "n7", "zh", "soc", "磷酸铁锂电池包高精度SOC/SOH估算算法",
     "磷酸铁锂电池开路电压平台平坦，SOC估算误差大。项目融合等效电路模型与扩展卡尔曼滤波，并引入数据驱动的"
     "容量衰减模型，实现全寿命周期SOC与SOH联合估算，算法部署于BMS主控MCU。目标：全温度范围SOC误差≤3%，"
     "SOH误差≤2%，运算负载<20% CPU。实车数据验证中，TRL 5。"),
    ("soc_b", "n8", "en", "soc", "State-of-charge and health estimation for lithium iron phosphate packs",
     "Because the voltage curve of lithium iron phosphate is almost flat between 20 and 80 %, drivers see "
     "range jumps and the pack is often recalibrated only at full charge. We combine a reduced-order "
     "electrochemical-thermal cell model with an adaptive observer, and correct its capacity parameter with "
     "a learning model trained on fleet data from the cloud. Targets: charge-level error within 3 % over the "
     "whole temperature range, capacity (health) error within 2 %, and code that runs on the existing BMS "
     "controller. Validation on 200 vehicles is under way (TRL 5)."),

    # --- cluster hp: 800 V hairpin oil-cooled traction motor ---------------------------------------
    ("hp_a", "n9", "zh", "hp", "800 V扁线油冷永磁同步驱动电机",
     "开发匹配800 V高压平台的扁线（Hairpin）油冷永磁同步电机。采用8层扁线绕组降低交流铜耗、定转子直接油冷、"
     "转子分段斜极与高强度薄规格硅钢。指标：峰值功率≥250 kW，最高转速22000 rpm，峰值效率≥97.5%，"
     "CLTC工况效率≥92%，功率密度≥6 kW/kg。B样阶段，TRL 6。"),
    ("hp_a2", "n9", "en", "hp", "800 V hairpin traction motor with direct oil cooling (international cooperation call)",
     "Our 800 V traction motor programme, submitted to the international cooperation track together with a "
     "European winding-equipment partner who supplies the hairpin forming and welding line. The motor is a "
     "permanent-magnet synchronous machine with an eight-layer hairpin stator, oil sprayed directly onto the "
     "end windings and through the rotor shaft, and a segmented, skewed rotor in thin high-strength electrical "
     "steel. Targets: 250 kW peak, 22,000 rpm, 97.5 % peak efficiency and at least 6 kW/kg. The B-sample "
     "motors are on the dynamometer (TRL 6)."),
    ("hp_b", "n10", "en", "hp", "High-speed flat-wire e-motor for 800-volt drive units",
     "Next-generation drive units on 800 V platforms push motor speed above 20,000 rpm to shrink the motor. "
     "We are developing a rectangular-conductor stator with hairpin windings optimised against AC losses at "
     "high frequency, an oil-cooled design with spray rings, and a rotor sleeve-free structure that survives "
     "the speed. Targets: 260 kW peak power, maximum speed of 21,000 to 23,000 rpm, 97.6 % maximum efficiency, "
     "and bearing insulation against shaft currents from SiC inverters. Prototypes are being built (TRL 5)."),
    ("hp_c", "n11", "zh", "hp", "高压平台高转速驱动电机研发",
     "配合整车800伏电气架构，自主研发发卡式绕组驱动电机，采用喷油冷却直接冷却绕组端部与转子，转子磁钢分段以降低"
     "涡流损耗，并开发轴承电腐蚀防护方案。性能要求：峰值功率240 kW以上，最高转速达2.2万转/分，最高效率超过97.5%。"
     "目前完成电磁与热设计，样机试制中，TRL 4。"),

    # --- cluster uc: liquid-cooled ultra-fast charger ---------------------------------------------
    ("uc_a", "n12", "zh", "uc", "液冷超充终端及功率柜研制",
     "面向800 V车型，研制液冷超级充电系统：分体式功率柜+液冷充电终端，采用全液冷功率模块与液冷枪线，"
     "功率柜内多枪动态功率分配。指标：单枪最大输出电流600 A、最大功率480 kW，输出电压200–1000 V，"
     "整机效率≥96%，枪线重量≤2.5 kg/m。已在示范站运行，TRL 6。"),
    ("uc_b", "n13", "en", "uc", "High-power liquid-cooled DC charging for 800 V vehicles",
     "Drivers of 800 V cars want to add 300 km of range in about ten minutes. We develop a split charging "
     "system: a power cabinet with liquid-cooled power modules and dynamic power sharing, feeding slim "
     "dispensers with liquid-cooled cables and connectors. Targets: up to 500 A continuous and 600 A boost "
     "current, output up to 1,000 V, 480 kW per dispenser, system efficiency of at least 95.5 %, and a "
     "cable light enough for one-handed use. Two pilot sites are being built (TRL 6)."),

    # --- cluster tr: gas-sensing thermal-runaway early warning in packs ---------------------------
    ("tr_a", "n14", "zh", "tr", "动力电池热失控早期预警技术",
     "通过在电池包内布置H2、CO、VOC气体传感器与压力传感器，结合电压、温度多参量融合算法，在热失控发生前识别"
     "电芯排气阶段并提前报警。目标：报警提前时间≥5 min，误报率≤0.1次/车·年，满足GB 38031热扩散要求。TRL 5。"),
    ("tr_b", "n15", "zh", "tr", "基于特征气体的电池包热失控监测模组",
     "锂电池在起火前会经历安全阀开启、释放氢气等特征气体的阶段。本项目开发低功耗氢气传感器模组（检测下限≤5 ppm），"
     "集成于电池包内并与BMS联动，在整车休眠状态下也能持续监测。指标：电芯排气后30 s内发出报警，"
     "为乘员留出不少于5分钟逃生时间，传感器寿命≥10年。样件装车测试中。"),

    # --- singletons ----------------------------------------------------------------------------------
    ("sul", "n16", "zh", None, "硫化物固态电解质粉体吨级制备",
     "固态电池产业化的瓶颈之一是硫化物电解质原料成本高、难以规模化。本项目开发Li6PS5Cl硫银锗矿电解质的液相合成"
     "工艺，替代高能球磨，并解决硫化锂低成本制备与干燥房防水解问题。指标：室温离子电导率≥5 mS/cm，"
     "粒径D50≤3 μm，吨级批次一致性偏差≤5%，成本降至2000元/kg以下。中试阶段，TRL 5。"),
    ("hc", "n17", "en", None, "Hard carbon anode material for sodium-ion batteries",
     "Hard carbon is the anode of choice for sodium-ion cells, but good grades are scarce and expensive. We "
     "convert coconut shell and starch precursors into hard carbon by a two-step carbonisation with "
     "pore-closing treatment, and purify it to battery grade. Targets: reversible capacity of at least "
     "330 mAh/g, first-cycle efficiency above 90 %, ash below 0.1 %, and a production cost below 40,000 yuan "
     "per tonne at 1,000 tonnes per year. A 100-tonne line is in commissioning (TRL 6)."),
    ("afe", "n18", "zh", None, "车规级BMS电池监测模拟前端芯片",
     "开发用于动力电池管理系统的多通道电池监测AFE芯片，单芯片支持18串电芯电压采集，集成被动均衡与菊花链通信，"
     "满足ISO 26262 ASIL-D。指标：电压采集精度±1.5 mV，18通道同步采样时间≤200 μs，均衡电流≥300 mA，"
     "通过AEC-Q100 Grade 1。首轮流片测试，TRL 5。"),
    ("ax", "n19", "en", None, "Axial-flux in-wheel motor for light commercial vehicles",
     "In-wheel drive frees floor space in delivery vans. We develop an axial-flux permanent-magnet motor that "
     "fits inside a 17-inch wheel, with a yokeless segmented armature, soft-magnetic composite cores and an "
     "integrated planetary gear. Targets: 100 kW peak and 1,200 Nm peak torque at the wheel per motor, unsprung "
     "mass increase below 25 kg, IP67 sealing, and survival of a 30 g wheel shock test. The first motor is on "
     "the dynamometer (TRL 4)."),
    ("v2g", "n20", "zh", None, "双向V2G直流充放电桩",
     "开发支持车辆向电网放电（V2G）的双向直流充放电桩，功率模块采用双向CLLC拓扑，接入虚拟电厂平台参与需求响应。"
     "指标：额定功率20 kW，充放电效率≥95%，满足GB/T 18487与并网要求，响应调度指令时间≤1 s。示范小区试点中，TRL 6。"),
    ("heat", "n21", "en", None, "Integrated heat-pump thermal management module",
     "Cabin heating cuts winter range of electric cars by up to 30 %. We develop an integrated thermal module "
     "that combines a heat pump with refrigerant-side waste heat recovery from the motor, inverter and "
     "battery, using an integrated valve block and a single coolant pump manifold. Targets: heating "
     "coefficient of performance of 2.0 at −10 °C, operation down to −30 °C, a 40 % reduction in pipe joints, "
     "and a winter range gain of 15 % compared with PTC heating. B-samples are in vehicle tests (TRL 6)."),
    ("fc", "n22", "zh", None, "车用大功率氢燃料电池电堆",
     "面向重卡应用，开发金属双极板大功率燃料电池电堆，采用超薄不锈钢双极板与低铂膜电极。指标：额定功率≥200 kW，"
     "体积功率密度≥5.0 kW/L，铂载量≤0.3 g/kW，寿命≥25000 h，−30 ℃低温启动。样堆台架测试中，TRL 5。"),
    ("swap", "n23", "zh", None, "乘用车换电站及标准化电池包",
     "建设面向出租网约车的换电网络，开发第四代换电站与标准化底盘电池包快换接口。指标：单次换电≤3 min，"
     "站内电池数≥20块，单站日服务能力≥400次，锁止机构寿命≥3000次插拔。已在两个城市部署，TRL 8。"),
    ("ctb", "n24", "en", None, "Cell-to-body structural battery integration",
     "We integrate the battery directly into the vehicle body: the pack upper cover becomes the cabin floor, "
     "and cells are bonded into the structure to add torsional stiffness. The project covers structural "
     "adhesive selection, crash load paths, thermal runaway containment and a repair concept. Targets: body "
     "torsional stiffness up 25 %, vehicle height 10 mm lower, volumetric integration efficiency above 70 %, "
     "and compliance with side pole impact requirements. A prototype body is being crash-tested (TRL 5)."),
    ("gear", "n25", "en", None, "Low-noise reduction gear for high-speed electric drive units",
     "As motor speeds rise above 20,000 rpm, whine from the single-speed reduction gear becomes the main noise "
     "source in an electric car. We develop micro-geometry optimisation of helical gear flanks, a stiffer "
     "housing found by topology optimisation and a transmission error measurement rig. Targets: gear whine "
     "order below 40 dB(A) in the cabin at 120 km/h, transmission error under 0.5 µm, and 97.5 % gear "
     "efficiency. Gear prototypes are in production (TRL 5)."),

    # --- same-organisation near-duplicates --------------------------------------------------------
    ("rec_a", "n26", "zh", "s_rec", "退役动力电池湿法回收工艺",
     "建立退役三元与磷酸铁锂电池的梯次筛选与湿法回收产线。放电、破碎分选后，黑粉经酸浸、萃取分离，"
     "回收镍、钴、锰、锂。指标：镍钴锰回收率≥98%，锂回收率≥90%，电池级碳酸锂纯度≥99.5%，废水零排放。"
     "年处理能力2万吨产线建设中，TRL 7。"),
    ("rec_b", "n26", "en", "s_rec", "Hydrometallurgical recycling of end-of-life EV batteries",
     "We are building a recycling line for retired NCM and LFP traction batteries. Packs are discharged, "
     "crushed and separated; the black mass is leached in acid and nickel, cobalt, manganese and lithium are "
     "separated by solvent extraction and precipitated. Targets: recovery of 98 % or more for nickel, cobalt "
     "and manganese and 90 % for lithium, battery-grade lithium carbonate of at least 99.5 % purity, and zero "
     "liquid discharge. The 20,000 tonne per year line is under construction (TRL 7)."),
    ("wl_a", "n27", "zh", "s_wl", "电动汽车11 kW无线充电系统",
     "开发符合SAE J2954的电动汽车静态无线充电系统，地面发射端与车载接收端采用DD线圈与LCC补偿拓扑，"
     "具备异物检测与活体检测功能。指标：传输功率11 kW，系统效率≥92%，允许横向偏移±100 mm，离地间隙100–250 mm。"
     "样机测试阶段，TRL 5。"),
    ("wl_b", "n27", "zh", "s_wl", "乘用车大功率无线充电样机及互操作测试",
     "在前期11 kW无线充电原理样机基础上，完成地面端与车载端工程样机开发和SAE J2954互操作测试。系统采用DD线圈与"
     "LCC补偿网络，集成金属异物检测和活体保护。指标不变：11 kW，效率≥92%，对位偏差±100 mm内功率不降额，"
     "适应离地间隙100–250 mm。TRL 6。"),
]

HN = [
    ("sss_a", "sul", "solid-state: cell development vs sulfide electrolyte powder production"),
    ("sss_b", "sul", "solid-state: cell development vs sulfide electrolyte powder production"),
    ("nai_b", "hc", "sodium-ion: cell vs hard-carbon anode material"),
    ("nai_a", "hc", "sodium-ion: cell vs hard-carbon anode material"),
    ("soc_a", "afe", "BMS: state-estimation algorithm vs monitoring AFE chip"),
    ("soc_b", "tr_a", "BMS functions: SOC/SOH estimation vs thermal-runaway warning"),
    ("hp_b", "ax", "traction motors: radial hairpin central drive vs axial-flux in-wheel"),
    ("hp_c", "gear", "800 V high-speed drive unit: motor vs reduction gear NVH"),
    ("uc_b", "v2g", "DC charging: ultra-fast liquid-cooled vs bidirectional V2G"),
    ("uc_a", "wl_a", "charging: liquid-cooled DC vs wireless"),
    ("tr_b", "ctb", "pack safety: gas-sensing warning vs structural pack with runaway containment"),
    ("sicm_c", "hp_a", "800 V electric drive: SiC switch die vs traction motor"),
    ("afe", "mcu_a", "automotive ICs: BMS AFE vs RISC-V MCU"),
    ("swap", "uc_b", "energy replenishment: battery swap vs ultra-fast charging"),
    ("rec_a", "sul", "battery materials: recycling vs electrolyte production"),
]
