from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest

from gql_invoke.services.scheduler import (
    DEFAULT_SECONDS_PER_COST,
    Pending,
    Running,
    Usage,
    head_candidates,
    order,
    running_wait,
    seconds_per_cost,
    work_ahead,
)
from tests.helpers import estimated_starts

T0 = datetime(2026, 1, 1, tzinfo=UTC)


def items(
    *specs: tuple[int, str] | tuple[int, str, float] | tuple[int, str, float, int],
) -> list[Pending]:
    def item(item_id: int, owner: str, cost: float = 1.0, priority: int = 0) -> Pending:
        return Pending(id=item_id, owner_id=owner, priority=priority, cost=cost)

    return [item(*spec) for spec in specs]


def ids(line: list[Pending]) -> list[int]:
    return [i.id for i in line]


def test_fifo_serves_oldest_first_whatever_the_owner() -> None:
    line = order("FIFO", items((3, "a"), (1, "b"), (2, "a")), {})
    assert ids(line) == [1, 2, 3]


@pytest.mark.parametrize("policy", ["FIFO", "ROUND_ROBIN", "FAIR_SHARE"])
def test_priority_items_go_first_under_every_policy(policy: str) -> None:
    line = order(policy, items((1, "a"), (2, "b"), (3, "c", 1.0, 1), (4, "a", 1.0, 1)), {})
    assert ids(line)[:2] == [3, 4]


def test_round_robin_alternates_between_users() -> None:
    line = order("ROUND_ROBIN", items((1, "a"), (2, "a"), (3, "a"), (4, "b"), (5, "b")), {})
    assert ids(line) == [1, 4, 2, 5, 3]


def test_round_robin_serves_the_least_recently_served_user_first() -> None:
    usage = {"a": Usage(last_started_at=T0 + timedelta(minutes=5)), "b": Usage(last_started_at=T0)}
    line = order("ROUND_ROBIN", items((1, "a"), (2, "a"), (3, "b")), usage)
    assert ids(line) == [3, 1, 2]


def test_round_robin_serves_a_never_served_user_before_served_ones() -> None:
    usage = {"a": Usage(last_started_at=T0), "b": Usage(last_started_at=T0 + timedelta(1))}
    line = order("ROUND_ROBIN", items((1, "a"), (2, "b"), (9, "c")), usage)
    assert ids(line) == [9, 1, 2]


def test_fair_share_serves_the_user_with_least_recent_cost_first() -> None:
    usage = {"a": Usage(recent_cost=10.0), "b": Usage(recent_cost=2.0)}
    line = order("FAIR_SHARE", items((1, "a"), (2, "b"), (3, "b")), usage)
    # b used less: b goes until it has used more than a (2+1+1 < 10).
    assert ids(line) == [2, 3, 1]


def test_fair_share_one_users_big_backlog_does_not_block_a_small_job() -> None:
    backlog = [(i, "heavy", 8.0) for i in range(1, 101)]
    line = order("FAIR_SHARE", items(*backlog, (500, "light", 0.1)), {})
    assert ids(line).index(500) <= 1  # at worst after the job that was first in line


def test_fair_share_breaks_ties_by_the_oldest_item() -> None:
    line = order("FAIR_SHARE", items((5, "a"), (2, "b"), (7, "c")), {})
    assert ids(line) == [2, 5, 7]


def test_fair_share_weighs_cost_not_job_count() -> None:
    # a's jobs are 4x as expensive: b gets about four jobs for each of a's.
    specs = [(i, "a", 4.0) for i in range(1, 4)] + [(10 + i, "b", 1.0) for i in range(12)]
    line = ids(order("FAIR_SHARE", items(*specs), {}))
    assert line[:6] == [1, 10, 11, 12, 13, 2]


def test_unknown_policy_is_refused() -> None:
    with pytest.raises(ValueError):
        order("LOTTERY", [], {})


def test_seconds_per_cost_is_cost_weighted_with_a_default() -> None:
    assert seconds_per_cost([]) == DEFAULT_SECONDS_PER_COST
    assert seconds_per_cost([(2.0, 1.0), (6.0, 3.0)]) == pytest.approx(2.0)
    assert seconds_per_cost([(1.0, 0.0)]) == DEFAULT_SECONDS_PER_COST


def test_estimated_starts_follow_the_line_and_the_running_job() -> None:
    line = items((1, "a", 2.0), (2, "b", 1.0))
    running = [Running(started_at=T0 - timedelta(seconds=1), cost=3.0)]
    starts = estimated_starts(line, running, T0, rate=1.0)
    assert starts[1] == T0 + timedelta(seconds=2)  # 3 s job, 1 s done
    assert starts[2] == T0 + timedelta(seconds=4)


def test_estimated_starts_are_unknown_while_paused() -> None:
    assert estimated_starts(items((1, "a")), [], T0, 1.0, paused=True) == {1: None}


@pytest.mark.parametrize("policy", ["FIFO", "ROUND_ROBIN", "FAIR_SHARE"])
def test_the_head_candidates_decide_the_first_item(policy: str) -> None:
    """What lets the worker pick its next job from one row per owner."""
    rng = random.Random(policy)
    for _ in range(300):
        owners = [f"u{i}" for i in range(rng.randint(1, 5))]
        pool = [
            Pending(
                id=n,
                owner_id=rng.choice(owners),
                cost=rng.choice((0.5, 1.0, 4.0)),
                priority=rng.choice((0, 0, 0, 0, 1, 2, -1)),
            )
            for n in rng.sample(range(1, 500), rng.randint(1, 30))
        ]
        usage = {
            o: Usage(
                last_started_at=T0 + timedelta(seconds=rng.randint(0, 99)),
                recent_cost=rng.random() * 10,
            )
            for o in owners
            if rng.random() < 0.7
        }
        assert order(policy, head_candidates(pool), usage)[0] == order(policy, pool, usage)[0]
    assert head_candidates([]) == []


def test_an_eta_is_the_running_wait_plus_the_work_ahead() -> None:
    line = items((1, "a", 2.0), (2, "b", 3.0), (3, "a", 1.0))
    running = [Running(started_at=T0 - timedelta(seconds=1), cost=4.0)]
    assert work_ahead(line, rate=2.0) == [0.0, 4.0, 10.0]
    assert running_wait(running, T0, rate=2.0) == 7.0
    starts = estimated_starts(line, running, T0, rate=2.0)
    assert starts == {
        1: T0 + timedelta(seconds=7),
        2: T0 + timedelta(seconds=11),
        3: T0 + timedelta(seconds=17),
    }
