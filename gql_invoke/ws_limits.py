"""Per-user caps on websockets and the operations running on them.

The graphql-transport-ws handler below takes a slot of the user's
``max_subscriptions_per_user`` for every operation it starts (subscriptions,
and the queries or mutations some clients also send over the socket) before
the operation is even parsed, so a refused one costs no parsing, permission
check or database query. The slot is
given back the moment the operation ends however it ends: completed, stopped
by the client, failed, or the socket closed. The connection's own slot
(``max_connections_per_user``, taken in GraphQLApp.on_ws_connect after the
connection_init authentication) is given back when the socket closes.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from contextlib import suppress
from typing import Any

from graphql.error import GraphQLError
from starlette.websockets import WebSocketDisconnect
from strawberry.http.exceptions import WebSocketDisconnected
from strawberry.subscriptions.protocols.graphql_transport_ws.handlers import (
    BaseGraphQLTransportWSHandler,
    Operation,
    _OperationStreamClosed,
)
from strawberry.subscriptions.protocols.graphql_transport_ws.types import SubscribeMessage

from gql_invoke import runtime, ws_shared
from gql_invoke.auth.actor import Actor
from gql_invoke.errors import RateLimited
from gql_invoke.services import live
from gql_invoke.ws_frames import FRAMES
from schema.errors import map_error

# Where on_ws_connect leaves the connection's slot (the ASGI scope lives exactly
# as long as the socket).
CONNECTION_LEASE_KEY = "gql_invoke.ws_connection_lease"
# The close code of a connection past max_connections_per_user (4429 is what
# graphql-transport-ws uses for "too many").
CLOSE_TOO_MANY = 4429


def take_connection_slot(scope: MutableMapping[str, Any], actor: Actor) -> None:
    """Count this socket against its user; raises RateLimited past the cap."""
    scope[CONNECTION_LEASE_KEY] = live.registry().open_connection(actor)


def close_reason(exc: RateLimited) -> str:
    return exc.message[:120]  # a close reason must fit in 123 bytes


class LimitedTransportWSHandler(BaseGraphQLTransportWSHandler[Any, Any]):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The per-user cap bounds every connection as well; strawberry's own
        # per-connection cap (100 by default) would refuse without a code.
        self.max_subscriptions_per_connection = None
        self._leases: dict[str, live.Lease] = {}

    async def handle_subscribe(self, message: SubscribeMessage) -> None:
        actor = getattr(self.context, "actor", None)
        op_id = message.get("id")
        if not self.connection_acknowledged or actor is None or op_id in self.operations:
            await super().handle_subscribe(message)  # strawberry closes the socket
            return
        try:
            lease = live.registry().open_subscription(actor)
        except RateLimited as exc:
            # Mapped where every domain error is (schema/errors.py): RATE_LIMITED.
            error = map_error(GraphQLError(exc.message, original_error=exc))
            refusal: Any = {"id": op_id, "type": "error", "payload": [error.formatted]}
            await self.send_message(refusal)
            return
        try:
            await super().handle_subscribe(message)
        finally:
            operation = self.operations.get(op_id)
            if operation is None or operation.task is None or operation.task.done():
                lease.release()
            else:
                self._leases[op_id] = lease
                # The safety net: whatever way the task ends, the slot comes back.
                operation.task.add_done_callback(lambda _task: lease.release())

    async def run_operation(self, operation: Operation[Any, Any]) -> None:
        max_tokens = runtime.current().settings.max_tokens
        key = ws_shared.shared_key(
            operation.query, operation.variables, operation.operation_name, self.context, max_tokens
        )
        if key is None:
            await super().run_operation(operation)
            return
        group = ws_shared.joinable(key)
        if group is not None:
            try:
                await ws_shared.check_joiner(self.context, group)
            except Exception:
                # Refused (or unsure): its own stream gives the precise error.
                await super().run_operation(operation)
                return

        async def open_stream() -> Any:
            return await self.schema.stream(
                operation.query,
                variable_values=operation.variables,
                context_value=self.context,
                root_value=self.root_value,
                operation_name=operation.operation_name,
            )

        # strawberry's run_operation, with the results of a stream it may share
        # (ws_shared.py) instead of one of its own.
        member = ws_shared.join(key, open_stream, group)
        try:
            await self._send_result_stream(operation, member.results())  # type: ignore[arg-type]
            await operation.send_operation_message({"id": operation.id, "type": "complete"})
        except _OperationStreamClosed:
            return
        except Exception as error:
            await self.handle_task_exception(error)
            with suppress(Exception):
                await operation.send_operation_message({"id": operation.id, "type": "complete"})
            self.operations.pop(operation.id, None)
            raise
        finally:
            member.leave()

    async def send_message(self, message: Any) -> None:
        frame = FRAMES.next_frame(message)
        if frame is None:
            await super().send_message(message)
            return
        try:
            await self.websocket.ws.send_text(frame)  # type: ignore[attr-defined]
        except WebSocketDisconnect as exc:  # what strawberry's send_json raises then
            raise WebSocketDisconnected from exc

    def forget_id(self, id: str) -> None:
        # The operation sent its last message (complete or error): its slot is free
        # before the client hears of it, so it may start another one right away.
        self._release(id)
        super().forget_id(id)

    async def cleanup_operation(self, operation_id: str) -> None:
        self._release(operation_id)  # stopped by the client, or the socket closing
        await super().cleanup_operation(operation_id)

    async def shutdown(self) -> None:
        # First, and with no await before it: even a cancelled shutdown frees the slot.
        lease = self.context.request.scope.pop(CONNECTION_LEASE_KEY, None)
        if lease is not None:
            lease.release()
        try:
            await super().shutdown()
        finally:
            for op_id in list(self._leases):
                self._release(op_id)

    def _release(self, op_id: str) -> None:
        lease = self._leases.pop(op_id, None)
        if lease is not None:
            lease.release()
