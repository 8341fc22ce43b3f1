"""Boards, sharing, gallery and image view in a real browser, two users side by side.

Ann generates an image (watching it in the queue), finds it in the gallery (where a
second one arrives live) but not the admin's private board, makes a board, moves the
image into it, stars it and reuses its settings. She shares the board READ with Bea,
who sees it under "Shared with me", read only; WRITE lets Bea star and delete there
(moving stays with the image's owner); once the share is removed the board is gone.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from tests.live_server import LiveServer, live_server
from tests.web.browser import Watched, chromium_missing
from tests.web.site import api, url

pytestmark = pytest.mark.skipif(chromium_missing() is not None, reason=str(chromium_missing()))
ADMIN = ("root@example.org", "Rita Root", "R00t-Pass-Phrase")
ANN = ("ann@example.org", "Ann Artist", "Ann-Paints-2024")
BEA = ("bea@example.org", "Bea Viewer", "Bea-Looks-2024")
PROMPT = "a red fox in the snow"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    with live_server(
        tmp_path_factory.mktemp("sharing"),
        multiuser=True,
        worker_enabled=True,
        build_demo_model=True,
    ) as live:
        yield live


def sign_in(page: Any, who: tuple[str, str, str]) -> None:
    from playwright.sync_api import expect

    email, name, password = who
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text(name)).to_be_visible()


@pytest.fixture(scope="module")
def tokens(server: LiveServer) -> dict[str, str]:
    """The admin (setup) makes a private board and the two users, over the API."""
    email, name, password = ADMIN
    setup = api(
        server,
        "mutation($i: SetupInput!) { setup(input: $i) { token } }",
        i={"email": email, "displayName": name, "password": password},
    )
    admin = str(setup["setup"]["token"])
    api(server, 'mutation { createBoard(name: "Root private") { id } }', admin)
    found = {"admin": admin}
    for key, (email, name, password) in (("ann", ANN), ("bea", BEA)):
        api(
            server,
            "mutation($i: CreateUserInput!) { createUser(input: $i) { id } }",
            admin,
            i={"email": email, "displayName": name, "password": password},
        )
        login = api(
            server,
            "mutation($i: LoginInput!) { login(input: $i) { token } }",
            i={"email": email, "password": password},
        )
        found[key] = str(login["login"]["token"])
    return found


def test_boards_sharing_and_image_view(
    server: LiveServer, tokens: dict[str, str], open_page: Callable[..., Watched]
) -> None:
    from playwright.sync_api import expect

    ann = open_page()
    page: Any = ann.page
    page.goto(url(server))
    sign_in(page, ANN)
    expect(page.get_by_role("heading", name="Generate")).to_be_visible()
    page.get_by_label("Prompt", exact=True).fill(PROMPT)
    page.get_by_label("Negative prompt").fill("blurry")
    page.get_by_label("Steps").fill("12")
    page.get_by_label("Seed", exact=True).fill("4321")
    page.get_by_role("button", name="Generate").click()
    expect(page.get_by_text("Queued 1 image.")).to_be_visible()
    item = page.get_by_role("listitem", name=re.compile(PROMPT))
    expect(item.first).to_be_visible()
    expect(item.first.get_by_text("Done", exact=True)).to_be_visible(timeout=90_000)
    ann.shoot("sharing-generated")

    # The gallery: her image, not the admin's private board; a new image arrives live.
    page.get_by_role("link", name="Gallery").click()
    expect(page.get_by_role("heading", name="All images")).to_be_visible()
    tiles = page.get_by_role("list", name="Images").get_by_role("link")
    expect(tiles).to_have_count(1)
    expect(tiles.first.get_by_role("img")).to_have_js_property("complete", True)
    expect(page.get_by_text("Root private")).to_have_count(0)
    api(
        server,
        "mutation($i: EnqueueInput!) { enqueue(input: $i) { batchId } }",
        tokens["ann"],
        i={"generation": {"prompt": "a second fox", "steps": 2, "seed": 7}},
    )
    expect(tiles).to_have_count(2, timeout=60_000)
    ann.shoot("sharing-gallery-live")

    # A board of her own; the first image goes into it, starred.
    page.get_by_label("New board name").fill("Fox pictures")
    page.get_by_role("button", name="Create board").click()
    expect(page.get_by_role("heading", name="Fox pictures")).to_be_visible()
    mine = page.get_by_role("group", name="My boards")
    expect(mine.get_by_role("link", name=re.compile("Fox pictures"))).to_be_visible()
    page.get_by_role("link", name="All images").click()
    page.get_by_role("link", name=re.compile("Image 64×64")).last.click()
    expect(page.get_by_role("heading", name="Image")).to_be_visible()
    expect(page.get_by_text(PROMPT, exact=True)).to_be_visible()
    expect(page.get_by_text("4321", exact=True)).to_be_visible()
    page.get_by_role("button", name="Star", exact=True).click()
    expect(page.get_by_role("button", name="Unstar")).to_be_visible()
    page.get_by_label("Move to board").select_option(label="Fox pictures")
    page.get_by_role("button", name="Move to board").click()
    expect(page.get_by_text("Moved to Fox pictures.")).to_be_visible()
    download = page.get_by_role("link", name="Download")
    expect(download).to_have_attribute("download", re.compile(r"\.png$"))
    href = download.get_attribute("href")
    assert href and href.startswith(f"http://127.0.0.1:{server.port}/"), href
    assert server.client.get(href, headers={"Authorization": f"Bearer {tokens['ann']}"}).is_success
    ann.shoot("sharing-image-owner")
    image_path = page.url.removeprefix(url(server, ""))
    page.get_by_role("button", name="Use these settings").click()
    expect(page.get_by_role("heading", name="Generate")).to_be_visible()
    expect(page.get_by_label("Prompt", exact=True)).to_have_value(PROMPT)
    expect(page.get_by_label("Seed", exact=True)).to_have_value("4321")

    # Bea finds her user id in her gallery; Ann shares the board with her, READ.
    bea = open_page()
    bpage: Any = bea.page
    bpage.goto(url(server, "/gallery"))
    sign_in(bpage, BEA)
    shared = bpage.get_by_role("group", name="Shared with me")
    expect(shared.get_by_text("Nothing shared with you yet.")).to_be_visible()
    bea_id = shared.locator(".user-id code").inner_text()
    bea.shoot("sharing-nothing-shared")

    page.get_by_role("link", name="Gallery").click()
    page.get_by_role("link", name=re.compile("^Fox pictures")).click()
    expect(page.get_by_role("heading", name="Fox pictures")).to_be_visible()
    expect(page.get_by_text("Not shared with anyone.")).to_be_visible()
    form = page.get_by_role("form", name="Share this board")
    form.get_by_label("Share with").fill(bea_id)
    form.get_by_label("Access").select_option("READ")
    form.get_by_role("button", name="Share").click()
    expect(page.get_by_text("Shared with Bea Viewer (READ).")).to_be_visible()
    row = page.get_by_role("listitem", name="Bea Viewer: READ")
    expect(row).to_be_visible()
    ann.shoot("sharing-shared-read")

    bpage.reload()
    shared = bpage.get_by_role("group", name="Shared with me")
    shared.get_by_role("link", name=re.compile("^Fox pictures")).click()
    expect(bpage.get_by_role("heading", name="Fox pictures")).to_be_visible()
    expect(bpage.get_by_text("Read only", exact=True).first).to_be_visible()
    expect(bpage.get_by_role("button", name="Rename")).to_have_count(0)
    expect(bpage.get_by_role("button", name="Share")).to_have_count(0)
    bea.shoot("sharing-board-read-only")
    bpage.get_by_role("list", name="Images").get_by_role("link").first.click()
    expect(bpage.get_by_role("heading", name="Image")).to_be_visible()
    expect(bpage.get_by_text(PROMPT, exact=True)).to_be_visible()
    expect(bpage.get_by_text("Read only", exact=True)).to_be_visible()
    for name in ("Delete image", "Move to board", "Star", "Unstar"):
        expect(bpage.get_by_role("button", name=name, exact=True)).to_have_count(0)
    expect(bpage.get_by_label("Move to board")).to_have_count(0)
    expect(bpage.get_by_role("link", name="Download")).to_be_visible()
    bea.shoot("sharing-image-read-only")

    # WRITE: Bea may star and delete there, and add images (her Generate form offers
    # the board); moving Ann's image stays Ann's (the API's rule).
    row.get_by_label("Access").select_option("WRITE")
    expect(page.get_by_role("listitem", name="Bea Viewer: WRITE")).to_be_visible()
    bpage.reload()
    expect(bpage.get_by_role("button", name="Unstar")).to_be_visible()
    expect(bpage.get_by_role("button", name="Delete image")).to_be_visible()
    expect(bpage.get_by_text("Read only", exact=True)).to_have_count(0)
    expect(bpage.get_by_text(re.compile("Only Ann Artist, who made it"))).to_be_visible()
    bea.shoot("sharing-image-write")
    bpage.get_by_role("link", name="Generate", exact=True).click()
    board_select = bpage.get_by_label("Board")
    expect(board_select.locator("option", has_text="Fox pictures")).to_have_count(1)
    bpage.goto(url(server, image_path))
    expect(bpage.get_by_role("heading", name="Image")).to_be_visible()

    # The share removed: the board is gone from Bea's gallery.
    page.get_by_role("listitem", name="Bea Viewer: WRITE").get_by_role(
        "button", name="Remove share"
    ).click()
    expect(page.get_by_text("Not shared with anyone.")).to_be_visible()
    ann.shoot("sharing-unshared")
    bpage.goto(url(server, "/gallery"))
    expect(bpage.get_by_role("heading", name="All images")).to_be_visible()
    expect(bpage.get_by_role("link", name=re.compile("^Fox pictures"))).to_have_count(0)
    expect(bpage.get_by_role("list", name="Images").get_by_role("link")).to_have_count(0)
    bea.shoot("sharing-gallery-after-unshare")

    for watched in (ann, bea):
        watched.assert_clean()
