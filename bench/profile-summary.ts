/**
 * The top functions by self time in a V8 .cpuprofile (as written by `node --cpu-prof`),
 * as Markdown lines. Used by `pnpm bench --cpu-prof`; also runs on its own:
 *
 *   pnpm exec tsx bench/profile-summary.ts bench/results/profiles/beacon-*.cpuprofile
 */
import { readFileSync } from "node:fs";
import { basename, relative } from "node:path";
import { pathToFileURL } from "node:url";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export function summarizeProfile(file: string, top = 12): string[] {
  const profile = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const byFunction = new Map<string, number>();
  const byFile = new Map<string, number>();
  const add = (map: Map<string, number>, key: string, micros: number) => map.set(key, (map.get(key) ?? 0) + micros);
  let busy = 0;
  profile.samples.forEach((id, i) => {
    const frame = byId.get(id)?.callFrame;
    if (!frame || frame.functionName === "(idle)") return;
    const micros = profile.timeDeltas[i] ?? 0;
    const file = frame.url ? shorten(frame.url) : frame.functionName || "(native)";
    add(byFunction, `${frame.functionName || "(anonymous)"}${frame.url ? ` ${file}:${frame.lineNumber + 1}` : ""}`, micros);
    add(byFile, file, micros);
    busy += micros;
  });
  const share = (micros: number) => `${((micros / busy) * 100).toFixed(1)}%`;
  const ranked = (map: Map<string, number>) => [...map].sort((a, b) => b[1] - a[1]).slice(0, top);
  return [
    `${basename(file)}: ${(busy / 1e6).toFixed(1)} s of CPU sampled (idle excluded)`,
    `  - by function: ${ranked(byFunction).map(([key, micros]) => `${share(micros)} \`${key}\``).join(", ")}`,
    `  - by file or package: ${ranked(byFile).map(([key, micros]) => `${share(micros)} \`${key}\``).join(", ")}`,
  ];
}

function shorten(url: string): string {
  const path = url.replace(/^file:\/\//, "");
  const nodeModules = path.lastIndexOf("node_modules/");
  if (nodeModules >= 0) return path.slice(nodeModules + "node_modules/".length).replace(/^\.pnpm\/[^/]+\/node_modules\//, "").split("/")[0];
  return path.startsWith("/") ? relative(process.cwd(), path) : path;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  for (const file of process.argv.slice(2)) console.log(summarizeProfile(file).join("\n"));
}
