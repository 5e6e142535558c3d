import type { ExtractionInput, ExtractionResult } from "@flynn/domain";

/** Turns one call's transcript into its overview and events. */
export interface Extractor {
  extract(input: ExtractionInput): Promise<ExtractionResult>;
}
