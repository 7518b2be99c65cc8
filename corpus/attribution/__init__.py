"""The English quote engine behind :func:`corpus.quotes.extract_quotes`, one module per pass.

``engine`` runs the passes over one article, in order:

- ``marks`` pairs quotation marks (“ ” " « » „ “), paragraph by paragraph, into spans, and
  masks the quoted words so narrative rules never match inside a quote;
- ``entities`` runs spaCy's English NER over the narrative; ``people`` gathers the article's
  names (fullest form, gender) and turns a mention into a ``Speaker``;
- ``interview`` recognises labelled and introduced interviews; ``reported`` finds reported
  speech ("X said that ...", "..., X said.", "X called on ...");
- ``cues`` finds the speech verb next to a quote and the words naming its speaker, reading
  them with ``subjects`` (whose clause it is) and ``mentions`` (name, organisation, pronoun
  or description; the role split off and cleaned by ``roles``);
- ``fallbacks`` says who speaks when no cue sits next to the quote; ``titles`` tells a
  quoted title, name or number from speech;
- ``coreference`` resolves pronouns and descriptions through the article's chain of
  mentions; ``records`` holds an attribution and builds the ``Quote``.

``sentences`` is the engine's one sentence splitter; ``paragraphs`` finds paragraphs by
number. The word lists are English language data and live in :mod:`corpus.lang.en`.
"""
