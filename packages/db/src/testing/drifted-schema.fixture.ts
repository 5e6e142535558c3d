// The real schema plus one table no migration creates: the drift check must catch it.
import { pgTable, text, uuid } from "drizzle-orm/pg-core";

export * from "../schema/index";

export const driftProbe = pgTable("drift_probe", { id: uuid("id").primaryKey(), note: text("note") });
