// Input schemas and rules of this domain, shared by the API and the dashboard.
import { z } from "zod";
import { uuidSchema } from "./common";
import { AUDIT_ACTORS, AUDIT_RESOURCE_TYPES } from "./enums";
import { listInputSchema } from "./pagination";

export const auditListSchema = listInputSchema({
  /** An action (`event.updated`), or a prefix ending in a dot (`event.`) for all of a resource's. */
  action: z
    .string()
    .trim()
    .regex(/^[a-z_]+\.[a-z_]*$/, "must be an action such as event.updated, or a prefix such as event.")
    .optional(),
  resourceType: z.array(z.enum(AUDIT_RESOURCE_TYPES)).optional(),
  resourceId: uuidSchema.optional(),
  actor: z.enum(AUDIT_ACTORS).optional(),
});
export type AuditListInput = z.output<typeof auditListSchema>;
