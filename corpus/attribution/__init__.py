"""Private machinery behind :func:`corpus.quotes.extract_quotes`.

The engine works in passes over one article:

- ``marks`` finds the spans between quotation marks, paragraph by paragraph, and masks them
  so the narrative around them can be searched without matching words inside a quote;
- ``cues`` finds the speech or belief verb next to a quote and the words naming its speaker;
- ``mentions`` splits those words into a name, a role, a pronoun or a description;
- ``people`` gathers the article's names, picks the fullest form of each and resolves pronouns
  and descriptions to the nearest compatible speaker;
- ``interview`` recognises introduced interviews (dash-led answers, labelled questions);
- ``reported`` finds reported speech ("X said that ...", "..., X said.").
"""
