"""Plain Pelican for the benchmark: default theme, no plugins, every corpus file read as an article.

Only what is needed to process the same files is set: where they are, the time
zone, a date for the types without one (bidbook chapters, pages), and slugs from
file names (generated titles may repeat; two pages writing one file stops Pelican).
"""

PATH = "."  # the corpus root: content/ and newsletters/
ARTICLE_PATHS = ["content/parels", "content/agenda", "content/cops", "content/bidbook", "content/pages", "content/techzine", "newsletters"]
STATIC_PATHS = ["content/images"]
TIMEZONE = "Europe/Amsterdam"
DEFAULT_DATE = "fs"
SLUGIFY_SOURCE = "basename"
