"""A generator of realistic synthetic 法治政府建设 reports for benchmarks.

Reports are recombined from the sample corpus's paragraphs, moved to other jurisdictions and
years, with their labelled quantities re-drawn, in simplified or traditional script. Beside
the files it writes the quantities a correct extractor must find (the gold CSV format), so a
benchmark can check that speed did not cost correctness. Deterministic for a seed.
"""

from synth.compose import SynthDocument, compose_document
from synth.corpus import generate_corpus
from synth.templates import Template, load_templates

__all__ = ["SynthDocument", "Template", "compose_document", "generate_corpus", "load_templates"]
