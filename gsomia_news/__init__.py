"""gsomia-news: gather and extract news coverage of GSOMIA."""

__version__ = "0.1.0"

# Bumped whenever cleaning/extraction output may change for the same raw page;
# recorded in every manifest (and, later, part of the extraction cache key).
PIPELINE_VERSION = "1"
