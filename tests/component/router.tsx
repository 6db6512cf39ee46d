import { MetaProvider } from "@solidjs/meta";
import { createMemoryHistory, MemoryRouter, Route, type RouteDefinition } from "@solidjs/router";
import type { Component } from "solid-js";

/** Renders pages in a memory router starting at `start`, so tests can see where navigation lands. */
export function routedApp(start: string, routes: Record<string, Component>) {
  const history = createMemoryHistory();
  history.set({ value: start, scroll: false, replace: true });
  const App = () => (
    <MemoryRouter history={history} root={(props) => <MetaProvider>{props.children}</MetaProvider>}>
      {Object.entries(routes).map(([path, component]) => (
        <Route path={path} component={component} />
      ))}
    </MemoryRouter>
  );
  return { App, currentPath: () => history.get() };
}

/** Like `routedApp`, for nested routes (layouts) given as route definitions. */
export function routedTree(start: string, routes: RouteDefinition[]) {
  const history = createMemoryHistory();
  history.set({ value: start, scroll: false, replace: true });
  const App = () => (
    <MemoryRouter history={history} root={(props) => <MetaProvider>{props.children}</MetaProvider>}>
      {routes}
    </MemoryRouter>
  );
  return { App, currentPath: () => history.get() };
}
