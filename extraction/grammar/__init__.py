"""The grammar of quantity mentions: regexes compiled from the lexicon (patterns) and the
rules that read and filter their hits (extract)."""
