"""Words of Russian speech and its sources: the verbs that report words, and who can speak.

All entries are lemmas with ё written as е (see :mod:`corpus.lang.ru`).
"""

from __future__ import annotations


def lemmas(text: str) -> frozenset[str]:
    """Return a set of lemmas from a whitespace-separated list, ё folded to е."""
    return frozenset(text.replace("ё", "е").split())


# Verbs (and short adjectives) that report what someone said, wrote or holds: the head of
# "X сказал, что …", "«…», — заявил X", "X считает, что …", "как отметил X, …".
SPEECH_VERBS = lemmas(
    """
    сказать говорить заявить заявлять отметить отмечать подчеркнуть подчеркивать
    сообщить сообщать добавить добавлять пояснить пояснять рассказать рассказывать
    заметить замечать уточнить уточнять признать признавать признаться признаваться
    утверждать указать указывать напомнить напоминать объяснить объяснять заверить
    заверять подтвердить подтверждать предупредить предупреждать продолжить продолжать
    заключить подытожить резюмировать ответить отвечать написать писать прокомментировать
    комментировать высказаться заявиться констатировать акцентировать возразить возражать
    пожаловаться жаловаться посетовать сетовать объявить объявлять огласить поделиться
    уверять убеждать настаивать настоять считать полагать думать верить надеяться
    опасаться сомневаться допускать допустить предположить предполагать прогнозировать
    рассчитывать ожидать уверить проинформировать информировать известить
    передать передавать цитировать процитировать говориться уверенный убежденный
    согласный оценить оценивать охарактеризовать характеризовать выразить выражать
    сформулировать пообещать обещать призвать призывать потребовать требовать предложить
    предлагать сообщиться отреагировать реагировать высказать высказывать убедить
    исключить исключать обратить согласиться посчитать повторить повторять делиться
    вспомнить вспоминать воскликнуть восклицать парировать пригрозить грозить
    рекомендовать порекомендовать советовать посоветовать
    """
)

# Of the speech verbs, those whose content is an infinitive when no clause follows: "пообещал
# ограничить …", "призвал вернуться …", "потребовал освободить …".
INFINITIVE_VERBS = lemmas(
    "пообещать обещать призвать призывать потребовать требовать предложить предлагать "
    "настаивать настоять рассчитывать надеяться рекомендовать порекомендовать советовать "
    "посоветовать"
)

# Verbs whose object, not their subject, is the speaker: "цитирует слова премьера пресс-служба".
QUOTING_VERBS = lemmas("цитировать процитировать")

# "по словам X", "по мнению X", "по утверждению X": the noun after "по" whose genitive is the
# source. ("по данным X" gives a source of figures, not of words.)
SOURCE_NOUNS = lemmas(
    "слово мнение утверждение заявление оценка убеждение признание версия сообщение"
)

# The noun after "по словам" etc. as printed (the dative plural or singular).
SOURCE_NOUN_FORMS = lemmas(
    "словам мнению утверждению заявлению оценке убеждению признанию версии сообщению"
)

# Prepositions that name a source by themselves: "согласно X, …".
SOURCE_PREPOSITIONS = lemmas("согласно")

# Organisations that speak through a press office or an outlet: nouns that make a subject an
# organisation, not a person ("пресс-служба президента", "газета «Труд»", "в МВД").
ORGANISATION_NOUNS = lemmas(
    """
    пресс-служба служба ведомство министерство минсвязь правительство администрация мэрия
    агентство газета издание журнал телеканал радиостанция портал сайт сми полиция
    милиция прокуратура суд комиссия комитет совет управление департамент компания
    концерн корпорация банк фонд партия организация объединение союз движение штаб
    посольство мид кремль канцелярия офис группа центр институт университет
    """
)

# Persons spoken of by a pronoun: the nominative and its other forms all count.
PERSON_PRONOUNS = lemmas("он она")
PLURAL_PRONOUNS = lemmas("они")
# The author speaking ("напомним, что …", "как мы писали"): not a source.
AUTHOR_PRONOUNS = lemmas("я мы")

# Labels of the interviewer's turns in an interview ("Вопрос:", "Корр.:").
QUESTION_LABELS = lemmas("вопрос корр корреспондент интервьюер ведущий журналист")
# Labels of the interviewee's turns when the layout does not name them ("Ответ:").
ANSWER_LABELS = lemmas("ответ")

# Impersonal speech verbs whose source is the place they are said in: "говорится в заявлении
# МИД" (the ministry speaks), as "в пресс-службе сообщили" for a plural verb.
IMPERSONAL_VERBS = lemmas("говориться сообщаться")

# Nouns for a source that is not named: "источник в правительстве", "собеседник агентства".
ANONYMOUS_NOUNS = lemmas("источник собеседник")
