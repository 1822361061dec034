# Biomedicine projects, hand-written for rnd_holdout3. Format: see src_robot.py.

P = [
    # --- cluster cldn: Claudin 18.2 antibody-drug conjugate ---------------------------------------
    ("cldn_a", "b1", "zh", "cldn", "靶向Claudin18.2抗体偶联药物",
     "针对晚期胃癌及胃食管结合部腺癌，开发靶向CLDN18.2的抗体偶联药物（ADC）。采用人源化高亲和力单抗，"
     "经可裂解连接子偶联拓扑异构酶I抑制剂类载荷，平均DAR约8。临床前在CLDN18.2中低表达的PDX模型中抑瘤率>90%，"
     "食蟹猴毒理耐受良好。计划年内递交IND，开展I期剂量递增研究。"),
    ("cldn_b", "b2", "en", "cldn", "CLDN18.2-directed antibody–drug conjugate for gastric cancer",
     "Claudin 18.2 is present in most gastric and many pancreatic adenocarcinomas but hardly in normal tissue "
     "outside the stomach lining, which makes it an attractive ADC target. Our candidate links a humanised "
     "anti-CLDN18.2 IgG1 to a camptothecin-class payload through a cleavable linker, using site-specific "
     "conjugation for a homogeneous drug load. Goals: activity in tumours with only moderate CLDN18.2 "
     "expression, manageable gastric toxicity, and a first-in-human study in gastric and gastro-oesophageal "
     "junction cancer. IND-enabling toxicology is under way."),
    ("cldn_c", "b3", "zh", "cldn", "Claudin 18.2靶点ADC新药（胃癌、胰腺癌）",
     "本项目以紧密连接蛋白Claudin 18.2为靶点，构建新一代抗体-药物偶联物。抗体经内吞效率筛选获得，连接子—载荷"
     "采用自主专利的亲水性可裂解平台，以改善药代与旁观者杀伤。适应症为CLDN18.2阳性的胃/胃食管结合部腺癌及胰腺癌。"
     "阶段目标：完成GLP毒理与CMC工艺放大，两年内进入临床I期。"),

    # --- cluster cara: closed automated CAR-T manufacturing ---------------------------------------
    ("cara_a", "b4", "zh", "cara", "CAR-T细胞全封闭自动化制备系统",
     "针对CAR-T手工开放式制备成本高、批间差异大的问题，开发一体化封闭式自动生产设备，集成T细胞分选、激活、"
     "慢病毒转导、扩增、洗涤与制剂灌装全流程。目标：制备周期≤7天，单批人工操作时间减少70%，批成功率≥95%，"
     "满足GMP与数据完整性要求。样机已完成工艺验证，TRL 6。"),
    ("cara_b", "b5", "en", "cara", "Closed, automated manufacturing of autologous CAR-T products",
     "Our cell therapy unit wants to move from open manual processing in grade A cabinets to a closed, automated "
     "workflow. We are integrating a benchtop bioreactor platform with functionally closed single-use kits that "
     "cover selection, activation, lentiviral transduction, expansion and final formulation, together with an "
     "electronic batch record. Targets: manufacturing in 7 days or less, batch failure rate below 5 %, "
     "hands-on operator time cut by two thirds, and cost of goods reduced by 40 %. Comparability runs against "
     "our manual process start next quarter."),

    # --- cluster bcma: BCMA CAR-T clinical study in r/r multiple myeloma --------------------------
    ("bcma_a", "b6", "en", "bcma", "BCMA CAR-T in relapsed or refractory multiple myeloma: Phase II",
     "A fully human anti-BCMA CAR-T product with 4-1BB costimulation for patients with relapsed or refractory "
     "multiple myeloma after at least three prior lines, including a proteasome inhibitor, an IMiD and an "
     "anti-CD38 antibody. Single-arm Phase II with about 80 patients at 10 centres and a target dose of "
     "1.5 × 10^8 CAR-positive cells. The primary endpoint is overall response rate, with a target of at least "
     "85 %, complete response in at least half of patients and grade 3 or higher cytokine release syndrome "
     "below 5 %. Enrolment is half complete."),
    ("bcma_b", "b7", "zh", "bcma", "靶向B细胞成熟抗原的CAR-T治疗多发性骨髓瘤",
     "针对既往至少接受过3线治疗的复发/难治多发性骨髓瘤患者，开展靶向BCMA的CAR-T注册临床研究。采用全人源scFv，"
     "降低抗CAR免疫原性，以期延长缓解持续时间。计划入组约90例，主要终点为客观缓解率（目标≥80%），"
     "次要终点为MRD阴性率与无进展生存期。目前处于II期入组阶段。"),

    # --- cluster hz: adjuvanted recombinant zoster vaccine ----------------------------------------
    ("hz_a", "b8", "zh", "hz", "重组带状疱疹疫苗（CHO细胞）",
     "以水痘-带状疱疹病毒糖蛋白E（gE）为抗原，CHO细胞表达，配合自主研发的脂质体佐剂（含MPL与QS-21类皂苷），"
     "用于50岁及以上人群预防带状疱疹。目标：保护效力≥90%，两剂免疫程序，抗原表达量≥1 g/L。"
     "已完成I期临床，准备开展III期。"),
    ("hz_b", "b9", "zh", "hz", "中老年人群带状疱疹亚单位疫苗及新型佐剂",
     "开发预防中老年人带状疱疹及其后遗神经痛的亚单位疫苗：以VZV gE蛋白为抗原，配合新型TLR4激动剂/皂苷复合佐剂"
     "体系，诱导强CD4+ T细胞免疫。预期对≥50岁受试者有效率不低于85%，局部与全身不良反应率与同类进口产品相当。"
     "现处于临床前研究后期，TRL 4。"),
    ("hz_c", "b10", "en", "hz", "Adjuvanted glycoprotein E vaccine against shingles",
     "Shingles affects about one in three people during their lifetime, and the only highly effective vaccine "
     "is imported and expensive. We have a recombinant glycoprotein E antigen produced in CHO cells and "
     "formulated with a liposome-based adjuvant that combines a TLR4 agonist and a saponin. Targets: a "
     "two-dose schedule for adults aged 50 and over, efficacy above 90 % against herpes zoster, and "
     "reactogenicity no worse than the reference product. A Phase I study in 120 subjects is complete and the "
     "Phase III design is under discussion with the regulator."),

    # --- cluster lnp: proprietary ionizable lipids / LNP delivery platform ------------------------
    ("lnp_a", "b11", "en", "lnp", "Proprietary ionizable lipids for mRNA delivery",
     "Patents on lipid nanoparticle components block many mRNA programmes. We design and screen a library of "
     "biodegradable ionizable lipids with ester linkages, tune their apparent pKa between 6.2 and 6.8 for "
     "endosomal escape, and formulate them with a helper lipid, cholesterol and a PEG-lipid by microfluidic "
     "mixing. Targets: encapsulation of 90 % or more, particle size of 70 to 100 nm, polydispersity below "
     "0.15, and in vivo expression at least equal to the SM-102 benchmark with lower liver enzyme elevation. "
     "Lead lipids are in rodent evaluation (TRL 3)."),
    ("lnp_b", "b12", "zh", "lnp", "新型可离子化脂质及mRNA递送纳米颗粒平台",
     "自主设计可离子化阳离子脂质结构以规避国外专利，构建mRNA-LNP递送平台。通过组合化学高通量合成与小鼠体内"
     "荧光素酶表达筛选，获得可生物降解、低毒性的先导脂质，采用微流控工艺制备纳米颗粒。指标：包封率>90%，"
     "粒径80±20 nm，表达水平不低于SM-102对照，肝毒性显著降低。先导化合物已获得，TRL 3–4。"),

    # --- cluster cgm: 14-day calibration-free continuous glucose monitoring -----------------------
    ("cgm_a", "b13", "zh", "cgm", "14天免校准持续葡萄糖监测系统",
     "开发皮下植入式电化学葡萄糖传感器，采用第三代酶电极与生物相容性外膜，实现14天佩戴、无需指血校准。"
     "指标：MARD≤9%，预热时间≤1 h，传感器探针厚度≤0.5 mm，配套手机App与蓝牙传输，支持高低血糖报警。"
     "已完成临床前与小样本临床，TRL 6。"),
    ("cgm_b", "b14", "en", "cgm", "Factory-calibrated continuous glucose monitor",
     "A wearable CGM whose filament sensor stays in the subcutaneous tissue for two weeks and needs no "
     "fingerstick calibration. Our route is a wired-enzyme chemistry, with glucose oxidase attached to an "
     "osmium redox polymer, under a diffusion-limiting membrane, plus factory calibration that relies on "
     "tight lot-to-lot control of sensor sensitivity. Targets: mean absolute relative difference below 9 % "
     "against venous reference, warm-up under 60 minutes, 14-day wear, Bluetooth link to a phone app. A "
     "pivotal trial is planned for next year (TRL 6)."),
    ("cgm_c", "b15", "en", "cgm", "Two-week interstitial glucose sensing patch",
     "People on insulin still prick their fingers several times a day. We develop a small on-body patch with "
     "a flexible electrochemical sensing filament that reads interstitial glucose every minute for 14 days "
     "without fingerstick calibration. The project covers the enzyme electrode and outer membrane, a "
     "one-press applicator, and a reel-to-reel production process uniform enough that sensors can be shipped "
     "pre-calibrated. Accuracy target: "
     "MARD of about 9 % over the full wear period, with 95 % of readings in Consensus Error Grid zones A and "
     "B. Feasibility clinical study done (TRL 5)."),

    # --- cluster tavr: transcatheter aortic valve ---------------------------------------------------
    ("tavr_a", "b16", "zh", "tavr", "可回收经导管主动脉瓣置换系统",
     "研制自膨式镍钛合金支架+牛心包瓣叶的经导管主动脉瓣，配套可回收、可重新定位的输送系统，输送鞘外径≤14F，"
     "瓣叶经抗钙化处理以延长耐久性。目标：中度以上瓣周漏≤2%，30天全因死亡率≤3%，永久起搏器植入率≤10%。"
     "已完成动物实验，准备注册临床试验。"),
    ("tavr_b", "b17", "zh", "tavr", "介入式人工主动脉瓣膜及输送器",
     "针对重度主动脉瓣狭窄的高龄、外科手术高风险患者，开发经股动脉植入的介入人工主动脉瓣。瓣膜采用预装干瓣设计，"
     "术中无需冲洗装载；输送器可在释放至75%时完全回收再定位，鞘管尺寸14–16 Fr。目标：术后中度及以上瓣周反流<3%，"
     "起搏器植入率<10%。处于型式检验阶段。"),

    # --- singletons ----------------------------------------------------------------------------------
    ("cldnT", "b18", "en", None, "Claudin 18.2 CAR-T cells for advanced gastric cancer",
     "Solid tumours have resisted CAR-T therapy, but Claudin 18.2 offers a tumour-restricted target in "
     "gastric cancer. We engineer autologous T cells with a CLDN18.2-specific CAR that also secretes an IL-7 "
     "and CCL19 payload to improve persistence and infiltration into tumour tissue. The investigator-initiated "
     "trial will enrol 24 patients who failed at least two lines of therapy, with the main goals of safety, "
     "maximum tolerated dose and an objective response rate above 40 %. Manufacturing uses our existing "
     "GMP facility. First patients are being screened."),
    ("cd19", "b19", "zh", None, "CD19 CAR-T治疗复发/难治B细胞急性淋巴细胞白血病临床研究",
     "开展自体CD19 CAR-T细胞治疗成人复发/难治B-ALL的I/II期临床研究，采用CD28共刺激结构域，以桥接造血干细胞移植"
     "为目标。计划入组60例，主要终点为3个月完全缓解率（目标≥80%）与安全性，重点评估CRS与神经毒性分级管理方案。"
     "已获伦理批准，正在入组。"),
    ("vari", "b20", "zh", None, "冻干水痘减毒活疫苗（儿童）",
     "以水痘-带状疱疹病毒Oka株为毒种，采用人二倍体细胞培养，开发新型冻干保护剂提高疫苗热稳定性，"
     "用于12月龄至12岁儿童预防水痘。目标：2–8 ℃有效期≥36个月，两剂接种血清阳转率≥95%。处于III期临床。"),
    ("rsv", "b21", "en", None, "mRNA vaccine against respiratory syncytial virus in older adults",
     "RSV causes severe lower respiratory tract disease in adults over 60. We encode a prefusion-stabilised "
     "RSV F protein in a nucleoside-modified mRNA and deliver it with a licensed lipid nanoparticle "
     "composition. The programme covers antigen design, a Phase I/II dose-ranging study in 300 older adults "
     "and preparation for a Phase III efficacy trial. Targets: neutralising titre rise of at least 8-fold "
     "one month after a single dose, and efficacy of 80 % or more against RSV lower respiratory tract disease. "
     "Phase I enrolment is complete."),
    ("pump", "b22", "zh", None, "贴敷式胰岛素泵及闭环控制算法",
     "开发无导管贴敷式胰岛素泵，采用压电微泵驱动，单次贴敷使用3天，药液仓容量200 U。配套基于模型预测控制的"
     "人工胰腺闭环算法，可与第三方持续葡萄糖监测数据对接。指标：基础率输注精度±5%，最小剂量0.05 U。"
     "完成型式检验，TRL 6。"),
    ("mitral", "b23", "en", None, "Transcatheter edge-to-edge repair system for mitral regurgitation",
     "Many patients with severe mitral regurgitation are too frail for open surgery. We develop a transfemoral, "
     "transseptal clip system that grasps the anterior and posterior leaflets and joins them, with "
     "independent leaflet capture and a steerable 22 F guide catheter. Targets: residual regurgitation of "
     "moderate or less in 90 % of patients at 30 days, procedure time under 90 minutes, and a clip that can be "
     "repositioned before release. Animal studies are complete; the first-in-human study is being prepared."),
    ("glp", "b24", "zh", None, "GLP-1/GIP双受体激动剂多肽新药",
     "开发每周一次皮下注射的GLP-1/GIP双受体激动剂，用于2型糖尿病和肥胖。通过脂肪酸链修饰延长半衰期，"
     "优化两受体活性比例以降低胃肠道不良反应。目标：36周体重下降≥15%，HbA1c下降≥2.0%。已完成I期，"
     "正在开展II期剂量探索研究。"),
    ("lapro", "b25", "zh", None, "多孔腹腔镜手术机器人",
     "研制主从式多孔腹腔镜手术机器人，包括医生控制台、患者侧机械臂系统与3D高清内窥镜影像系统。器械采用"
     "绳驱腕部，7自由度，配合力反馈与震颤过滤。指标：主从运动跟随误差≤0.5 mm，系统延迟≤100 ms，"
     "器械可重复使用≥10次。处于注册临床试验阶段。"),

    # --- same-organisation near-duplicates --------------------------------------------------------
    ("cho_a", "b26", "en", "s_cho", "High-titre CHO cell line development platform",
     "Biologics start-ups lose months on cell line development. We are building a platform based on a "
     "glutamine synthetase knockout CHO-K1 host, a transposase-based vector for semi-targeted integration and "
     "imaging-assisted single-cell cloning with documented monoclonality. Targets: antibody titre of at least "
     "6 g/L in a 14-day fed-batch, stable clones within 10 weeks from DNA to research cell bank, and stability "
     "over 60 generations. The platform is in use for two in-house antibodies (TRL 6)."),
    ("cho_b", "b26", "en", "s_cho", "CHO expression platform for antibody and bispecific production",
     "Extension of our CHO cell line development platform to bispecific and Fc-fusion molecules. The host is "
     "our GS-knockout CHO-K1 line; vectors integrate with a transposase, and clones are picked by imaging so "
     "that monoclonality is documented for the regulator. Targets remain a fed-batch titre of 6 g/L or more, "
     "10 weeks from transfection to research cell bank and stable expression over 60 generations, now also "
     "for two-chain and three-chain formats with correct pairing above 90 %. TRL 5 to 6."),
    ("pd1_a", "b27", "zh", "s_pd1", "PD-1单抗皮下注射制剂开发",
     "将已上市的PD-1单抗静脉制剂开发为皮下注射剂型，联合重组人透明质酸酶实现大体积皮下给药，给药时间由"
     "30–60分钟缩短至5分钟以内。目标：皮下给药暴露量（Ctrough）不劣于静脉给药，制剂浓度≥120 mg/mL，"
     "2–8 ℃稳定性≥24个月。正在开展I期药代动力学桥接研究。"),
    ("pd1_b", "b27", "en", "s_pd1", "Subcutaneous formulation of our anti-PD-1 antibody",
     "Our anti-PD-1 antibody is approved as an intravenous infusion. This project develops a subcutaneous "
     "version co-formulated with recombinant human hyaluronidase so that a full dose can be injected in less "
     "than five minutes instead of a 30 to 60 minute infusion. Targets: trough exposure non-inferior to the "
     "intravenous product, a concentration of at least 120 mg/mL, and 24 months of stability at 2 to 8 °C. A "
     "Phase I pharmacokinetic bridging study is running."),
]

HN = [
    ("cara_a", "cd19", "CAR-T manufacturing automation vs a CAR-T clinical trial"),
    ("cara_b", "bcma_b", "CAR-T manufacturing automation vs a CAR-T clinical trial"),
    ("cd19", "bcma_a", "CAR-T clinical trials with different target and disease"),
    ("cldn_a", "cldnT", "same target (CLDN18.2), different modality: ADC vs CAR-T"),
    ("cldn_b", "cldnT", "same target (CLDN18.2), different modality: ADC vs CAR-T"),
    ("hz_b", "vari", "same virus (VZV): adult zoster subunit vaccine vs paediatric varicella live vaccine"),
    ("lnp_a", "rsv", "LNP delivery platform vs an mRNA vaccine that uses an LNP"),
    ("cgm_a", "pump", "diabetes devices: glucose sensor vs insulin pump"),
    ("tavr_a", "mitral", "structural heart: aortic valve replacement vs mitral edge-to-edge repair"),
    ("pd1_b", "cldn_c", "antibody oncology: subcutaneous PD-1 formulation vs ADC"),
    ("cho_a", "hz_a", "CHO expression: cell line platform vs a CHO-expressed vaccine"),
    ("lapro", "tavr_b", "minimally invasive devices, different objective"),
]
