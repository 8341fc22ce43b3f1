"""The admin screens in a real browser, multi-user mode with the demo model: users
(create, rename, quota, promote/demote, typed delete), models (defaults, install
from a path with progress, set as default, a refused delete), the queue (everyone's
items with owners, pause/resume, policy) and the audit log (filter, paging)."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from tests.live_server import LiveServer, live_server
from tests.web.browser import Watched, chromium_missing
from tests.web.site import api, api_login, url

pytestmark = pytest.mark.skipif(chromium_missing() is not None, reason=str(chromium_missing()))
ADMIN = ("root@example.org", "Ada Admin", "Sup3r-Secret-Pass")
CAROL = ("carol@example.org", "Carol Cook", "C4rol-Cooks-Well")
DAVE = ("dave@example.org", "Dave Doe", "D4ve-Does-Stuff")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    with live_server(
        tmp_path_factory.mktemp("admin"), multiuser=True, build_demo_model=True
    ) as live:
        yield live


def test_admin_screens(
    server: LiveServer, open_page: Callable[..., Watched], tmp_path_factory: pytest.TempPathFactory
) -> None:
    from playwright.sync_api import expect

    email, name, password = ADMIN
    setup = api(
        server,
        "mutation($i: SetupInput!) { setup(input: $i) { token } }",
        i={"email": email, "displayName": name, "password": password},
    )
    token = setup["setup"]["token"]

    admin = open_page()
    page: Any = admin.page
    page.goto(url(server))
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text(f"{name} (admin)")).to_be_visible()

    # --- Users -------------------------------------------------------------------
    page.get_by_role("link", name="Users").click()
    expect(page.get_by_role("heading", name="Users")).to_be_visible()
    for u_email, u_name, u_password in (CAROL, DAVE):
        page.get_by_label("Email").fill(u_email)
        page.get_by_label("Display name").fill(u_name)
        page.get_by_label("Initial password").fill(u_password)
        page.get_by_role("button", name="Create user").click()
        expect(page.get_by_role("listitem", name=f"User {u_name}")).to_be_visible()

    carol = page.get_by_role("listitem", name=re.compile("^User Carol"))
    carol.get_by_label("Name", exact=True).fill("Carol C.")
    carol.get_by_role("button", name="Save name").click()
    expect(page.get_by_role("listitem", name="User Carol C.")).to_be_visible()
    expect(carol.get_by_text("Quota: no limits")).to_be_visible()
    carol.get_by_label("Max pending jobs").fill("3")
    carol.get_by_label("Max storage (MB)").fill("10")
    carol.get_by_role("button", name="Set quota").click()
    expect(
        carol.get_by_text(re.compile(r"Quota: 3 pending, any number of images a day, 10\.0 MB"))
    ).to_be_visible()
    users = api(
        server,
        "{ users { email displayName quota { maxPendingJobs maxImagesPerDay maxStorageBytes } } }",
        token,
    )["users"]
    row = next(u for u in users if u["email"] == CAROL[0])
    assert row["displayName"] == "Carol C."
    assert row["quota"] == {
        "maxPendingJobs": 3,
        "maxImagesPerDay": None,
        "maxStorageBytes": 10 * 1024 * 1024,
    }
    expect(carol.get_by_label("Max pending jobs")).to_have_value("3")

    carol.get_by_role("button", name="Make admin").click()
    expect(carol.get_by_text("admin", exact=True)).to_be_visible()
    carol.get_by_role("button", name="Remove admin").click()
    expect(carol.get_by_role("button", name="Make admin")).to_be_visible()
    expect(carol.get_by_text("admin", exact=True)).to_have_count(0)

    dave = page.get_by_role("listitem", name="User Dave Doe")
    dave.get_by_role("button", name="Delete", exact=True).click()
    really = dave.get_by_role("button", name="Delete for good")
    expect(really).to_be_disabled()
    dave.get_by_label(re.compile("^Type dave@example.org")).fill(DAVE[0])
    admin.shoot("admin-users-delete")
    really.click()
    expect(page.get_by_role("listitem", name="User Dave Doe")).to_have_count(0)
    admin.shoot("admin-users-edited")

    # Carol's pending item (the worker is off: it stays pending).
    carol_token = api_login(server, CAROL[0], CAROL[2])
    api(
        server,
        'mutation { enqueue(input: { generation: { prompt: "a red fox" } }) { batchId } }',
        carol_token,
    )

    # --- Models ------------------------------------------------------------------
    page.get_by_role("link", name="Models").click()
    expect(page.get_by_role("heading", name="Models")).to_be_visible()
    models = api(server, "{ models { key name isDefault defaults } }", token)["models"]
    demo = models[0]
    demo_row = page.get_by_role("listitem", name=f"Model {demo['name']}")
    expect(demo_row.get_by_text("default", exact=True)).to_be_visible()
    expect(demo_row.get_by_label("Steps")).to_have_value(str(demo["defaults"]["steps"]))
    demo_row.get_by_label("Steps").fill("7")
    demo_row.get_by_role("button", name="Save defaults").click()
    expect(demo_row.get_by_text("Defaults saved.")).to_be_visible()
    after = api(server, "{ models { key defaults } }", token)["models"]
    assert next(m for m in after if m["key"] == demo["key"])["defaults"]["steps"] == 7

    # Install a copy of the demo model from a path on the server, then make it the default.
    built = next(server.root.rglob("model_index.json")).parent
    copy = tmp_path_factory.mktemp("models") / "copy"
    shutil.copytree(built, copy)
    page.get_by_label("Model path").fill(str(copy))
    page.get_by_label("Model name (optional)").fill("Demo copy")
    page.get_by_role("button", name="Install model").click()
    expect(page.get_by_text(re.compile("^Installed Demo copy"))).to_be_visible(timeout=60_000)
    copy_row = page.get_by_role("listitem", name="Model Demo copy")
    copy_row.get_by_role("button", name="Set as default").click()
    expect(copy_row.get_by_text("default", exact=True)).to_be_visible()
    keys = {
        m["name"]: m["isDefault"]
        for m in api(server, "{ models { name isDefault } }", token)["models"]
    }
    assert keys["Demo copy"] is True and keys[demo["name"]] is False
    # The demo model has Carol's pending item: the API refuses, the page says why.
    demo_row.get_by_role("button", name="Delete model").click()
    demo_row.get_by_role("button", name="Delete for good").click()
    expect(demo_row.get_by_role("alert")).to_contain_text("pending or running queue items")
    expect(demo_row.get_by_role("button", name="Delete anyway")).to_have_count(0)
    # The default model is kept unless asked twice: the page offers the second step.
    copy_row.get_by_role("button", name="Delete model").click()
    copy_row.get_by_role("button", name="Delete for good").click()
    expect(copy_row.get_by_role("alert")).to_contain_text("is the default model")
    expect(copy_row.get_by_role("button", name="Delete anyway")).to_be_visible()
    copy_row.get_by_role("button", name="Keep").click()
    admin.shoot("admin-models")

    # --- Queue -------------------------------------------------------------------
    page.get_by_role("link", name="All jobs").click()
    expect(page.get_by_role("heading", name="Manage queue")).to_be_visible()
    item = page.get_by_role("listitem", name="Item a red fox by Carol C.")
    expect(item).to_be_visible()
    page.get_by_role("button", name="Pause queue").click()
    expect(page.get_by_text("The queue is paused")).to_be_visible()
    assert api(server, "{ queueStatus { paused } }", token)["queueStatus"]["paused"] is True
    page.get_by_role("button", name="Resume queue").click()
    expect(page.get_by_text("The queue is running")).to_be_visible()
    before = api(server, "{ queueStatus { policy } }", token)["queueStatus"]["policy"]
    wanted = "ROUND_ROBIN" if before != "ROUND_ROBIN" else "FIFO"
    page.get_by_label("Queue policy").select_option(wanted)
    page.get_by_role("button", name="Set policy").click()
    expect(page.get_by_text("Policy saved.")).to_be_visible()
    assert api(server, "{ queueStatus { policy } }", token)["queueStatus"]["policy"] == wanted
    admin.shoot("admin-queue")
    item.get_by_role("button", name=re.compile("^Cancel")).click()
    expect(item.get_by_text("canceled", exact=True)).to_be_visible()

    # --- Audit log ---------------------------------------------------------------
    page.get_by_role("link", name="Audit log").click()
    expect(page.get_by_role("heading", name="Audit log")).to_be_visible()
    rows = page.locator(".audit-table tbody tr")
    expect(rows.first).to_be_visible()
    total = rows.count()
    assert total > 3
    page.goto(url(server, "/admin/audit?first=3"))
    expect(rows).to_have_count(3)
    page.get_by_role("button", name="Older").click()
    expect(rows).to_have_count(6)
    page.get_by_label("Action").fill("user_updated")
    page.get_by_role("button", name="Filter").click()
    expect(rows.first).to_contain_text("user_updated")
    expect(rows.filter(has_not_text="user_updated")).to_have_count(0)
    page.get_by_label("Actor").select_option(label=f"{name} ({email})")
    page.get_by_role("button", name="Filter").click()
    expect(rows.first).to_contain_text(name)
    admin.shoot("admin-audit")

    admin.assert_clean()
