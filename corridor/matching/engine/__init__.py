"""The matching engine: plain modules, no Django.

Offers and needs go in as `Item`s (id, side, text, category, optional segments and regions); ranked
`Match`es come out, each with its `Explanation`. Embeddings come from a model shipped inside a PyPI
package (see `embedders`), candidate retrieval is exact numpy on small corpora and an HNSW index on
large ones (see `vectors`), and the final score blends meaning, lexical evidence, category, chain
adjacency and region (see `matcher`).
"""

from corridor.matching.engine.matcher import Explanation, Item, Match, Matcher, Weights

__all__ = ["Explanation", "Item", "Match", "Matcher", "Weights"]
