from tests.helpers import ADMIN_EMAIL, Server, error_code


def test_setup_then_login_then_me(server: Server) -> None:
    assert server.ok("{ setupStatus { setupRequired multiuserEnabled } }")["setupStatus"] == {
        "setupRequired": True, "multiuserEnabled": True}
    server.setup_admin()
    token = server.login(ADMIN_EMAIL.upper())
    me = server.ok("{ me { email isAdmin stats { boardCount } } }", token=token)["me"]
    assert me == {"email": ADMIN_EMAIL, "isAdmin": True, "stats": {"boardCount": 0}}
    assert error_code(server.gql("{ me { id } }")) == "UNAUTHENTICATED"
