# New-materials projects, hand-written for rnd_holdout3. Format: see src_robot.py.

P = [
    # --- cluster cf: T1000-class high-strength carbon fibre ----------------------------------------
    ("cf_a", "m1", "zh", "cf", "T1000级高强中模碳纤维工程化",
     "采用干喷湿纺工艺制备高取向、高致密PAN原丝，优化预氧化与低温/高温碳化的温度梯度和牵伸分配，实现T1000级"
     "碳纤维稳定生产。目标：拉伸强度≥6.37 GPa，拉伸模量≥294 GPa，断裂伸长率≥2.0%，12K规格，强度离散系数≤5%。"
     "百吨级生产线调试中，TRL 6。"),
    ("cf_b", "m2", "zh", "cf", "6.4 GPa级超高强度碳纤维国产化",
     "面向航空航天主承力结构与高压气瓶，开发强度6.4 GPa以上、模量290 GPa级的超高强碳纤维。重点解决原丝内部"
     "微孔与表面缺陷控制、高倍牵伸下的断丝毛丝问题，并开发与环氧、双马树脂匹配的上浆剂。形成12K连续化稳定"
     "生产能力，产品性能对标国外同级牌号。处于中试阶段。"),
    ("cf_c", "m3", "en", "cf", "Ultra-high-strength PAN-based carbon fibre, T1000 class",
     "Aerospace primary structures need carbon fibre with tensile strength above 6 GPa, which is still "
     "imported. We produce polyacrylonitrile precursor by dry-jet wet spinning at higher take-up speed, then "
     "stabilise and carbonise it with a redesigned temperature and stretch profile that limits defect "
     "formation. Targets for 12K tow: tensile strength of 6.3 GPa or more, modulus of about 295 GPa, "
     "elongation of at least 2 %, and a coefficient of variation below 5 %. A sizing compatible with "
     "toughened epoxy is also developed. Pilot line stage (TRL 5)."),

    # --- cluster gtf: graphene heat-spreading film -------------------------------------------------
    ("gtf_a", "m4", "zh", "gtf", "高导热石墨烯散热膜",
     "以氧化石墨烯浆料涂布成膜，经热还原、3000 ℃石墨化与压延，制备用于手机、平板的石墨烯导热膜。重点控制"
     "发泡均匀性与压延后的致密度。目标：面内热导率≥1500 W/(m·K)，厚度50–200 μm可调，耐弯折≥10万次，"
     "卷材幅宽≥600 mm。量产线建设中，TRL 7。"),
    ("gtf_b", "m5", "en", "gtf", "Thick graphene heat spreaders for smartphones",
     "Flagship phones with fast processors need heat spreaders thicker than artificial graphite sheets can "
     "deliver. We coat graphene oxide slurry into films, reduce them thermally, graphitise above 2,800 °C and "
     "calender them to full density. Targets: in-plane thermal conductivity of 1,400 to 1,600 W/m·K at 100 µm "
     "thickness, single-layer thickness up to 200 µm without lamination, and no cracking after 100,000 bends. "
     "We are qualifying with two handset makers (TRL 6)."),

    # --- cluster gc: heat-treatment-free die-casting aluminium alloy -------------------------------
    ("gc_a", "m6", "zh", "gc", "一体化压铸用免热处理铝合金",
     "面向新能源汽车后地板、前舱等大型一体化压铸件，开发Al-Si-Mg-Mn系免热处理压铸铝合金，通过微合金化与富铁相"
     "形态控制，使铸态即满足性能要求，避免热处理变形。指标：屈服强度≥120 MPa，抗拉强度≥250 MPa，延伸率≥10%，"
     "适配6000 t以上压铸机。已完成材料验证与零件试制，TRL 6。"),
    ("gc_b", "m7", "en", "gc", "As-cast high-ductility alloy for giga-cast vehicle bodies",
     "Casting a whole rear underbody in one shot only pays off if the part needs no solution heat treatment, "
     "which distorts large thin-walled castings. We develop an aluminium casting alloy that reaches its "
     "properties in the as-cast state, using manganese instead of iron for die soldering resistance and small "
     "additions that refine the eutectic. Targets: yield strength of 120 to 140 MPa, elongation above 10 %, "
     "good flow over 1.5 m in walls of 2.5 mm, and self-piercing riveting without cracks. Parts from a 9,000 t "
     "cell are being tested (TRL 6)."),

    # --- cluster scb: single-crystal superalloy turbine blades -------------------------------------
    ("scb_a", "m8", "zh", "scb", "第二代镍基单晶高温合金涡轮叶片",
     "针对航空发动机高压涡轮工作叶片，开发含铼第二代镍基单晶高温合金及其定向凝固工艺。采用螺旋选晶与高温度梯度"
     "液态金属冷却，控制杂晶与雀斑缺陷，配套复杂陶瓷型芯。目标：1100 ℃/137 MPa持久寿命≥200 h，叶片单晶合格率≥70%。"
     "工程化试制阶段。"),
    ("scb_b", "m9", "zh", "scb", "航空发动机单晶涡轮工作叶片精密铸造",
     "建立高压涡轮单晶空心叶片的精密铸造能力。合金选用含3% Re的镍基单晶合金，工艺路线为陶瓷型芯+熔模精铸+"
     "快速凝固（HRS/LMC）单晶生长，并开发叶片晶体取向检测与型芯脱除技术。目标：一次合格率达到70%，"
     "1100 ℃下持久性能满足设计要求。小批量试制中。"),

    # --- cluster cpi: colourless polyimide for foldable displays ----------------------------------
    ("cpi_a", "m10", "zh", "cpi", "柔性折叠屏用透明聚酰亚胺（CPI）薄膜",
     "开发用于折叠屏手机盖板的无色透明聚酰亚胺薄膜，通过含氟二酐/二胺单体设计打断电荷转移络合，并配套表面硬化涂层。"
     "指标：可见光透过率≥89%，黄度指数≤2.5，表面硬度≥4H，R1 mm内折20万次无折痕开裂。已完成卷对卷中试，TRL 6。"),
    ("cpi_b", "m11", "en", "cpi", "Colourless polyimide cover film for foldable phones",
     "Foldable screens need a cover that is as clear as glass but can be folded hundreds of thousands of times. "
     "We synthesise fluorinated polyimides from 6FDA and TFMB-type monomers, cast them on a continuous line and "
     "add a hard coat. Targets: transmittance of 89 % or more in the visible range, yellowness index below 3, "
     "pencil hardness of 4H with the hard coat, and 200,000 inward folds at 1 mm radius without a visible "
     "crease. Roll samples are being evaluated by a panel maker (TRL 5)."),
    ("cpi_c", "m12", "en", "cpi", "Transparent polymer window film for bendable displays",
     "Our goal is a domestic supply of the clear, fold-tolerant polymer film used as the outermost window on "
     "bendable OLED panels. The polymer backbone is an aromatic imide with trifluoromethyl groups and an "
     "alicyclic dianhydride, which removes the yellow colour of ordinary polyimide. Besides synthesis we scale "
     "up solution casting and imidisation on a 1.3 m wide line. Specifications: light transmission around "
     "90 %, yellowness under 2.5, folding endurance of 200,000 cycles at 1 mm radius. Laboratory stage (TRL 4)."),

    # --- singletons ----------------------------------------------------------------------------------
    ("m55", "m13", "zh", None, "M55J级高模量碳纤维研制",
     "卫星结构与天线反射面要求碳纤维具有极高模量和低热膨胀。本项目在2800 ℃以上石墨化处理条件下，开发M55J级高模量"
     "碳纤维，解决高温石墨化炉连续运行与纤维强度保持问题。目标：拉伸模量≥540 GPa，拉伸强度≥4.0 GPa，6K规格。"
     "实验室小批量制备阶段，TRL 4。"),
    ("recy", "m14", "en", None, "Recovery of carbon fibre from end-of-life composites",
     "Wind blades and aircraft parts made of carbon fibre composites are reaching end of life. We recover the "
     "fibre by controlled pyrolysis followed by oxidative cleaning, and turn it into nonwoven mats and "
     "chopped fibre for injection moulding. Targets: retained tensile strength of at least 90 % of virgin "
     "fibre, residual resin below 1 %, energy use under 10 kWh per kg of fibre, and a price 40 % below "
     "virgin fibre. A pilot kiln with 200 tonnes per year capacity is running (TRL 6)."),
    ("tank", "m15", "zh", None, "IV型车载储氢气瓶",
     "开发70 MPa塑料内胆碳纤维全缠绕（IV型）车载储氢瓶。内胆采用高阻隔聚酰胺，碳纤维缠绕线型优化以减少用量，"
     "瓶口金属阀座与内胆密封结构自主设计。指标：公称工作压力70 MPa，质量储氢密度≥5.5 wt%，爆破压力≥157.5 MPa，"
     "常温压力循环≥22000次。型式试验中，TRL 6。"),
    ("gcoat", "m16", "zh", None, "石墨烯改性海洋重防腐涂料",
     "针对海上风电塔筒与跨海桥梁钢结构，开发石墨烯改性环氧富锌重防腐涂料，利用石墨烯片层迷宫效应提高屏蔽性能，"
     "并降低锌粉用量。指标：耐中性盐雾≥6000 h，锌粉含量降低50%，附着力≥10 MPa，设计寿命≥25年。已在两处风场试涂，"
     "TRL 7。"),
    ("gcond", "m17", "en", None, "Graphene conductive additive paste for lithium-ion cathodes",
     "Conductive carbon in cathodes takes up volume that could hold active material. We produce few-layer "
     "graphene by electrochemical exfoliation and disperse it together with carbon nanotubes into an NMP "
     "paste for LFP and NCM cathodes. Targets: total conductive additive reduced from 2 % to 0.8 %, electrode "
     "resistivity cut by 30 %, rate capability at 3C improved by 10 %, and paste stability of at least "
     "3 months. Paste is being tested on a customer coating line (TRL 6)."),
    ("al7", "m18", "en", None, "Thick 7xxx aluminium plate for aircraft wing structures",
     "Wing spars and ribs are machined from thick high-strength aluminium plate that is largely imported. We "
     "develop 7085-type alloy plate up to 150 mm thick with uniform properties through the thickness, by "
     "controlling homogenisation, hot rolling and a two-step ageing treatment. Targets: yield strength of at "
     "least 480 MPa at mid-thickness, fracture toughness above 30 MPa·m^½, and stress-corrosion resistance to "
     "aerospace specifications. First plates are in certification testing (TRL 6)."),
    ("dcm", "m19", "zh", None, "9000吨级超大型一体化压铸机",
     "研制锁模力9000吨的超大型冷室压铸机，用于新能源汽车一体化车身结构件生产。攻关大吨位锁模机构刚性、"
     "高速压射系统实时控制和真空压铸。指标：最大锁模力90000 kN，压射速度≥10 m/s，增压建压时间≤15 ms，"
     "型腔真空度≤50 mbar。首台样机安装调试中，TRL 6。"),
    ("sap", "m20", "en", None, "Nickel superalloy powder for laser powder bed fusion",
     "Additively manufactured combustor and turbine parts need superalloy powder with low oxygen and few "
     "hollow particles. We produce Inconel 718 and a crack-resistant modified Hastelloy X by electrode "
     "induction gas atomisation and classify it to 15 to 53 µm. Targets: oxygen below 150 ppm, hollow "
     "particle rate below 0.5 %, flowability under 16 s/50 g, and printed parts with crack-free "
     "microstructure and strength above the wrought standard. A 200 t/year line is being qualified (TRL 6)."),
    ("ypi", "m21", "zh", None, "柔性电路板用高性能聚酰亚胺基膜",
     "开发用于FPC柔性覆铜板的低热膨胀黄色聚酰亚胺薄膜，采用双向拉伸工艺提高尺寸稳定性，并降低介电损耗以适应"
     "高频传输。指标：厚度12.5–25 μm，热膨胀系数≤15 ppm/K，介电损耗≤0.004（10 GHz），拉伸强度≥250 MPa。"
     "中试线运行中，TRL 6。"),
    ("basalt", "m22", "en", None, "Continuous basalt fibre for corrosion-resistant reinforcement",
     "Steel rebar in sea walls and chemical plants corrodes. We produce continuous basalt fibre in a "
     "multi-bushing furnace fed with blended volcanic rock, and pultrude it into reinforcement bars. Targets: "
     "monofilament tensile strength of at least 3,000 MPa, bar tensile strength above 1,100 MPa, strength "
     "retention of 90 % after alkali exposure, and a 400-hole bushing running for more than 30 days. A "
     "production furnace is running (TRL 7)."),
    ("mgw", "m23", "zh", None, "高强韧镁合金轮毂锻造技术",
     "面向轻量化乘用车与高端电动车，开发AZ80/ZK60系高强韧镁合金锻造轮毂。采用大规格铸锭均匀化、多向锻造与旋压成形，"
     "配套微弧氧化+有机涂层复合防护。指标：较同尺寸铝合金轮毂减重25%以上，屈服强度≥250 MPa，盐雾≥1000 h，"
     "通过13°冲击与弯曲疲劳试验。小批量试制阶段，TRL 6。"),

    # --- same-organisation near-duplicates --------------------------------------------------------
    ("ti_a", "m24", "zh", "s_ti", "增材制造用球形钛合金粉末",
     "采用无坩埚电极感应熔化气雾化（EIGA）工艺制备3D打印用TC4球形钛合金粉末，优化雾化气压与熔滴流量，提高细粉"
     "收得率。指标：15–53 μm细粉收得率≥40%，氧含量≤0.12%，球形度≥0.9，空心粉率≤0.5%。已建成50吨/年产线，TRL 7。"),
    ("ti_b", "m24", "zh", "s_ti", "EIGA法TC4钛合金粉末细粉收得率提升",
     "在现有EIGA气雾化TC4钛粉产线基础上，改进喷嘴结构与电极感应熔化功率控制，提高激光选区熔化用15–53 μm粉末"
     "的收得率并降低氧增量。目标：细粉收得率由32%提高到40%以上，氧含量≤0.12%，球形度≥0.9，空心粉率≤0.5%，"
     "满足航空级粉末标准。TRL 7。"),
]

HN = [
    ("cf_a", "m55", "carbon fibre grades: high-strength T1000 vs high-modulus M55J"),
    ("cf_b", "tank", "carbon fibre product vs a Type IV tank that uses carbon fibre"),
    ("cf_c", "recy", "virgin carbon fibre production vs carbon fibre recycling"),
    ("gtf_a", "gcoat", "graphene: thermal film vs anticorrosion coating"),
    ("gtf_b", "gcond", "graphene: thermal film vs conductive additive"),
    ("gc_a", "al7", "aluminium alloys: die-casting body alloy vs aerospace thick plate"),
    ("gc_b", "dcm", "giga-casting: alloy vs die-casting machine"),
    ("scb_a", "sap", "nickel superalloys: single-crystal blade casting vs AM powder"),
    ("cpi_b", "ypi", "polyimide film: colourless display cover vs yellow PI for FPC"),
    ("ti_a", "sap", "metal powders for AM: titanium (same-org pair) vs nickel superalloy"),
    ("basalt", "cf_c", "continuous inorganic fibres: basalt rebar vs carbon fibre"),
    ("mgw", "gc_b", "lightweight vehicle metals: Mg wheels vs Al body casting alloy"),
]
