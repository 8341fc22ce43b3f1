"""Multi-user mode in a real browser: the setup wizard creates the administrator, who
signs out and in again; a second user signs in elsewhere, cannot see the admin's
board, and is sent back to sign-in when the admin disables the account; repeated
wrong passwords show a countdown; "Sign out everywhere" ends every session."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from tests.live_server import LiveServer, live_server
from tests.web.browser import Watched, chromium_missing, first_render_probe
from tests.web.site import api, api_login, url

pytestmark = pytest.mark.skipif(chromium_missing() is not None, reason=str(chromium_missing()))
ADMIN = ("admin@example.org", "Ada Admin", "Sup3r-Secret-Pass")
BOB = ("bob@example.org", "Bob Builder", "B0b-Builds-Things")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    with live_server(
        tmp_path_factory.mktemp("multi"), multiuser=True, login_max_failures_per_account=3
    ) as live:
        yield live


def sign_in(page: Any, email: str, password: str, remember: bool = False) -> None:
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    if remember:
        page.get_by_label("Remember me").check()
    page.get_by_role("button", name="Sign in").click()


def test_setup_sign_in_users_and_session_end(
    server: LiveServer, open_page: Callable[..., Watched]
) -> None:
    from playwright.sync_api import expect

    admin = open_page()
    page: Any = admin.page
    page.add_init_script(first_render_probe("main h1"))
    page.goto(url(server))
    expect(page.get_by_role("heading", name="Create administrator account")).to_be_visible()
    print(f"\nfirst render (setup form): {page.evaluate('window.__firstRender'):.0f} ms")

    email, name, password = ADMIN
    page.get_by_label("Email").fill(email)
    page.get_by_label("Display name").fill(name)
    page.get_by_label("Password", exact=True).fill("short")
    expect(page.get_by_text("at least 8 characters (not met yet)")).to_be_attached()
    submit = page.get_by_role("button", name="Create administrator account")
    expect(submit).to_be_disabled()
    page.get_by_label("Password", exact=True).fill(password)
    expect(page.get_by_text("(not met yet)")).to_have_count(0)
    page.get_by_label("Confirm password").fill(password + "x")
    expect(page.get_by_text("The two passwords are not the same.")).to_be_visible()
    expect(submit).to_be_disabled()
    page.get_by_label("Confirm password").fill(password)
    admin.shoot("setup")
    submit.click()
    expect(page.get_by_text(f"{name} (admin)")).to_be_visible()
    expect(page.get_by_role("heading", name="Generate")).to_be_visible()

    page.get_by_role("button", name="Sign out", exact=True).click()
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    expect(page.get_by_text("You are signed out.")).to_be_visible()
    admin.shoot("signin")
    sign_in(page, email, "Wrong-Passw0rd")
    expect(page.get_by_role("alert")).to_have_text("The email or password is not right.")
    sign_in(page, email, password, remember=True)
    expect(page.get_by_text(f"{name} (admin)")).to_be_visible()
    page.reload()  # remembered: still signed in
    expect(page.get_by_text(f"{name} (admin)")).to_be_visible()

    # The admin makes a private board (over the API) and a second user (in the UI).
    token = api_login(server, email, password)
    api(server, 'mutation { createBoard(name: "Admin only") { id } }', token)
    bob_email, bob_name, bob_password = BOB
    page.get_by_role("link", name="Users").click()
    expect(page.get_by_role("heading", name="Users")).to_be_visible()
    page.get_by_label("Email").fill(bob_email)
    page.get_by_label("Display name").fill(bob_name)
    page.get_by_label("Initial password").fill(bob_password)
    page.get_by_role("button", name="Create user").click()
    bob_row = page.get_by_role("listitem", name=re.compile("^User Bob"))
    expect(bob_row).to_be_visible()
    admin.shoot("admin-users")

    bob = open_page()
    bpage: Any = bob.page
    bpage.goto(url(server, "/gallery"))  # a deep link: sign in first, then the app
    expect(bpage.get_by_role("heading", name="Sign in")).to_be_visible()
    sign_in(bpage, bob_email, bob_password)
    expect(bpage.get_by_text(bob_name)).to_be_visible()
    expect(bpage.get_by_role("heading", name="All images")).to_be_visible()
    expect(bpage.get_by_role("navigation", name="Boards")).to_be_visible()
    expect(bpage.get_by_text("Admin only")).to_have_count(0)
    bob.shoot("gallery-empty")

    # His own account: name, sessions, an API token shown once.
    bpage.get_by_role("link", name=re.compile(bob_name)).click()
    expect(bpage.get_by_role("heading", name="Your account")).to_be_visible()
    expect(bpage.get_by_role("list", name="Sessions").get_by_text("this one")).to_be_visible()
    bpage.get_by_label("Display name").fill("Bob B.")
    bpage.get_by_role("button", name="Save name").click()
    expect(bpage.get_by_role("link", name="Bob B.")).to_be_visible()
    bpage.get_by_label("Token name").fill("script")
    bpage.get_by_label("generate").check()
    bpage.get_by_role("button", name="Create token").click()
    secret = bpage.locator(".secret code")
    expect(secret).to_have_text(re.compile("^gqi_"))
    scripted = server.gql(
        "{ me { displayName } }", headers={"Authorization": f"Bearer {secret.inner_text()}"}
    )
    assert scripted["data"]["me"]["displayName"] == "Bob B."
    bob.shoot("account")
    tokens = bpage.get_by_role("list", name="API tokens")
    tokens.get_by_role("button", name="Revoke").click()
    expect(bpage.get_by_text("No API tokens.")).to_be_visible()
    page.get_by_role("link", name="Gallery").click()
    expect(page.get_by_role("link", name=re.compile("Admin only"))).to_be_visible()

    # Disabled while the page is open: the server ends his sessions and says so to his
    # streams, which end at once (no other event needed), and the page leaves.
    page.get_by_role("link", name="Users").click()
    bob_row.get_by_role("button", name="Disable").click()
    expect(bob_row.get_by_text("disabled", exact=True)).to_be_visible()
    expect(bpage.get_by_role("heading", name="Sign in")).to_be_visible(timeout=5_000)
    # The server ends a disabled user's sessions: from here that is "session ended".
    expect(bpage.get_by_role("status")).to_contain_text("Your session has ended")
    bob.shoot("signin-session-ended")
    sign_in(bpage, bob_email, bob_password)
    expect(bpage.get_by_role("alert")).to_contain_text("This account has been disabled")

    # Guessing: after the per-account limit the form counts down from retryAfter.
    guesser = open_page()
    gpage: Any = guesser.page
    gpage.goto(url(server))
    for _ in range(5):
        # Wait for this attempt's answer: the alert from the one before stays on screen
        # until the click's re-render, and reading it would miss the limit.
        with gpage.expect_response(lambda r: r.url.endswith("/graphql")):
            sign_in(gpage, "carol@example.org", "Not-The-Passw0rd")
        alert = gpage.get_by_role("alert")
        expect(alert).to_have_text(re.compile("not right|Too many attempts"))
        if "Too many attempts" in alert.inner_text():
            break
    expect(gpage.get_by_role("alert")).to_have_text(
        re.compile(r"Too many attempts\. Try again in \d+ seconds?\.")
    )
    expect(gpage.get_by_role("button", name="Sign in")).to_be_disabled()
    guesser.shoot("signin-rate-limited")

    page.get_by_role("button", name="Sign out everywhere").click()
    expect(page.get_by_text("You were signed out on every device.")).to_be_visible()
    ended = server.gql("{ me { id } }", headers={"Authorization": f"Bearer {token}"})
    assert ended["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"

    for watched in (admin, bob, guesser):
        watched.assert_clean()


def test_a_password_changed_elsewhere_returns_the_open_page_to_sign_in(
    server: LiveServer, open_page: Callable[..., Watched]
) -> None:
    from playwright.sync_api import expect

    # Runs after the test above: the administrator exists (the module's server).
    admin_token = api_login(server, ADMIN[0], ADMIN[2])
    email, password = "dora@example.org", "D0ra-Draws-Owls"
    api(
        server,
        "mutation($i: CreateUserInput!) { createUser(input: $i) { id } }",
        admin_token,
        i={"email": email, "displayName": "Dora", "password": password},
    )
    w = open_page()
    page: Any = w.page
    page.goto(url(server))
    sign_in(page, email, password)
    expect(page.get_by_role("heading", name="Generate")).to_be_visible()

    # Her phone changes the password: every other session ends, this page says so.
    phone = api_login(server, email, password)
    new_password = "D0ra-Draws-Cats"
    api(
        server,
        "mutation($i: UpdateMeInput!) { updateMe(input: $i) { id } }",
        phone,
        i={"currentPassword": password, "newPassword": new_password},
    )
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible(timeout=5_000)
    expect(page.get_by_role("status")).to_contain_text("Your session has ended")

    w.assert_clean()
