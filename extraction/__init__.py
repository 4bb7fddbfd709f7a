"""Quantity extraction from 法治政府建设 report paragraphs (pure functions, no I/O beyond the seeds)."""

from extraction.document import extract_document
from extraction.grammar.extract import extract_mentions
from extraction.lexicon import Lexicon, default_seeds_dir, load_lexicon
from extraction.model import Mention

__all__ = ["Lexicon", "Mention", "default_seeds_dir", "extract_document", "extract_mentions", "load_lexicon"]
