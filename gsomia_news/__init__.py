"""gsomia-news: gather and extract news coverage of GSOMIA."""

__version__ = "0.1.0"

# Bumped whenever cleaning/extraction output may change for the same raw page; recorded in
# every manifest. (The extraction cache needs no bump: its key covers the code itself.)
# 2: caption roles come from searching captions for the body's names, not from caption NER.
PIPELINE_VERSION = "2"
