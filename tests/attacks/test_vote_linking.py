"""Attack: link a voter to their choice by replaying the SQLite WAL.

Whoever gets hold of the database files (a backup, a copied server disk, the
``-wal`` file next to the database) replays the write-ahead log commit by
commit, as SQLite itself does on recovery. If one commit both records that a
person voted and changes what is counted for an answer, the difference
between two consecutive states names the voter's choice. The same holds for
PostgreSQL's WAL and its dead tuples.

The defence (feedback/polls.py, docs/security.md) seals the choice while the
poll is open and counts all sealed ballots at once when the poll is closed
with at least ``POLL_MIN_VOTES`` votes; a leader cannot close earlier.
"""

import json
import os
import sqlite3
import struct
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from django.urls import reverse

from balintkreis.core.errors import RuleError
from balintkreis.feedback import polls
from balintkreis.feedback.models import Poll
from balintkreis.groups.tests.factories import MembershipFactory

ROOT = Path(__file__).resolve().parents[2]
LABELS = ["In Präsenz", "Online", "Hybrid"]
# Not unanimous: a unanimous result names everybody's choice by itself.
PLAN = ["Online", "In Präsenz", "Hybrid", "Online"]

# Runs in a child process on its own file-based SQLite database in WAL mode,
# exactly as the embedded server writes it.
VOTING_SERVER = """
import json, os, shutil, sys
import django
django.setup()
from django.core.management import call_command
from django.db import connection
from balintkreis.accounts.tests.factories import LeaderFactory
from balintkreis.feedback import polls
from balintkreis.groups.tests.factories import BalintGroupFactory, MembershipFactory

workdir, plan, labels = sys.argv[1], json.loads(sys.argv[2]), json.loads(sys.argv[3])
db = os.environ["SQLITE_PATH"]
call_command("migrate", verbosity=0)
leader = LeaderFactory()
group = BalintGroupFactory(leader=leader)
voters = [MembershipFactory(group=group).user for _ in plan]
poll = polls.open_poll(group, question="Wie weiter?", choices=labels, by=leader)
choice_ids = {c.label: c.pk for c in poll.choices.all()}
with connection.cursor() as cursor:
    # Keep every later frame in the WAL: the attacker gets the whole history.
    cursor.execute("PRAGMA wal_autocheckpoint=0")
    cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
shutil.copy(db, os.path.join(workdir, "base.sqlite3"))
for voter, label in zip(voters, plan):
    polls.vote(poll, voter=voter, choice_id=choice_ids[label])
polls.close_poll(poll, by=leader)
shutil.copy(db + "-wal", os.path.join(workdir, "copied.wal"))
truth = {str(v.pk): choice_ids[label] for v, label in zip(voters, plan)}
print(json.dumps({"truth": truth, "choices": choice_ids}))
"""


