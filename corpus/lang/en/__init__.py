"""English language data, by kind.

- ``verbs``: verbs of speech and belief, every inflection, and the classes the rules tell
  apart (reporting verbs, verbs whose object is a listener, verbs that relay others' words);
- ``pronouns``: pronouns and the closed-class words around mentions (articles, prepositions,
  subordinators, the junk a mention is trimmed of);
- ``names``: titles, honorifics, first names by sex, name particles and suffixes, nicknames,
  abbreviations, words that are never names;
- ``nouns``: nouns for people, organisations, documents and roles;
- ``places``: countries, regions, capitals, demonyms, US state abbreviations;
- ``labels``: the words of layouts (interview labels, headings that name no speaker).
"""
