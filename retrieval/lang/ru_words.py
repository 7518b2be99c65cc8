"""Russian words a question is read with, by kind (the article side's are in corpus.lang.ru).

Lemmas (dictionary forms, ё as е) unless a list says otherwise: the reader lemmatises each word
with pymorphy3 before looking it up, so one entry covers every form. General Russian, not taken
from any evaluation set.
"""

from __future__ import annotations

from corpus.lang.ru.speech import SPEECH_VERBS, lemmas

# Words that only say *that* something was said, as printed (every form a search meets): they
# carry no topic, as "say" and "quoted" do not in English (``retrieval.lexical``'s stop words).
RUSSIAN_SPEECH_WORDS = (
    "сказать сказал сказала сказали сказано говорить говорил говорила говорили говорит "
    "говорят заявить заявил заявила заявили заявлял заявляла заявляет рассказать рассказал "
    "рассказала рассказали рассказывал рассказывала цитата цитаты цитат цитату цитатой "
    "цитировать цитировал цитирует процитировал процитировала упомянуть упомянул упомянула "
    "упоминал упоминала слово слова слов словам словах высказался высказалась высказывался"
).split()

# Verbs a question uses for what someone said or thinks, beyond the attribution lexicon's:
# "Что думает X о …", "Как X отреагировал на …", "Чем X пригрозил …", "Над чем посмеялся X".
QUESTION_VERBS = SPEECH_VERBS | lemmas(
    """
    думать говорить отреагировать реагировать пригрозить грозить угрожать пообещать
    посмеяться смеяться удивиться удивляться обвинить обвинять сравнить сравнивать назвать
    называть раскритиковать критиковать похвалить хвалить осудить осуждать поддержать
    поддерживать высмеять упрекнуть возмутиться возмущаться отозваться отзываться рассуждать
    спросить спрашивать ответить призвать предостеречь упомянуть упоминать процитировать
    прокомментировать комментировать писать написать твитнуть
    """
)

# Verbs that *only* say that words were spoken: dropped from a who-question's search text
# ("Кто сказал, что …" searches for what follows), unlike "предупредил", "пообещал", which
# are part of what was said.
FRAME_VERBS = lemmas(
    "сказать говорить заявить заявлять рассказать рассказывать высказаться высказываться "
    "отметить отмечать произнести написать писать упомянуть упоминать"
)

# Nouns for someone's words: "Слова Путина о НАТО", "цитаты Пескова", "Чьи это слова?",
# "Что известно о заявлении X"; their genitive is the speaker.
WORDS_NOUNS = lemmas(
    """
    слово цитата заявление высказывание мнение позиция комментарий реакция оценка
    утверждение речь выступление реплика фраза ответ признание обещание призыв
    """
)

# Words that open a question; never part of a name, a description or a topic.
QUESTION_WORDS = lemmas(
    "кто что как чем какой который чей почему зачем где когда куда откуда сколько ли разве"
)
# Question words that ask for a speaker: "Кто сказал …", "Кем было сказано …", "Кому
# принадлежат слова …", "Чьи слова …".
WHO_WORDS = lemmas("кто чей")
# Determiners that make a noun the wanted speaker's description: "Какой эксперт …",
# "Который из министров …".
WHICH_WORDS = lemmas("какой который")
# Imperatives that ask for a speaker by description: "Назовите эксперта, который …".
NAME_THE = lemmas("назвать найти указать")
# Imperatives that ask for someone's words: "Покажи цитаты Пескова", "Дай слова X".
SHOW_VERBS = lemmas("показать дать привести найти вывести")

