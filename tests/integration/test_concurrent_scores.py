"""Two workstations keying the same session at once neither lose nor duplicate a keying."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable

import pytest

from kaoping.adapters.clock import FixedClock
from kaoping.bootstrap import build_env
from kaoping.domain.catalogue import Level
from kaoping.domain.errors import ConflictError
from kaoping.domain.roles import Role
from kaoping.services import accounts, scores
from kaoping.services.base import Actor, Env
from kaoping.services.ports.scores import EventKind
from tests.integration.test_scores_workflow import on_panel, present, seed

PASSWORD = "Passw0rd-test"
CANDIDATES = 20


def _race(jobs: list[Callable[[], None]]) -> None:
    start = threading.Barrier(len(jobs))
    errors: list[BaseException] = []

    def run(job: Callable[[], None]) -> None:
        start.wait()
        try:
            job()
        except BaseException as error:  # reported by the assertion below
            errors.append(error)

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert not errors, errors


@pytest.mark.plain_store  # the second workstation opens the file by its URL alone
def test_two_workstations_keying_at_once(
    env: Env,
    db_url: str,
    clock: FixedClock,
    actors: dict[Role, Actor],
    make_user: Callable[[str, list[Role]], Actor],
) -> None:
    """Three examiners on two connections race over 20 seats: every seat ends with exactly two
    keyings by two different people, and every refused third keying is a clean refusal."""
    seeded = seed(env, actors[Role.EXAM_ADMIN], Level.JUNIOR, CANDIDATES)
    session_id = next(iter(seeded.sessions.values()))
    on_panel(
        env,
        [session_id],
        [make_user(name, [Role.EXAMINER]).user_id for name in ("ws_a1", "ws_b1", "ws_b2")],
    )
    second = build_env(db_url, clock=clock, fast_hashing=True)  # the other workstation
    keyers = [
        (env, accounts.sign_in(env, "ws_a1", PASSWORD)),
        (second, accounts.sign_in(second, "ws_b1", PASSWORD)),
        (second, accounts.sign_in(second, "ws_b2", PASSWORD)),
    ]
    accepted = Counter[str]()

    def keyer_job(workstation: Env, examiner: Actor) -> Callable[[], None]:
        def job() -> None:
            for candidate_id in seeded.candidates:
                try:
                    scores.enter_score(
                        workstation, examiner, session_id, candidate_id, present("80")
                    )
                except ConflictError:
                    continue
                accepted[examiner.username] += 1

        return job

    _race([keyer_job(ws, examiner) for ws, examiner in keyers])
    getattr(second.uow, "engine").dispose()  # noqa: B009

    with env.uow(write=False) as uow:
        events = [e for e in uow.scores.events(seeded.candidates) if e.kind is EventKind.ENTRY]
    per_seat = Counter(e.candidate_id for e in events)
    assert set(per_seat.values()) == {2}, per_seat
    for candidate_id in seeded.candidates:
        keyed_by = [e.actor for e in events if e.candidate_id == candidate_id]
        assert len(set(keyed_by)) == 2
    assert sum(accepted.values()) == 2 * CANDIDATES == len(events)
