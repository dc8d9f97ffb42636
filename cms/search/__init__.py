"""Per-language site search.

Written by hand rather than with Wagtail's search backend because Wagtail's
database backend uses one text-search configuration for all content, while this
site needs Swedish stemming for Swedish pages and English stemming for English ones,
an index that holds only what each language may show, and Swedish compound words
split into their parts.

- PostgreSQL: full-text search with the ``swedish``/``english`` configuration over
  title, lead and body, ranked by title (weighted over lead), then date; when
  nothing matches, trigram word similarity on titles for misspellings.
- SQLite: a simpler but working path: lower-cased substring matching with light
  suffix stripping, title matches first.
- Both: a Swedish compound query word ("specialiseringsstrategi") also matches its
  parts ("specialisering", "strategi") when those words occur on the site.
"""
