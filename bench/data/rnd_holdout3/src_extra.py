# Extra English-language projects for rnd_holdout3 (added to balance the languages and to have
# more same-language English gold pairs). Hand-written; format: see src_robot.py.

P = [
    # --- cluster wc: magnetic climbing robot for storage-tank shell inspection ---------------------
    ("wc_a", "r30", "en", "wc", "Magnetic-adhesion climbing robot for storage tank inspection",
     "Refineries must inspect the shell plates and welds of large oil storage tanks, which today means "
     "scaffolding or rope access. We develop a crawler that holds onto the steel wall with permanent-magnet "
     "wheels and carries a phased-array ultrasonic probe and a camera, so that wall thickness and weld flaws "
     "can be mapped while the tank stays in service. Targets: climbing on vertical and curved plates and over "
     "weld caps up to 8 mm, 30 kg payload, thickness accuracy of ±0.1 mm, positioning error below 50 mm over "
     "a 20 m high shell, and an ATEX zone 1 rating. Field prototype (TRL 5)."),
    ("wc_b", "r31", "en", "wc", "Wall-crawling ultrasonic survey of tank shells in hazardous areas",
     "Petrochemical operators want to stop erecting scaffolds just to measure corrosion on above-ground "
     "tanks. Our robot is a four-wheel vehicle kept on the steel shell by magnetic attraction; a tether "
     "supplies power and couplant water. It records remaining thickness with an ultrasonic array, films the "
     "weld seams, and locates itself with a laser tracker standing on the ground. Goals: tanks up to 30 m "
     "high, crossing of horizontal and vertical seams, thickness data accurate to 0.1 mm, location within "
     "5 cm, and explosion protection for zone 1. Laboratory tests are done and a first refinery trial is set "
     "for next spring (TRL 4 to 5)."),

    # --- cluster sp: 800G silicon-photonics transceiver chip --------------------------------------
    ("sp_a", "c30", "en", "sp", "800G silicon photonic transceiver for AI data centres",
     "AI training clusters need 800G optical links that use less power per bit. We design a silicon "
     "photonics chip with Mach-Zehnder modulators and germanium photodetectors for an 8 x 100G PAM4 DR8 "
     "module, co-designed with a partner's 5 nm DSP, and we develop the fibre coupling and module packaging "
     "process. Targets: module power below 14 W, transmitter dispersion eye closure below 3 dB, pre-FEC bit "
     "error rate under 2.4e-4, and 500 m reach over single-mode fibre. Prototype modules are in test "
     "(TRL 5)."),
    ("sp_b", "c31", "en", "sp", "Photonic integrated circuit for 8 x 100 Gb/s pluggable optics",
     "Pluggable optics at 800 Gb/s are the bottleneck of large GPU clusters, and indium-phosphide "
     "transmitters are expensive at these volumes. We are taping out a photonic IC on a 200 mm "
     "silicon-on-insulator process with travelling-wave modulators, Ge-on-Si receivers and edge couplers "
     "for a fibre array, driven by an external continuous-wave laser. Module-level goals: under 15 W for an "
     "800G DR8 module, 500 m over single-mode fibre, and wafer-level optical test yield above 90 %. Second "
     "tape-out under way (TRL 4 to 5)."),
    ("inp", "c32", "en", None, "Indium phosphide laser chips for 800G and 1.6T optical modules",
     "High-speed optical modules still import most of their laser chips. We develop 100G and 200G per lane "
     "electro-absorption modulated lasers and high-power continuous-wave DFB lasers on indium phosphide, "
     "including regrowth, grating definition and facet coating. Targets: EML bandwidth above 60 GHz, CW "
     "laser output of 100 mW at 50 °C for silicon photonics light sources, and 25-year reliability from "
     "Telcordia testing. Engineering samples are with two module makers (TRL 5)."),

    # --- cluster nk: off-the-shelf iPSC-derived NK cells -------------------------------------------
    ("nk_a", "b30", "en", "nk", "Off-the-shelf iPSC-derived NK cells for solid tumours",
     "We develop an allogeneic natural killer cell product derived from a clonal master induced pluripotent "
     "stem cell line. The line is engineered with a high-affinity, non-cleavable CD16, a membrane-bound IL-15 "
     "and a CD38 knockout, and is differentiated into NK cells in a feeder-free process. Targets: more than "
     "1,000 cryopreserved doses per manufacturing run, persistence without added cytokines, and a Phase I "
     "study combining the cells with approved tumour-targeting antibodies in HER2-positive and EGFR-positive "
     "cancers. IND-enabling studies are running."),
    ("nk_b", "b31", "en", "nk", "Allogeneic NK cell therapy manufactured from pluripotent stem cells",
     "Patient-specific cell therapies are costly and slow. Our approach uses one engineered pluripotent stem "
     "cell clone as an unlimited source of natural killer cells that can be given to any patient from stock. "
     "Gene edits add a cleavage-resistant CD16a receptor to boost antibody-dependent killing and an IL-15 "
     "receptor fusion for persistence. Differentiation runs in stirred-tank bioreactors, giving several "
     "hundred doses per batch. The first-in-human trial will pair the cells with an anti-HER2 antibody in "
     "solid tumours. Process development stage."),

    # --- cluster sian: CVD silicon-carbon anode material --------------------------------------------
    ("sian_a", "n30", "en", "sian", "Silicon-carbon anode made by silane CVD in porous carbon",
     "Fast-charging cells need more anode capacity without the swelling of micron silicon. We deposit nano "
     "silicon into a porous carbon scaffold by silane chemical vapour deposition in a fluidised bed, then "
     "seal the pores with a thin carbon coat. Targets: specific capacity of 1,800 to 2,000 mAh/g, "
     "first-cycle efficiency of at least 90 %, particle expansion below 30 %, and 1,500 cycles in a cell with "
     "10 % blended into graphite at 4C charging. A tonne-scale line is being commissioned (TRL 6)."),
    ("sian_b", "n31", "en", "sian", "Vapour-grown Si/C composite anode for next-generation Li-ion cells",
     "Silicon oxide anodes lose too much lithium in the first cycle. Instead, we grow amorphous silicon "
     "clusters inside the pores of a hard porous carbon by vapour deposition from monosilane, so that the "
     "pores absorb the volume change. Goals: reversible capacity around 1,900 mAh/g, initial coulombic "
     "efficiency above 91 %, and cycle life in blended anodes comparable to graphite-only cells. We also "
     "want a carbon scaffold made from a cheap resin precursor to bring the cost below 200 yuan per kg. "
     "Kilogram batches are sampled to cell makers (TRL 5)."),

    # --- cluster aer: aerogel thermal barriers between battery cells ------------------------------
    ("aer_a", "m30", "en", "aer", "Silica aerogel thermal barrier sheets for battery packs",
     "To meet the rule that a pack must not catch fire within five minutes after one cell goes into thermal "
     "runaway, heat has to be blocked between neighbouring cells. We make glass-fibre reinforced silica "
     "aerogel sheets 1 to 2 mm thick by ambient-pressure drying instead of supercritical drying, and laminate "
     "them with a mica skin. Targets: thermal conductivity of 0.020 W/m·K or less at room temperature, "
     "backside temperature below 150 °C after 10 minutes at 600 °C, and stable compression behaviour under "
     "cell swelling. Samples are in pack tests (TRL 6)."),
    ("aer_b", "m31", "en", "aer", "Thin aerogel interlayers to stop cell-to-cell heat propagation",
     "When one cell vents and burns, neighbouring cells must stay below their trigger temperature. We "
     "develop compressible aerogel composite pads placed between prismatic cells: a silica aerogel filled "
     "into a fibre felt, with an encapsulating film so no dust is released during assembly. Targets: "
     "conductivity near 0.02 W/(m·K), thickness 1.5 mm, withstand 800 °C flame for 10 minutes, and compression "
     "set below 10 % after 1,000 swelling cycles. Cost must be low enough for mass-market LFP packs. Pilot "
     "production (TRL 5)."),

    # --- cluster vm: virtual metrology for plasma etch --------------------------------------------
    ("vm_a", "s30", "en", "vm", "Virtual metrology for plasma etch in 300 mm fabs",
     "Measuring every wafer after etch is too slow, so fabs sample a few wafers per lot and miss drifts. We "
     "predict critical dimension and etch depth for every wafer from chamber sensor data, such as fault "
     "detection traces and optical emission spectra, with machine-learning models, and feed the predictions "
     "to run-to-run control. Targets: CD prediction error within 1 nm (3 sigma), model recovery within five "
     "wafers after preventive maintenance, and results available within 10 seconds after the wafer leaves "
     "the chamber. Pilot on two etch tool groups (TRL 5)."),
    ("vm_b", "s31", "en", "vm", "Machine-learning estimation of etch results from tool sensor traces",
     "Our fab sends only one wafer in 25 to the CD-SEM. We train models that estimate the post-etch "
     "dimensions of the remaining wafers from equipment signals, including RF power, pressure, gas flows and "
     "optical emission, and use them for wafer-to-wafer advanced process control. Goals: R-squared above 0.9 "
     "and error below 1 nm for critical dimension, automatic recalibration after chamber cleaning, and "
     "deployment inside the fab's automation system with no extra hardware. Proof of concept finished "
     "(TRL 4)."),
    ("vm_c", "c33", "en", "vm", "Predictive process control software option for etch tools",
     "As an etch equipment maker we want our tools to ship with software that infers each wafer's etch "
     "outcome, including critical dimension, depth and within-wafer uniformity, from in-chamber sensors, so "
     "that customers can measure fewer wafers and correct recipes wafer by wafer. The models run on the "
     "tool's own controller and are pre-trained on our process development data, then adapted at the "
     "customer site. Targets: CD estimated within ±1 nm, adaptation after chamber maintenance in fewer than "
     "10 wafers, and integration with the fab's APC system. Alpha software (TRL 4)."),
    ("wm", "s32", "en", None, "Wafer-map defect pattern classification for yield analysis",
     "Yield engineers look through thousands of wafer maps every week to find systematic failure patterns "
     "such as edge rings, scratches and centre clusters. We train a classifier on wafer maps from probe "
     "test and inline inspection that assigns each wafer to a pattern class, flags new patterns, and links "
     "them to the tools the lot passed through. Targets: 95 % accuracy on 12 known pattern classes, detection "
     "of unknown patterns with 80 % recall, and root-cause suggestions for the yield team within one hour of "
     "test. Running in one 300 mm fab (TRL 6)."),
]

