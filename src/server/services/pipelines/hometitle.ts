/** HomeTitle: a public record of a property the user watches changed. */
import { z } from "zod";
import type { Severity } from "../../../shared/alert";
import { defineServicePipeline, EventBaseSchema } from "./pipeline";

export const CHANGE_TYPES = [
  "ownership_transfer",
  "deed_recorded",
  "mortgage_recorded",
  "lien_filed",
  "tax_assessment",
  "mailing_address_changed",
  "other",
] as const;
type ChangeType = (typeof CHANGE_TYPES)[number];

const HomeTitleEventSchema = EventBaseSchema.extend({
  propertyId: z.string().trim().min(1).max(128),
  address: z.string().trim().min(3).max(300),
  changeType: z.enum(CHANGE_TYPES),
  county: z.string().trim().min(1).max(120).optional(),
  recordedAt: z.iso.datetime().optional(),
});
type HomeTitleEvent = z.infer<typeof HomeTitleEventSchema>;

/** A deed or ownership change is how title fraud happens: the user must look today. */
const SEVERITY: Record<ChangeType, Severity> = {
  ownership_transfer: "critical",
  deed_recorded: "critical",
  mortgage_recorded: "high",
  lien_filed: "high",
  mailing_address_changed: "medium",
  tax_assessment: "info",
  other: "medium",
};

const DESCRIPTION: Record<ChangeType, string> = {
  ownership_transfer: "an ownership transfer",
  deed_recorded: "a new deed",
  mortgage_recorded: "a new mortgage",
  lien_filed: "a lien",
  mailing_address_changed: "a change of the owner's mailing address",
  tax_assessment: "a new tax assessment",
  other: "a change",
};

export const homeTitlePipeline = defineServicePipeline<HomeTitleEvent>({
  service: "hometitle",
  eventSchema: HomeTitleEventSchema,
  toAlert(event) {
    const severity = SEVERITY[event.changeType];
    const county = event.county ? ` with ${event.county}` : "";
    return {
      service: "hometitle",
      severity,
      title: `${capitalize(DESCRIPTION[event.changeType])} was recorded on ${event.address}`,
      teaser: `Property record change${county}`,
      body:
        `HomeTitle saw ${DESCRIPTION[event.changeType]} recorded${county} for ${event.address}.` +
        (severity === "critical" ? " If you did not make this change, contact the county recorder and your title insurer today." : ""),
      actionUrl: `/dashboard?service=hometitle&property=${encodeURIComponent(event.propertyId)}`,
      actionLabel: "Review record",
    };
  },
  sampleEvent: (userId) => ({
    userId,
    propertyId: "prop-1042",
    address: "1042 Alder Street, Portland, OR",
    changeType: "deed_recorded",
    county: "Multnomah County",
  }),
});

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
