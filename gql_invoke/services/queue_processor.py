"""The queue processor: admins pause and resume the worker and choose the policy.

The state is two app settings (queue_cache.PAUSED_KEY, POLICY_KEY), so the CLI
and other processes see it too; every change is audited, published as
ProcessorStateChanged and wakes the worker.
"""

from __future__ import annotations

from gql_invoke.auth.actor import Actor
from gql_invoke.domain import QueuePolicy
from gql_invoke.errors import Invalid
from gql_invoke.services import app_settings, audit, queue_view
from gql_invoke.services.queue import wake_worker
from gql_invoke.services.queue_view import StatusView
from gql_invoke.services.scope import require_admin


async def _set_processor(actor: Actor, key: str, value: str, action: str) -> StatusView:
    require_admin(actor, "only admins can control the queue processor")
    await app_settings.set_value(key, value)
    queue_view.publish_processor()
    await audit.record(actor, action, "queue", None, {key: value})
    wake_worker()
    return await queue_view.status_for(actor)


async def pause(actor: Actor) -> StatusView:
    """Admins only (Forbidden otherwise); raises nothing else.

    The worker stops claiming jobs; returns the status."""
    return await _set_processor(actor, queue_view.PAUSED_KEY, "1", "queue.pause")


async def resume(actor: Actor) -> StatusView:
    """Admins only (Forbidden otherwise); raises nothing else.

    The worker claims jobs again; returns the status."""
    return await _set_processor(actor, queue_view.PAUSED_KEY, "0", "queue.resume")


async def set_policy(actor: Actor, policy: str) -> StatusView:
    """Admins only (Forbidden otherwise, before anything else); Invalid for an unknown
    policy.

    The scheduling policy of the whole queue; returns the status."""
    require_admin(actor, "only admins can control the queue processor")
    if policy not in tuple(QueuePolicy):
        raise Invalid(f"policy must be one of {', '.join(QueuePolicy)}", field="policy")
    return await _set_processor(actor, queue_view.POLICY_KEY, policy, "queue.policy")
