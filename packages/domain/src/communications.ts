// Input schemas and rules of this domain, shared by the API and the dashboard.
import { z } from "zod";
import { uuidSchema } from "./common";
import { communicationStatusSchema, communicationTypeSchema } from "./enums";
import { listInputSchema } from "./pagination";

export const communicationListSchema = listInputSchema({
  communicationType: z.array(communicationTypeSchema).optional(),
  status: z.array(communicationStatusSchema).optional(),
  eventId: uuidSchema.optional(),
  callId: uuidSchema.optional(),
  /** Part of the recipient or the subject, any case. */
  search: z.string().trim().max(200).optional(),
});
export type CommunicationListInput = z.output<typeof communicationListSchema>;

export const communicationByIdSchema = z.object({ id: uuidSchema });