# How a surname that no dictionary knows declines ("Франгуляна" is Франгулян, "Тоунеру" is
# Тоунер, "Петровой" is Петрова): by the case and gender the parser reads in context, the
# endings to take off and what to put back for the nominative. General Russian declension of
# surnames; used only when the dictionary's forms meet no speaker.
SURNAME_ENDINGS: dict[tuple[str, str], tuple[tuple[str, str], ...]] = {
    ("Masc", "Gen"): (("а", ""), ("я", "й"), ("я", "ь"), ("я", "")),
    ("Masc", "Acc"): (("а", ""), ("я", "й"), ("я", "ь"), ("я", "")),
    ("Masc", "Dat"): (("у", ""), ("ю", "й"), ("ю", "ь"), ("ю", "")),
    ("Masc", "Ins"): (("ым", ""), ("ом", ""), ("ем", ""), ("ем", "ь"), ("ем", "й")),
    ("Masc", "Loc"): (("е", ""), ("е", "й"), ("е", "ь")),
    ("Fem", "Gen"): (("ой", "а"), ("ой", "ая"), ("ы", "а"), ("и", "я")),
    ("Fem", "Dat"): (("ой", "а"), ("ой", "ая"), ("е", "а")),
    ("Fem", "Ins"): (("ой", "а"), ("ой", "ая")),
    ("Fem", "Loc"): (("ой", "а"), ("ой", "ая"), ("е", "а")),
    ("Fem", "Acc"): (("у", "а"), ("ую", "ая"), ("ю", "я")),
}

# Prepositions that open what was said *about*: "о переговорах", "про санкции", "насчёт
# НАТО", "относительно выборов"; "по поводу" is two words (see the reader).
ABOUT = lemmas("о об обо про насчет относительно касательно")

# Pronouns in the speaker's place: the last speaker of the conversation is meant.
PRONOUNS = lemmas("он она они")

# Words that lean on the conversation: "Что ещё он сказал?", "А о НАТО?", "И про санкции?".
FOLLOWUP_WORDS = lemmas("еще также тоже а и")

# Generic people in the speaker's place ("Кто-нибудь", "эксперты", "люди") ask "who said".
ANYONE = lemmas(
    "кто-нибудь кто-то кто-либо некто эксперт аналитик политик чиновник люди человек "
    "специалист наблюдатель критик комментатор источник"
)

# The article itself in the speaker's place ("Что пишет газета о …", "Что говорится в статье"):
# an open question about what it reports, never a speaker.
DOCUMENT = lemmas("статья текст материал новость сообщение корпус пресса сми документ")

# Office and standing words with their English counterparts, so that a Russian description is
# read in the same role terms as an English one (``retrieval.question.role_terms``) and meets a
# role as Russian articles record it *and* as English ones do: "мэр Нью-Йорка" is a mayor,
# "главный экономист МВФ" a chief economist. Pairs ``русское=english``; the forms are found by
# stemming both sides. "дело" is the ministry's in "министр иностранных дел" (foreign
# minister), "министерство внутренних дел" (interior ministry). General Russian, not taken
# from any corpus.
ROLE_WORDS = dict(
    pair.split("=")
    for pair in """
    глава=head главный=chief руководитель=head председатель=chairman директор=director
    лидер=leader президент=president начальник=chief шеф=boss старший=senior
    высокопоставленный=senior сенатор=senator конгрессмен=congressman депутат=lawmaker
    законодатель=lawmaker губернатор=governor генерал=general доктор=doctor врач=doctor
    профессор=professor пресс=press секретарь=secretary госсекретарь=secretary
    представитель=spokesman спикер=speaker министр=minister замминистра=minister
    министерство=ministry демократ=democrat республиканец=republican помощник=aide
    советник=adviser консультант=adviser стратег=strategist экономист=economist мэр=mayor
    посол=ambassador тренер=coach премьер=premier канцлер=chancellor судья=judge
    прокурор=prosecutor адвокат=lawyer юрист=lawyer аналитик=analyst эксперт=expert
    политолог=scientist ученый=scientist академик=academician астронавт=astronaut
    космонавт=astronaut журналист=journalist писатель=writer кандидат=candidate
    полицейский=police полиция=police шериф=sheriff бывший=former заместитель=deputy
    вице=vice партия=party сотрудник=official чиновник=official официальный=official
    правительство=government администрация=administration комиссия=commission
    комитет=committee совет=council фонд=fund банк=bank центральный=central
    иностранный=foreign внешний=foreign внутренний=interior оборона=defense финансы=finance
    юстиция=justice безопасность=security экономика=economy образование=education
    здравоохранение=health торговля=commerce энергетика=energy
    дело=minister
    """.split()
)
