/** The signed-in part of the app as the file router builds it: the (app) layout, /dashboard, /alerts and /alerts/:id. */
import { render } from "@solidjs/testing-library";
import { Toaster } from "solid-toast";
import SignedInLayout from "~/routes/(app)";
import Dashboard from "~/routes/(app)/dashboard";
import Alerts from "~/routes/(app)/alerts";
import NoAlertOpen from "~/routes/(app)/alerts/index";
import AlertDetailRoute from "~/routes/(app)/alerts/[id]";
import { routedTree } from "./router";

export function renderSignedInApp(start: string) {
  const { App, currentPath } = routedTree(start, [
    {
      path: "/",
      component: SignedInLayout,
      children: [
        { path: "/dashboard", component: Dashboard },
        {
          path: "/alerts",
          component: Alerts,
          children: [
            { path: "/", component: NoAlertOpen },
            { path: "/:id", component: AlertDetailRoute },
          ],
        },
      ],
    },
    { path: "/login", component: () => <p>Sign-in page</p> },
  ]);
  const result = render(() => (
    <>
      <App />
      <Toaster />
    </>
  ));
  return { ...result, currentPath };
}
