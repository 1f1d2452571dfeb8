"""The German federal states, defined once (issue 14 item 4).

Mentors name the state they work in (``mentoring``); the interest list
offers the states plus "anywhere (online)" (``groups``). The values are the
official two-letter codes and stay unchanged in the database.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Region(models.TextChoices):
    """The German federal states."""

    BW = "BW", "Baden-Württemberg"
    BY = "BY", "Bayern"
    BE = "BE", "Berlin"
    BB = "BB", "Brandenburg"
    HB = "HB", "Bremen"
    HH = "HH", "Hamburg"
    HE = "HE", "Hessen"
    MV = "MV", "Mecklenburg-Vorpommern"
    NI = "NI", "Niedersachsen"
    NW = "NW", "Nordrhein-Westfalen"
    RP = "RP", "Rheinland-Pfalz"
    SL = "SL", "Saarland"
    SN = "SN", "Sachsen"
    ST = "ST", "Sachsen-Anhalt"
    SH = "SH", "Schleswig-Holstein"
    TH = "TH", "Thüringen"


# The interest list's regions: anywhere (online), then every federal state.
# django-stubs knows the functional API without (value, label) pairs only.
RegionOrNationwide = models.TextChoices(  # type: ignore[call-overload]
    "RegionOrNationwide",
    [("NATIONWIDE", ("nationwide", _("anywhere (online)")))]
    + [(state.name, (state.value, state.label)) for state in Region],
)
