/** What `beacon --help` and every usage error print. */
export const USAGE = `Usage: beacon <command> [flags]

Commands:
  send    Publish an alert to one user or several
            --user ID[,ID]       recipient(s); repeatable
            --group ID,ID        a family group (sent together, all or none)
            --service S          ${"darkwatch | voiceprint | spamshield | hometitle | removebrokers"}
            --severity L         info | low | medium | high | critical
            --title TEXT
            [--description TEXT] [--teaser TEXT] [--image-url URL]
            [--action-url URL] [--action-label TEXT]
            [--json]             print the server's answer as JSON
  tail    Stream a user's alerts as they arrive (reconnects like the browser)
            --user ID            mints a token with AUTH_SECRET, or:
            --token JWT          a session token
            [--after SEQ]        start after this seq (default: the unread ones)
            [--count N]          exit after N alerts   [--json] one JSON alert per line
            [--ack]              acknowledge each alert once printed, as a browser tab does,
                                 so the ladder does not go on to push and email
  token   Mint a session token with AUTH_SECRET
            --user ID [--admin] [--ttl 1h]
  vapid   Generate a Web Push (VAPID) key pair   [--json]
  doctor  Check configuration, store, bus and SMTP, and say what is missing   [--json]

Common flags:
  --url URL        server base URL (env BEACON_URL, default http://localhost:3000)
  --secret S       publish secret for send (env BEACON_PUBLISH_SECRET or PUBLISH_SECRET)
  -h, --help

Exit codes: 0 ok · 1 the server refused or a check failed · 2 bad flags`;
