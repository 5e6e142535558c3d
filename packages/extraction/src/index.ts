export { type CallRecord, callRecordSchema, type ExtractionLine, extractRecords, parseCallRecords } from "./batch";
export { countryForTimezone, findEmails, findPhones } from "./contacts";
export {
  classifyOpenAIError,
  isTransientStatus,
  PermanentExtractionError,
  TransientExtractionError,
} from "./errors";
export type { Extractor } from "./extractor";
export type { OpenAIClientOptions } from "./openai-client";
export {
  createOpenAIExtractor,
  DEFAULT_OPENAI_MODEL,
  extractionInstructions,
  type OpenAIExtractorOptions,
} from "./openai-extractor";
export { createRulesExtractor, extractWithRules } from "./rules-extractor";
export { checkExtraction, type ExtractionCheck, extractionResultSchemaFor } from "./schema";
export {
  type Audio,
  createOpenAITranscriber,
  DEFAULT_TRANSCRIPTION_MODEL,
  type OpenAITranscriberOptions,
  type Transcriber,
} from "./transcription";
export {
  createTwilioRecordingDownloader,
  type RecordingDownloader,
  type TwilioRecordingOptions,
} from "./twilio-recording";
