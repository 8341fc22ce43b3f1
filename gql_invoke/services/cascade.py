"""What must happen to a user's other data when the user is deactivated or deleted.

Rows cascade in the database (foreign keys ON DELETE CASCADE); files on disk and
pending jobs do not, so each domain that owns such things is called here.
"""

from __future__ import annotations

from gql_invoke.auth.actor import Actor
from gql_invoke.services import images, queue


async def user_deactivated(actor: Actor, user_id: str) -> None:
    """Internal: users.update_user, after its admin check; raises nothing.

    A deactivated user's pending jobs must not use the GPU."""
    await queue.cancel_pending_of_owner(actor, user_id, reason="owner deactivated")


async def user_deleting(actor: Actor, user_id: str) -> None:
    """Internal: users.delete_user, after its admin check; raises nothing.

    Before the row goes: the user's jobs are canceled and their image files removed (rows
    cascade in the database, files and running jobs do not)."""
    await queue.cancel_pending_of_owner(actor, user_id, reason="owner deleted")
    await images.delete_files_of_owner(user_id)
