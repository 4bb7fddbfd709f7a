"""Attribution of a report to the jurisdiction and year it reports on."""

from attribution.attribute import attribute_document
from attribution.gazetteer import Gazetteer, default_seeds_dir, load_gazetteer
from attribution.model import Attribution

__all__ = ["Attribution", "Gazetteer", "attribute_document", "default_seeds_dir", "load_gazetteer"]
