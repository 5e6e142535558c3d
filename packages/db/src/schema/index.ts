// The data model of flynn-v2-database-schema.md, one file per table.
// Functions, triggers, the flynn_app role, grants and default rows are custom SQL
// migrations in ../../migrations (drizzle cannot express them).
export * from "./audit-logs";
export * from "./auth";
export * from "./calendar-feeds";
export * from "./calendar-integrations";
export * from "./calls";
export * from "./communication-logs";
export * from "./email-templates";
export * from "./events";
export * from "./industry-configurations";
export * from "./phone-numbers";
export * from "./sms-opt-outs";
export * from "./users";
