"""The domain enums: one definition each, and the GraphQL enums are those very classes."""

from __future__ import annotations

from gql_invoke import domain
from gql_invoke.domain import BoardAccess, QueueItemStatus, Scope


def test_every_queue_status_is_active_or_finished_never_both() -> None:
    active, finished = set(domain.ACTIVE_STATUSES), set(domain.FINISHED_STATUSES)
    assert active | finished == set(QueueItemStatus)
    assert not active & finished


def test_members_equal_the_strings_stored_and_sent() -> None:
    assert QueueItemStatus.PENDING == "PENDING"
    assert f"{domain.ModelBase.SDXL}" == "SDXL"
    assert ", ".join(Scope) == "read, generate, manage, admin"
    assert "EULER" in tuple(domain.Scheduler)


def test_board_access_is_ordered_and_named() -> None:
    assert BoardAccess.READ < BoardAccess.WRITE < BoardAccess.ADMIN < BoardAccess.OWNER
    assert BoardAccess["WRITE"] is BoardAccess.WRITE


def test_the_schema_enums_are_the_domain_classes() -> None:
    from schema import boards, models, queue

    assert queue.QueueItemStatus is domain.QueueItemStatus
    assert queue.QueuePolicy is domain.QueuePolicy
    assert queue.Scheduler is domain.Scheduler
    assert models.ModelType is domain.ModelType
    assert models.ModelBase is domain.ModelBase
    assert boards.BoardAccess is domain.BoardAccess
