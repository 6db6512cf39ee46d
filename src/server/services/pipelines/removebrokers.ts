/** RemoveBrokers: the user was found listed on a people-search / data-broker site. */
import { z } from "zod";
import { SafeUrlSchema } from "../../../shared/alert";
import { defineServicePipeline, EventBaseSchema } from "./pipeline";

const RemoveBrokersEventSchema = EventBaseSchema.extend({
  brokerName: z.string().trim().min(1).max(120),
  listingUrl: SafeUrlSchema.optional(),
  dataFound: z.array(z.string().trim().min(1).max(60)).max(50).default([]),
});
type RemoveBrokersEvent = z.infer<typeof RemoveBrokersEventSchema>;

export const removeBrokersPipeline = defineServicePipeline<RemoveBrokersEvent>({
  service: "removebrokers",
  eventSchema: RemoveBrokersEventSchema,
  toAlert(event) {
    const found = event.dataFound.length > 0 ? ` It shows: ${event.dataFound.join(", ")}.` : "";
    return {
      service: "removebrokers",
      severity: "medium",
      title: `You are listed on ${event.brokerName}`,
      teaser: event.dataFound.length > 0 ? `Shows ${event.dataFound.slice(0, 3).join(", ")}` : undefined,
      body: `RemoveBrokers found a listing about you on ${event.brokerName}.${found} We can file an opt-out request for you.`,
      actionUrl: event.listingUrl,
      actionLabel: event.listingUrl ? "View listing" : undefined,
    };
  },
  sampleEvent: (userId) => ({
    userId,
    brokerName: "PeopleFinderPro",
    listingUrl: "https://peoplefinder.example/listing/8841",
    dataFound: ["home address", "phone number", "relatives"],
  }),
});
