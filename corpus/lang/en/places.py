"""English names of places: countries, regions, capitals, demonyms, US state abbreviations."""

from __future__ import annotations

from corpus.lang import words

# Countries and regions: a bare place name speaks only as an institution ("Russia said"),
# never as a person a pronoun could point back to.
PLACE_NAMES = words(
    """
    afghanistan albania algeria andorra angola argentina armenia australia austria azerbaijan
    bahrain bangladesh belarus belgium bolivia bosnia brazil britain bulgaria cambodia cameroon
    canada chile china colombia congo croatia cuba cyprus czechia denmark ecuador egypt england
    eritrea estonia ethiopia europe finland france georgia germany ghana greece guatemala haiti
    honduras hungary iceland india indonesia iran iraq ireland israel italy jamaica japan jordan
    kazakhstan kenya korea kosovo kuwait kyrgyzstan laos latvia lebanon libya lithuania
    luxembourg macedonia malaysia mali malta mexico moldova mongolia montenegro morocco
    mozambique myanmar nepal netherlands nicaragua niger nigeria norway oman pakistan palestine
    panama paraguay peru philippines poland portugal qatar romania russia rwanda scotland
    senegal serbia singapore slovakia slovenia somalia spain sudan sweden switzerland syria
    taiwan tajikistan tanzania thailand tunisia turkey turkmenistan uganda ukraine uruguay
    uzbekistan venezuela vietnam wales yemen zambia zimbabwe africa asia america crimea
    donbass chechnya siberia caucasus balkans scandinavia washington moscow beijing kyiv kiev
    london paris berlin brussels tehran ankara minsk
    """
) | frozenset(
    {
        "united states", "united kingdom", "south korea", "north korea", "saudi arabia",
        "south africa", "new zealand", "czech republic", "latin america", "middle east",
        "central asia", "european union",
    }
)  # fmt: skip

# Country adjectives fold to the country, so word order and form do not split organisations.
DEMONYMS = {
    "russian": "russia", "kazakh": "kazakhstan", "kazakhstani": "kazakhstan",
    "american": "us", "u.s": "us", "usa": "us", "ukrainian": "ukraine", "chinese": "china",
    "british": "uk", "britain": "uk", "french": "france", "german": "germany",
    "belarusian": "belarus", "turkish": "turkey", "iranian": "iran", "israeli": "israel",
    "japanese": "japan", "indian": "india", "polish": "poland", "georgian": "georgia",
    "armenian": "armenia", "azerbaijani": "azerbaijan", "kyrgyz": "kyrgyzstan",
    "uzbek": "uzbekistan", "tajik": "tajikistan", "syrian": "syria", "korean": "korea",
    "italian": "italy", "spanish": "spain", "canadian": "canada", "mexican": "mexico",
    "egyptian": "egypt", "european": "europe", "swedish": "sweden", "finnish": "finland",
    "lithuanian": "lithuania", "latvian": "latvia", "estonian": "estonia",
    "moldovan": "moldova", "afghan": "afghanistan", "iraqi": "iraq", "pakistani": "pakistan",
}  # fmt: skip

# US states as newspapers abbreviate them ("Calif. Gov. Jerry Brown"): no sentence ends there.
STATE_ABBREVIATIONS = words(
    """
    ala ariz ark calif colo conn del fla ga ill ind kan kans ky la md mass mich minn miss mo
    mont neb nev okla ore pa tenn tex va vt wash wis wyo
    """
)
