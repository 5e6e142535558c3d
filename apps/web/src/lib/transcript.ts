/**
 * A transcript as readable speaker turns. Simulated calls and many transcription services
 * write "Caller: ..." / "Business: ..." lines; Twilio's own transcript is one block with no
 * speakers, which stays one turn without a label.
 */
export type Side = "caller" | "business";

export interface TranscriptTurn {
  /** The label as written ("Caller", "Receptionist"), or null when the text names none. */
  speaker: string | null;
  side: Side | null;
  text: string;
}

const SIDES: Record<string, Side> = {
  caller: "caller",
  customer: "caller",
  client: "caller",
  patient: "caller",
  business: "business",
  agent: "business",
  receptionist: "business",
  assistant: "business",
  staff: "business",
  owner: "business",
};

const LABELLED = /^\s*([A-Za-z]+)\s*:\s*(.*)$/;

export function transcriptTurns(transcript: string | null | undefined): TranscriptTurn[] {
  const turns: TranscriptTurn[] = [];
  for (const line of (transcript ?? "").split(/\r?\n/)) {
    const text = line.trim();
    if (!text) continue;
    const match = LABELLED.exec(text);
    const side = match ? SIDES[(match[1] as string).toLowerCase()] : undefined;
    const last = turns.at(-1);
    if (match && side) {
      const label = match[1] as string;
      turns.push({ speaker: label.charAt(0).toUpperCase() + label.slice(1).toLowerCase(), side, text: match[2] ?? "" });
    } else if (last) {
      // A line without a known speaker continues the turn before it.
      last.text = last.text ? `${last.text} ${text}` : text;
    } else {
      turns.push({ speaker: null, side: null, text });
    }
  }
  return turns;
}
