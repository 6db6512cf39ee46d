import type { JSX } from "solid-js";
import type { Service } from "~/shared/alert";

/** The strokes of each service's 24×24 icon (functions, so each render gets fresh nodes). */
const ICON_PATHS: Record<Service, () => JSX.Element> = {
  darkwatch: () => (
    <>
      <path d="M2 12s3.6-7 10-7 10 7 10 7-3.6 7-10 7S2 12 2 12Z" />
      <circle cx="12" cy="12" r="3" />
    </>
  ),
  voiceprint: () => <path d="M4 10v4M8 6v12M12 3v18M16 7v10M20 10v4" />,
  spamshield: () => (
    <>
      <path d="M12 3 4 6v6c0 4.5 3.4 8.3 8 9 4.6-.7 8-4.5 8-9V6l-8-3Z" />
      <path d="m9 12 2 2 4-4" />
    </>
  ),
  hometitle: () => (
    <>
      <path d="M3 11 12 4l9 7" />
      <path d="M5 10v10h14V10" />
      <path d="M10 20v-5h4v5" />
    </>
  ),
  removebrokers: () => (
    <>
      <circle cx="9" cy="8" r="4" />
      <path d="M2 21c0-3.9 3.1-7 7-7s7 3.1 7 7" />
      <path d="M16 11h6" />
    </>
  ),
};

/** A small line icon per service; decorative, since the service label is always shown next to it. */
export function ServiceIcon(props: { service: Service; size?: number }) {
  const size = () => props.size ?? 18;
  const svgProps = (): JSX.SvgSVGAttributes<SVGSVGElement> => ({
    width: size(),
    height: size(),
    viewBox: "0 0 24 24",
    fill: "none",
    stroke: "currentColor",
    "stroke-width": 1.8,
    "stroke-linecap": "round",
    "stroke-linejoin": "round",
    "aria-hidden": "true",
  });
  return (
    <span class="service-icon" data-service={props.service}>
      <svg {...svgProps()}>{ICON_PATHS[props.service]()}</svg>
    </span>
  );
}
