"""Mention → indicator mapping: which catalog indicator a quantity mention is a value of."""

from indicators.mapper import Context, MentionIn, MetricMatch, build_context, map_document, map_mention
from indicators.vocabulary import Indicator, Vocabulary, default_seeds_dir, load_vocabulary

__all__ = [
    "Context",
    "Indicator",
    "MentionIn",
    "MetricMatch",
    "Vocabulary",
    "build_context",
    "default_seeds_dir",
    "load_vocabulary",
    "map_document",
    "map_mention",
]
