import { useLocation, useParams } from "@solidjs/router";
import { AlertDetail } from "~/components/AlertDetail";

/** /alerts/:id — one alert in full, beside the list it was opened from. */
export default function AlertDetailRoute() {
  const params = useParams<{ id: string }>();
  const location = useLocation();
  return <AlertDetail id={params.id} closeHref={`/alerts${location.search}`} />;
}
