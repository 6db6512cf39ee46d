/** The five service pipelines by service name, for the HTTP route and the simulator. */
import type { Service } from "../../../shared/alert";
import { darkWatchPipeline } from "./darkwatch";
import { homeTitlePipeline } from "./hometitle";
import type { ServicePipeline } from "./pipeline";
import { removeBrokersPipeline } from "./removebrokers";
import { spamShieldPipeline } from "./spamshield";
import { voicePrintPipeline } from "./voiceprint";

// Each pipeline has its own event type; callers only pass unknown input through runPipeline.
type AnyPipeline = ServicePipeline<{ userId: string }>;

export const PIPELINES: Record<Service, AnyPipeline> = {
  darkwatch: darkWatchPipeline as unknown as AnyPipeline,
  voiceprint: voicePrintPipeline as unknown as AnyPipeline,
  spamshield: spamShieldPipeline as unknown as AnyPipeline,
  hometitle: homeTitlePipeline as unknown as AnyPipeline,
  removebrokers: removeBrokersPipeline as unknown as AnyPipeline,
};
