/** A transcript as speaker turns: "Caller: ..." / "Business: ..." lines, continuation lines joined. */
export interface Turn {
  speaker: "caller" | "business";
  text: string;
}

export function splitTurns(transcript: string): Turn[] {
  const turns: Turn[] = [];
  for (const line of transcript.split(/\r?\n/)) {
    const m = /^\s*(caller|customer|business|agent|receptionist)\s*:\s*(.*)$/i.exec(line);
    if (m)
      turns.push({
        speaker: /^(caller|customer)$/i.test(m[1] as string) ? "caller" : "business",
        text: m[2] as string,
      });
    else if (line.trim() && turns.length > 0) (turns.at(-1) as Turn).text += ` ${line.trim()}`;
    else if (line.trim()) turns.push({ speaker: "caller", text: line.trim() });
  }
  return turns;
}

/** The sentences of a turn, trimmed; a title's abbreviation ("Dr. Patel") ends none. */
export function sentencesOf(text: string): string[] {
  return text
    .split(/(?<![A-Z][a-z]?[a-z]\.)(?<=[.?!])\s+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** What one side (or, without `speaker`, both) said in the call, a turn a line. */
export function saidBy(turns: Turn[], speaker?: Turn["speaker"]): string {
  return turns
    .filter((t) => speaker === undefined || t.speaker === speaker)
    .map((t) => t.text)
    .join("\n");
}

/** Hesitations and openers a reply may start with before its answer. */
const OPENERS = String.raw`^\W*(?:(?:um|uh|oh|ah|well|so|and)\W+)*`;
/** Words that say "yes" to what was just said, whether a detail read back or a proposal. */
const YES = `yes|yeah|yep|yup|correct|exactly|absolutely|definitely|of course`;
const READ_BACK_RIGHT = String.raw`ya|right|uh-huh|mm-hmm|that'?s (?:it|right|me|correct|the one|mine|my \w+)|that is (?:it|right|correct)|you got it|spot on`;
const PROPOSAL_SUITS = `sure|ok(?:ay)?|fine|perfect|great|good|lovely|brilliant|cool|alright|all right|(?:sounds|seems) (?:good|great|right|fine|perfect)|that works|works|(?:that|it)(?:'s| is) (?:fine|good|great|perfect|correct|right)|do it|book it|go ahead|let'?s do|please do`;
const CONFIRMS_READ_BACK = new RegExp(`${OPENERS}(?:${YES}|${READ_BACK_RIGHT})\\b`, "i");
const ACCEPTS_PROPOSAL = new RegExp(`${OPENERS}(?:${YES}|${PROPOSAL_SUITS})\\b`, "i");

/**
 * A reply that accepts a detail the other side just read back ("yeah, that's me", "that's it").
 * A caller who corrects or says something new does not start like this.
 */
export const confirmsReadBack = (text: string): boolean => CONFIRMS_READ_BACK.test(text);

/** A reply that takes up a proposal: a yes, or saying that it suits ("fine", "that works"). */
export const acceptsProposal = (text: string): boolean => ACCEPTS_PROPOSAL.test(text);
