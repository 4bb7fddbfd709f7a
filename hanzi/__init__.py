"""Chinese script handling: traditional → simplified without moving any character offset."""

from hanzi.convert import changed_characters, to_simplified

__all__ = ["changed_characters", "to_simplified"]
