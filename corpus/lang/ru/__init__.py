"""Russian language data for the Russian quote engine (:mod:`corpus.attribution.ru`).

Words are lemmas (dictionary forms, ё written as е), so one entry covers every form of a word:
the engine lemmatises with pymorphy3 before it looks a word up.
"""
