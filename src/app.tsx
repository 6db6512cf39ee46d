import { MetaProvider, Title } from "@solidjs/meta";
import { Router } from "@solidjs/router";
import { FileRoutes } from "@solidjs/start/router";
import { Suspense } from "solid-js";
import { Toaster } from "solid-toast";
import "./app.css";

export default function App() {
  return (
    <Router
      root={(props) => (
        <MetaProvider>
          <Title>Beacon</Title>
          <Suspense>{props.children}</Suspense>
          {/* One global toaster: alert toasts are raised from the realtime hook on any protected page. */}
          <Toaster
            position="top-right"
            gutter={10}
            containerClassName="toaster"
            containerStyle={{ top: "calc(var(--navbar-height, 0px) + 16px)" }}
          />
        </MetaProvider>
      )}
    >
      <FileRoutes />
    </Router>
  );
}
