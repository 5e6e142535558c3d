export { type CallRecord, callRecordSchema, type ExtractionLine, extractRecords, parseCallRecords } from "./batch";
export { countryForTimezone, findEmails, findPhones } from "./contacts";
export type { Extractor } from "./extractor";
export { createRulesExtractor, extractWithRules } from "./rules-extractor";