def run_voting_server(workdir: Path) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "REDIS_URL")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="balintkreis.settings",
        SQLITE_PATH=str(workdir / "server.sqlite3"),
        SECRET_KEY="attack-test-secret-key-attack-test-secret-key",
        FIELD_ENCRYPTION_KEY="attack-test-field-key",
        POLL_MIN_VOTES="3",
    )
    done = subprocess.run(
        [sys.executable, "-c", VOTING_SERVER, str(workdir), json.dumps(PLAN)]
        + [json.dumps(LABELS)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def replay_commits(base: bytes, wal: bytes) -> list[bytes]:
    """The database image after each commit in the WAL (SQLite file format,
    section 4: a 32-byte header, then frames of a 24-byte header and a page;
    a frame whose second field is non-zero ends a transaction)."""
    page_size = struct.unpack(">I", wal[8:12])[0]
    salts = wal[16:24]
    image = bytearray(base)
    states = []
    offset = 32
    while offset + 24 + page_size <= len(wal):
        page_number, commit_size = struct.unpack(">II", wal[offset : offset + 8])
        if wal[offset + 8 : offset + 16] != salts:
            break
        page = wal[offset + 24 : offset + 24 + page_size]
        start = (page_number - 1) * page_size
        if len(image) < start + page_size:
            image.extend(bytes(start + page_size - len(image)))
        image[start : start + page_size] = page
        if commit_size:
            del image[commit_size * page_size :]
            states.append(bytes(image))
        offset += 24 + page_size
    return states


def read_state(image: bytes, path: Path) -> dict:
    """Every row of every table of one database image."""
    # Bytes 18/19 say "WAL mode"; set them to the rollback journal so SQLite
    # reads the image alone instead of looking for a -wal file.
    patched = bytearray(image)
    patched[18:20] = b"\x01\x01"
    path.write_bytes(bytes(patched))
    connection = sqlite3.connect(path)
    try:
        tables = [
            row[0]
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'"
            )
        ]
        state = {}
        for table in tables:
            columns = [
                row[1] for row in connection.execute(f'PRAGMA table_info("{table}")')
            ]
            rows = connection.execute(f'SELECT * FROM "{table}"').fetchall()
            state[table] = {"columns": columns, "rows": set(rows)}
        return state
    finally:
        connection.close()


def voters_in(state: dict) -> set:
    table = state.get("feedback_pollvoter")
    if not table:
        return set()
    index = table["columns"].index("user_id")
    return {str(row[index]) for row in table["rows"]}


def tally_in(state: dict, choice_ids: set[int]) -> Counter:
    """All the attacker can count per answer: every row with a readable
    ``choice_id`` and every number stored on an answer row."""
    tally = Counter()
    for name, table in state.items():
        columns = table["columns"]
        if "choice_id" in columns:
            index = columns.index("choice_id")
            tally.update(row[index] for row in table["rows"])
        if name == "feedback_pollchoice":
            extra = [
                i
                for i, column in enumerate(columns)
                if column not in ("id", "poll_id", "position", "label")
            ]
            for row in table["rows"]:
                for i in extra:
                    if isinstance(row[i], int):
                        tally[row[columns.index("id")]] += row[i]
    return Counter({c: n for c, n in tally.items() if c in choice_ids})


def texts_added(before: dict, after: dict) -> str:
    added = []
    for name, table in after.items():
        if name in ("feedback_pollchoice", "feedback_poll"):
            continue
        old = before.get(name, {"rows": set()})["rows"]
        for row in table["rows"] - old:
            added.extend(str(cell) for cell in row if isinstance(cell, str))
    return "\n".join(added)


def link_voters(states: list[dict], choice_ids: dict) -> dict:
    """The attacker's conclusions: voter -> choice, only where certain."""
    links = {}
    ids = set(choice_ids.values())
    for before, after in zip(states, states[1:], strict=False):
        new_voters = voters_in(after) - voters_in(before)
        if not new_voters:
            continue
        gained = tally_in(after, ids) - tally_in(before, ids)
        if gained and len(gained) == 1 and sum(gained.values()) == len(new_voters):
            (choice,) = gained
            links.update(dict.fromkeys(new_voters, choice))
        text = texts_added(before, after)
        named = [cid for label, cid in choice_ids.items() if label in text]
        if len(new_voters) == 1 and len(named) == 1:
            links.update(dict.fromkeys(new_voters, named[0]))
    return links


def test_replaying_the_wal_links_no_voter_to_a_choice(tmp_path):
    server = run_voting_server(tmp_path)
    base = (tmp_path / "base.sqlite3").read_bytes()
    wal = (tmp_path / "copied.wal").read_bytes()
    images = replay_commits(base, wal)
    states = [read_state(base, tmp_path / "state.sqlite3")]
    states += [read_state(image, tmp_path / "state.sqlite3") for image in images]
    # The replay works: every voter appears, one commit after another, and
    # the closed poll's result is in the last state.
    seen = [voters_in(state) for state in states]
    assert seen[-1] == set(server["truth"])
    assert len({frozenset(s) for s in seen}) >= len(PLAN) + 1
    final = tally_in(states[-1], set(server["choices"].values()))
    assert sum(final.values()) == len(PLAN)

    links = link_voters(states, server["choices"])

    assert links == {}, f"linked {len(links)} of {len(PLAN)} voters to their choice"


@pytest.fixture
def poll(group, leader):
    return polls.open_poll(group, question="Wie weiter?", choices=LABELS, by=leader)


def _vote(poll, label, user):
    polls.vote(poll, voter=user, choice_id=poll.choices.get(label=label).pk)


@pytest.mark.django_db
def test_leader_cannot_close_before_k_votes_to_learn_one_vote(
    poll, group, member, leader, leader_client, settings
):
    settings.POLL_MIN_VOTES = 3
    _vote(poll, "Hybrid", member)
    _vote(poll, "Online", MembershipFactory(group=group).user)
    with pytest.raises(RuleError):
        polls.close_poll(poll, by=leader)
    response = leader_client.post(
        reverse("feedback:poll-close", args=[poll.pk]), follow=True
    )
    assert "mindestens 3" in response.content.decode()
    poll.refresh_from_db()
    assert poll.is_open
    assert polls.results(poll) == []


@pytest.mark.django_db
def test_results_only_after_closing_with_k_votes(poll, group, member, leader, settings):
    settings.POLL_MIN_VOTES = 3
    _vote(poll, "Hybrid", member)
    _vote(poll, "Online", MembershipFactory(group=group).user)
    _vote(poll, "Online", MembershipFactory(group=group).user)
    assert polls.results(poll) == []
    polls.close_poll(poll, by=leader)
    poll.refresh_from_db()
    assert {r.label: r.votes for r in polls.results(poll)} == {
        "In Präsenz": 0,
        "Online": 2,
        "Hybrid": 1,
    }


@pytest.mark.django_db
def test_an_open_poll_stores_no_readable_choice(poll, group, member, settings):
    settings.POLL_MIN_VOTES = 3
    _vote(poll, "Hybrid", member)
    _vote(poll, "Online", MembershipFactory(group=group).user)
    assert Poll.objects.get(pk=poll.pk).ballots.count() == 0
