"""Search: one entry point per kind of object (`search_organisations`), plain text rules in `text`.

How it is indexed, and why (see the README's "Search" section):
- Every organisation keeps `search_tokens`: space-separated tokens computed in Python from its names and
  descriptions — Chinese as character bigrams, English/Latin words with plurals folded, pinyin and pinyin
  initials as suffixes starting at each word. Services, imports and the demo loader compute it in the same
  place as `search_text` (one path), so the database only has to index it.
- PostgreSQL: a GIN index on `array_to_tsvector(string_to_array(search_tokens, ' '))`. The tokens are made
  in Python and the query is cast to `tsquery` literally, so no text-search parser or locale is involved:
  under this cluster's C.UTF-8 locale the default parser and pg_trgm do not split Chinese into words, and
  a 2-character Chinese term (智能, 精密) has no trigram at all, so pg_trgm could not use its index for it.
- SQLite: an FTS5 table over the same tokens (unicode61 keeps a CJK bigram as one token), kept by triggers.
Segments and industries are matched by name in their own small tables, then joined through the tag and
industry link tables (already indexed), so re-tagging never has to touch the organisation index.
"""
