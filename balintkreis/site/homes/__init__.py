"""Role homes: what a person sees first after log-in (``accounts:dashboard``).

One module per role (``leader.py``, ``secretariat.py``, ``member.py``); each
has one function that takes the person and returns a dataclass the
dashboard's include for that role renders (``site/home/_<role>.html``). The
functions only read, ask the apps' own rules and querysets, and run a fixed
number of queries however much data there is.
"""
