"""Find report files, decode them, split paragraphs and land them raw with lineage (ELT: nothing else)."""
