// Input schemas and rules of this domain, shared by the API and the dashboard.
import { z } from "zod";
import { uuidSchema } from "./common";
import { communicationStatusSchema, communicationTypeSchema } from "./enums";
import { pageInputSchema } from "./pagination";

/**
 * A newest-first list's input: a page, `from` (inclusive) / `to` (exclusive) over created_at,
 * and the list's own filters. Empty lists and blank searches filter nothing, as an empty
 * multi-select or search box means "any".
 */
export function listInputSchema<Filters extends z.ZodRawShape>(filters: Filters) {
  return pageInputSchema
    .extend({
      from: z.date({ message: "must be a date" }).optional(),
      to: z.date({ message: "must be a date" }).optional(),
    })
    .extend(filters)
    .refine(({ from, to }: { from?: Date; to?: Date }) => !from || !to || from < to, {
      message: "must be after from",
      path: ["to"],
    });
}

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
