// GraphiQL, self-hosted: every script, style, font and worker comes from this server.
// Written without JSX because the app's JSX is Preact's; this page is real React.
import "./workers";
import "graphiql/style.css";
import "./page.css";
import { createGraphiQLFetcher } from "@graphiql/toolkit";
import { GraphiQL } from "graphiql";
import { createElement } from "react";
import { createRoot } from "react-dom/client";
import { httpEndpoint, wsEndpoint } from "../api/endpoint";
import { storedToken } from "../api/token";

const token = storedToken();
const headers = token ? { Authorization: `Bearer ${token}` } : undefined;

const fetcher = createGraphiQLFetcher({
  url: httpEndpoint(),
  subscriptionUrl: wsEndpoint(),
  ...(token ? { wsConnectionParams: { authorization: `Bearer ${token}` } } : {}),
});

const host = document.getElementById("graphiql");
if (host) {
  host.removeAttribute("aria-busy");
  host.textContent = "";
  createRoot(host).render(
    createElement(GraphiQL, {
      fetcher,
      // Signed in through the web UI: the same session, shown (not persisted) so it can be removed.
      initialHeaders: headers ? JSON.stringify(headers, null, 2) : undefined,
      shouldPersistHeaders: false,
      defaultQuery: "# Welcome to gql-invoke's GraphiQL.\n{\n  setupStatus { multiuserEnabled setupRequired }\n}\n",
    }),
  );
}
