// @refresh reload
import { createHandler, StartServer } from "@solidjs/start/server";

// Inline so the app needs no static file for it: the beacon mark in the accent colour.
const FAVICON =
  "data:image/svg+xml," +
  encodeURIComponent(
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" stroke="#4cc2ff" stroke-width="2" stroke-linecap="round"><path d="M12 2v3M4.2 5.2l2.1 2.1M19.8 5.2l-2.1 2.1"/><path d="M7 21h10l-1.5-9a3.5 3.5 0 0 0-7 0Z"/></svg>',
  );

export default createHandler(() => (
  <StartServer
    document={({ assets, children, scripts }) => (
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="color-scheme" content="dark" />
          <link rel="icon" href={FAVICON} />
          {assets}
        </head>
        <body>
          <div id="app">{children}</div>
          {scripts}
        </body>
      </html>
    )}
  />
));
