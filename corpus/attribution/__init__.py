"""Private machinery behind :func:`corpus.quotes.extract_quotes`.

The engine works in passes over one article:

- ``marks`` pairs quotation marks (“ ” " « » „ “), paragraph by paragraph, into spans, and
  masks the quoted words so narrative rules never match inside a quote;
- ``cues`` finds the speech or belief verb next to a quote ("X said", "said X", "X said:",
  "according to X", "..., adding: ...") and the words naming its speaker;
- ``mentions`` reads those words as a name, an organisation, a pronoun or a description and
  splits the role from the name ("White House spokesman Jennifer Psaki");
- ``people`` gathers the article's names to pick each one's fullest form and cleans roles;
- ``interview`` recognises introduced interviews (dash-led answers and the paragraphs that
  continue them, labelled questions);
- ``reported`` finds reported speech ("X said that ...", "..., X said.", "X called on ...");
- ``lexicon`` holds the word lists.

``corpus.quotes`` ties them together and resolves pronouns and descriptions to the nearest
compatible speaker.
"""
