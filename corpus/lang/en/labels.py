"""English words of layouts: interview labels, and headings that name no speaker."""

from __future__ import annotations

from corpus.lang import words

# Labels of an interviewer's turn, naming nobody in particular ("Q:", "REPORTER:"), and of an
# interviewee's ("A:").
QUESTION_LABELS = words("q question interviewer reporter moderator audience")
ANSWER_LABELS = words("a answer")
# Words opening a "Label:" paragraph that is a heading or furniture, not a speaker.
NOT_SPEAKER_LABELS = words(
    "update note correction editor's watch read video photo photos related breaking "
    "warning source sources credit caption advertisement sponsored live more also see"
)
# Words of an introduction that tell the interviewer from the interviewee: "Sam Birch
# interviewed Jana Novak", "our reporter talked to her", "Novak told the Ledger".
ASKING_VERBS = words(
    "interview interviews interviewed ask asks asked question questions questioned"
)
MEETING_VERBS = words(
    "talk talks talked speak speaks spoke chat chats chatted sit sits sat meet meets met"
)
TELLING_VERBS = words("tell tells told")
INTERVIEWER_NOUNS = words(
    "reporter reporters correspondent interviewer journalist editor host presenter anchor "
    "columnist writer"
)
