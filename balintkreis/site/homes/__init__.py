"""The role homes on the personal overview (/mein-bereich/): one module per
role, each a function that gathers everything its section shows in a few
queries (member.py: the participant's section)."""