HN = [
    ("wc_a", "pc_b", "inspection crawlers on a different asset: tank shell vs inside gas pipes"),
    ("wc_b", "pc_a", "inspection crawlers on a different asset: tank shell vs inside gas pipes"),
    ("sp_a", "inp", "optical modules: silicon photonics IC vs InP laser chips"),
    ("sp_b", "int_b", "chips for AI data centres: photonic IC vs silicon interposer"),
    ("nk_b", "cldnT", "cell therapy for solid tumours: allogeneic iPSC-NK vs autologous CAR-T"),
    ("nk_a", "cara_b", "cell therapy: iPSC-NK product vs CAR-T manufacturing automation"),
    ("sian_a", "hc", "anode materials: silicon-carbon for Li-ion vs hard carbon for Na-ion"),
    ("sian_b", "gcond", "Li-ion electrode materials: Si/C anode vs graphene conductive additive"),
    ("aer_a", "tr_b", "pack thermal safety: aerogel barrier vs gas-sensing warning"),
    ("aer_b", "ctb", "pack design: aerogel interlayer vs cell-to-body structure"),
    ("vm_a", "wm", "fab machine learning: etch virtual metrology vs wafer-map classification"),
    ("vm_c", "sdi_a", "ML prediction of quality in process industry, different objective"),
]
