"""Setup, login, sessions and API tokens."""

from __future__ import annotations

from typing import TYPE_CHECKING

import strawberry
from graphql.language import (
    FieldNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    SelectionSetNode,
)
from strawberry.types.nodes import convert_arguments

from gql_invoke.auth.passwords import POLICY_TEXT
from gql_invoke.domain import Scope
from gql_invoke.services import api_tokens, auth, sessions
from schema.context import Info
from schema.permissions import PUBLIC, SESSION_OR_MANAGE, SIGNED_IN
from schema.users import (
    ApiToken,
    AuthPayload,
    LoginInput,
    NewApiToken,
    Session,
    SetupInput,
    SetupStatus,
    User,
)

if TYPE_CHECKING:
    from gql_invoke.db.models import ApiToken as ApiTokenRow

# Shared default; never mutated (the resolver copies it).
DEFAULT_SCOPES = [Scope.READ.value]


def _login_fields(info: Info) -> dict[str, str]:
    """Response key -> email of every login field of this operation, fragments included."""
    raw = info._raw_info
    found: dict[str, str] = {}

    def walk(selection_set: SelectionSetNode) -> None:
        for node in selection_set.selections:
            if isinstance(node, FieldNode) and node.name.value == info.field_name:
                key = node.alias.value if node.alias else node.name.value
                value = convert_arguments(raw, node.arguments).get("input")
                email = (
                    value.get("email") if isinstance(value, dict) else getattr(value, "email", None)
                )
                found.setdefault(key, str(email))
            elif isinstance(node, InlineFragmentNode):
                walk(node.selection_set)
            elif isinstance(node, FragmentSpreadNode) and node.name.value in raw.fragments:
                walk(raw.fragments[node.name.value].selection_set)

    walk(raw.operation.selection_set)
    return found


async def _counted_attempt(info: Info) -> auth.LoginAttempt | None:
    """With several logins in one operation, count them all before the first runs.

    Mutation fields run one after another and the first failure ends the
    operation, so without this only the attempts that ran would count.
    """
    operation = info.operation
    state = info.context.login_attempts.get(id(operation))
    if state is None or state[0] is not operation:
        fields = _login_fields(info)
        if len(fields) <= 1:
            return None
        attempts = await auth.count_login_attempts(list(fields.values()), info.context.ip)
        state = (operation, dict(zip(fields, attempts, strict=True)))
        info.context.login_attempts[id(operation)] = state
    return state[1].get(str(info.path.key))


def _user_agent(info: Info) -> str | None:
    """As sent; the service cleans and truncates it."""
    return info.context.request.headers.get("user-agent")


def _payload(session: auth.Session) -> AuthPayload:
    return AuthPayload(
        token=session.token,
        expires_at=session.expires_at,
        user=User.from_row(session.user, self_view=True),
    )


def _api_token(row: ApiTokenRow) -> ApiToken:
    return ApiToken(
        id=strawberry.ID(str(row.id)),
        name=row.name,
        scopes=list(row.scopes),
        created_at=row.created_at,
        expires_at=row.expires_at,
        last_used_at=row.last_used_at,
    )


@strawberry.type
class AuthQuery:
    @strawberry.field(permission_classes=PUBLIC)
    async def setup_status(self) -> SetupStatus:
        required, multiuser = await auth.setup_status()
        return SetupStatus(
            setup_required=required, multiuser_enabled=multiuser, password_policy=POLICY_TEXT
        )

    @strawberry.field(permission_classes=SIGNED_IN)
    async def api_tokens(self, info: Info) -> list[ApiToken]:
        rows = await api_tokens.list_own(info.context.require_actor())
        return [_api_token(r) for r in rows]

    @strawberry.field(
        permission_classes=SIGNED_IN,
        description="The caller's own signed-in sessions, newest first.",
    )
    async def sessions(self, info: Info) -> list[Session]:
        actor = info.context.require_actor()
        return [Session.from_row(r, actor.token_id) for r in await sessions.list_own(actor)]


@strawberry.type
class AuthMutation:
    @strawberry.mutation(permission_classes=PUBLIC)
    async def setup(self, info: Info, input: SetupInput) -> AuthPayload:
        session = await auth.setup(
            input.email,
            input.display_name,
            input.password,
            ip=info.context.ip,
            user_agent=_user_agent(info),
        )
        info.context.loaders.user.clear_all()
        return _payload(session)

    @strawberry.mutation(permission_classes=PUBLIC)
    async def login(self, info: Info, input: LoginInput) -> AuthPayload:
        session = await auth.login(
            input.email,
            input.password,
            bool(input.remember_me),
            ip=info.context.ip,
            attempt=await _counted_attempt(info),
            user_agent=_user_agent(info),
        )
        return _payload(session)

    # Read scope on purpose: it ends only the credential it was sent with.
    @strawberry.mutation(permission_classes=SIGNED_IN)
    async def logout(self, info: Info) -> bool:
        return await auth.logout(info.context.require_actor())

    @strawberry.mutation(permission_classes=SESSION_OR_MANAGE)
    async def logout_everywhere(self, info: Info) -> bool:
        return await auth.logout_everywhere(info.context.require_actor())

    @strawberry.mutation(
        permission_classes=SESSION_OR_MANAGE,
        description="Ends one of the caller's own signed-in sessions.",
    )
    async def revoke_session(self, info: Info, id: strawberry.ID) -> bool:
        return await sessions.revoke(info.context.require_actor(), id)

    @strawberry.mutation(permission_classes=SESSION_OR_MANAGE)
    async def create_api_token(
        self,
        info: Info,
        name: str,
        scopes: list[str] = DEFAULT_SCOPES,
        expires_in_days: int | None = 90,
    ) -> NewApiToken:
        """The secret is in the answer once; only its hash is kept."""
        secret, row = await api_tokens.create(
            info.context.require_actor(), name, list(scopes), expires_in_days
        )
        return NewApiToken(token=secret, api_token=_api_token(row))

    @strawberry.mutation(permission_classes=SESSION_OR_MANAGE)
    async def revoke_api_token(self, info: Info, id: strawberry.ID) -> bool:
        return await api_tokens.revoke(info.context.require_actor(), id)
