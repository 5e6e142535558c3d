/**
 * Speech to text for calls Twilio did not transcribe (its transcription covers only 2-120 s
 * of American English): the recording's audio goes to OpenAI's transcription endpoint, or
 * any compatible server's.
 */
import { toFile } from "openai";
import { classifyOpenAIError } from "./errors";
import { createOpenAIClient, type OpenAIClientOptions } from "./openai-client";

/** Audio as downloaded: the bytes, a file name whose extension names the format, its MIME type. */
export interface Audio {
  data: Uint8Array;
  filename: string;
  contentType: string;
}

export interface Transcriber {
  /** The words of the audio; an empty string when nothing was said. */
  transcribe(audio: Audio): Promise<string>;
}

/** Cheaper and more accurate than whisper-1 on phone audio; answers `json`, the only format used here. */
export const DEFAULT_TRANSCRIPTION_MODEL = "gpt-4o-mini-transcribe";

const DEFAULT_TIMEOUT_MS = 120_000;

export interface OpenAITranscriberOptions extends OpenAIClientOptions {
  model?: string;
}

export function createOpenAITranscriber(options: OpenAITranscriberOptions): Transcriber {
  const client = createOpenAIClient(options, DEFAULT_TIMEOUT_MS);
  const model = options.model ?? DEFAULT_TRANSCRIPTION_MODEL;
  return {
    async transcribe(audio) {
      try {
        const file = await toFile(audio.data, audio.filename, { type: audio.contentType });
        const transcription = await client.audio.transcriptions.create({ file, model, response_format: "json" });
        return transcription.text.trim();
      } catch (error) {
        throw classifyOpenAIError(error, "OpenAI transcription failed");
      }
    },
  };
}
