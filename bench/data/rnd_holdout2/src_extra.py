"""Second sentences for entries first written too tersely for the length bounds (zh 60-250 chars, en 40-150 words).

build.py appends EXTRA[key] to the project's text.
"""

EXTRA = {
    "rb13": "The drive also estimates resonance frequencies and inserts notch filters, which matters for belt axes "
            "and long ball screws in packaging machines.",
    "rb18": "Safety: speed and force limits are monitored during hand guiding, and a three-position enabling switch "
            "sits on the flange. The feature should reduce programming time for small-batch customers.",
    "rb21": "软件支持与主流机器人品牌后处理接口，自动规避碰撞与奇异点，并可批量生成同类构件程序。",
    "rb22": "The software learns new part models from CAD files in under ten minutes, so integrators can deploy it "
            "without machine-learning staff.",
    "rb24": "项目同时开发码垛垛型自动规划模块，兼容多规格纸箱混码，降低食品饮料行业后道包装的人工成本。",
    "ic06": "The recipes will be transferred to our second reactor.",
    "ic07": "The work covers cell design, implantation of the shielding region to protect the trench oxide, and "
            "wafer-level reliability tests.",
    "ic11": "We will also qualify brazing filler alloys without silver-rich phases to lower cost, and build a line "
            "for 138 × 190 mm cards.",
    "ic16": "Alignment accuracy below 200 nm after bonding is required. Pilot production on 12-inch wafers with a "
            "partner sensor designer.",
    "ic19": "Distillation, membrane filtration and ultra-clean packaging are included, as are analytical methods "
            "(ICP-MS) for ppt-level metals to support qualification at 12-inch fabs.",
    "ic20": "同时建立百公斤级合成装置，为下游光刻胶配方企业稳定供货。",
    "ic23": "The block includes lens shading correction and defog, supports 4K at 30 fps, and is delivered as RTL IP "
            "with tuning tools for camera makers.",
    "bm05": "Candidate targets will be validated for off-tumour expression in normal tissue atlases.",
    "bm09": "Targets: titre-equivalent gain with unchanged glycosylation profile and charge variants, and a "
            "validated control strategy acceptable to regulators.",
    "bm12": "同期完成药学研究与中试批生产，为I期临床提供样品。",
    "bm13": "Preclinical data showed stronger tumour inhibition than either parent antibody; the trial will enrol "
            "around 40 patients in China.",
    "md02": "Sensor applicator is single-use.",
    "md03": "The transmitter is reusable.",
    "md04": "项目包括微泵结构、储药器与无线通讯控制等。",
    "md05": "Work includes a skin-temperature compensation model, motion artefact rejection and a small clinical pilot of 50 volunteers.",
    "md08": "孔径与丝径通过拓扑优化设计，表面做喷砂处理。",
    "md09": "The system includes 3D endoscope vision, a surgeon console with hand controllers, and three instrument "
            "arms; animal trials follow the bench tests.",
    "md12": "软件还可输出CT-FFR评估，辅助医生决定是否行介入治疗。",
    "md15": "同时开发配套图像处理器与光源，提供早癌筛查能力。",
    "ev04": "The coating is applied by gravure on a 1.5 m wide line; targets are shrinkage under 3 % at 180 °C, "
            "lower interface resistance and better electrolyte uptake in pouch cells for two-wheelers.",
    "ev05": "项目还包括正极复合电极设计和样机叠片精度验证。",
    "ev08": "Pads must keep compressibility over the cell swelling range and be die-cut for automated module "
            "assembly.",
    "ev09": "同时验证复合材料壳体的防火与密封性能，以及大批量成形工艺与成本。",
    "ev10": "Pilot capacity 500 t.",
    "ev12": "The additive is mixed directly into the cathode slurry, releases lithium during formation and leaves "
            "an inert residue; stability in dry-room air and gas generation during formation are the main risks "
            "we address.",
    "ev18": "项目包括模具钢选材、表面氮化处理以及模具温度场仿真。",
    "ev19": "Precursor co-precipitation and sintering will be optimised for cost, with cells built and tested by "
            "a partner.",
    "ev21": "Samples will be sent to storage integrators and two-wheeler pack makers in the second year.",
    "ev22": "Process steps: acid purification, pre-carbonisation and high-temperature carbonisation, with closed-pore "
            "structure control to raise the low-voltage plateau capacity of the material.",
    "ev23": "Main work: reducing coordinated water, controlling vacancies during co-precipitation and dry "
            "processing in nitrogen; target 2,000 cycles in pouch cells and cost parity with LFP.",
    "ev26": "设备与产线MES对接，自动剔除不良电芯并追溯。",
    "mt03": "项目完成配方开发、乳液稳定性评价和千吨线上浆验证。",
    "mt04": "The project also develops rapid surface treatment and a 48K sizing compatible with pultrusion of "
            "spar-cap planks, and targets price parity with glass-fibre designs on a per-stiffness basis.",
    "mt07": "The compressor will be integrated with a 70 MPa dispenser and pre-cooling unit; targets are "
            "energy consumption below 2 kWh per kg of hydrogen and 20,000 hours between major overhauls.",
    "mt10": "项目开展石墨烯分散工艺研究及实海挂片试验。",
    "mt11": "We supply the dispersion at 5 % solids to cathode makers and will validate it in 280 Ah storage cells with a partner.",
    "mt12": "The film must pass high-temperature, high-humidity reliability.",
    "mt14": "The work covers slimming by etching, edge strengthening, ion-exchange chemistry and a protective "
            "film lamination process, aiming at 200,000 folds and pen-drop resistance comparable to imported "
            "UTG.",
    "pv01": "We will also study phase segregation of the wide-gap absorber under light soaking.",
    "pv04": "The work includes edge sealing with butyl rubber, UV-stable encapsulants and accelerated tests of "
            "lead leakage; the goal is a 25-year warranty for building-integrated products.",
    "pv05": "设备兼容玻璃与柔性基底，配套在线膜厚监测。",
    "pv08": "We will also study how the gain holds after module lamination and in outdoor exposure, which decides "
            "whether customers keep the step.",
    "pv09": "项目包括激光参数窗口与浆料匹配研究。",
    "av03": "项目同时研究型芯、型壳材料及定向凝固工艺参数。",
    "av04": "Thermal design uses direct oil cooling of the stator. Prototype to be tested on a dynamometer and "
            "then on a tethered demonstrator.",
    "av06": "The computer hosts control laws for transition between hover and wing-borne flight, with dissimilar "
            "processors and a monitor lane; the project includes iron-bird integration tests and software "
            "certification evidence.",
    "ai03": "平台可接入现有SCADA，故障模型在线更新。",
    "ai04": "The assistant runs on-premises, checks generated code with a static analyser and a simulator, and "
            "supports Siemens and Inovance toolchains; goal: half the time to write standard machine sequences.",
    "sd05": "Pilot GMP batch in year two.",
    "sd06": "The project includes structure-activity analysis, biodistribution studies in rodents and "
            "non-human primates, and a GMP pilot batch.",
    "sd07": "Detector and laser are integrated on one chip to reduce cost and size.",
    "sd08": "This second phase moves the design from bench to an automotive-grade sample with laser and "
            "detector integrated on the same chip, in cooperation with a car maker.",
    "sd09": "Slurry stability over six months of storage at room temperature is required.",
    "sd10": "This phase also extends the slurry to barrier polishing and improves shelf life to six months, "
            "aiming at volume supply to two 12-inch fabs.",
    "sd12": "The project includes membrane selection, catalyst ink formulation, spray coating and a 1,000-hour "
            "durability test on a 100 kW short stack.",
}
