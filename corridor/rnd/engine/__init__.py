"""The R&D overlap engine: plain modules, no Django.

Projects (id, organisation, title, text, language, optional segments, keywords, IPC classes and
target parameters) go in; pairs of projects of different organisations with the same technical
objective come out, scored, with their reasons, apart from pairs that are related but complementary
(same component or segment, different objective). Embeddings, BM25 over jieba tokens, the bilingual
lexicon and figure agreement are matching's (corridor.matching.engine), imported, not copied.
"""

from corridor.rnd.engine.features import DEFAULT, FEATURES, Model
from corridor.rnd.engine.finder import COMPLEMENTARY, OVERLAP, OverlapFinder, Pair, Reasons
from corridor.rnd.engine.project import Project

__all__ = ["COMPLEMENTARY", "DEFAULT", "FEATURES", "OVERLAP", "Model", "OverlapFinder", "Pair", "Project", "Reasons"]
