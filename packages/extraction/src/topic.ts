/**
 * What the call was about, in a line the owner can read as an email subject or an event
 * title: the caller's first sentence that says what they want, without the greeting, the
 * introduction or the fillers speech recognition keeps ("Hi, um, so I've got ...").
 */
import { sentencesOf, type Turn } from "./turns";

// "like" only as a filler: "I'd like to" and "would like" keep it.
const FILLERS =
  /\b(?:um+|uh+|erm|er|hmm|(?<!(?:'d|would|you) )like|you know|i mean|sort of|kind of|basically|actually|so|well|okay|ok|yeah|yes|oh)\b[,.]?\s*/gi;
const GREETING =
  /^(?:hi+|hello|hey|hiya|good (?:morning|afternoon|evening)|morning|afternoon|evening|sorry[^.?!]*early|thanks? (?:you )?for (?:picking up|taking my call))\b[\s,!.-]*([a-z]+[,.!]\s*)?/i;
const INTRODUCTION =
  /^(?:(?:this is|my name is|my name's|it's|i'm|i am) [a-z' .-]+?(?: from [a-z' &.-]+)?|is this [^?]*\?|am i speaking (?:to|with) [^?]*\?)[\s,.!-]*$/i;
/** Opening words that only announce what follows. */
const LEAD_IN =
  /^(?:i'?m (?:just )?calling (?:because|about|to|since|regarding)|i was (?:just )?(?:wondering|hoping|calling) (?:if|whether|about|to)|i wanted to|i'd like to|i would like to|i need to|so\b,?)\s*/i;
/** A sentence that names a need: a problem, a wish, a booking or a question about the work. */
const NEED =
  /\b(?:need|want|looking|would like|'d like|hoping|book|schedule|appointment|quote|estimate|price|cost|problem|issue|broken|leak\w*|burst|flood\w*|not working|stopped|won'?t|doesn'?t|can'?t|question|help|replace|repair|fix|install|see (?:it|the|a)|viewing|showing|consult\w*|demo|served|lawsuit|pain|sore|swollen|quit|noise)\b/i;

const MAX_TOPIC = 90;

function tidy(sentence: string): string {
  let text = sentence.replace(/\s+[—–-]+\s+/g, " ").replace(FILLERS, "");
  text = text
    .replace(/\s*,\s*,/g, ",")
    .replace(/\s{2,}/g, " ")
    .trim();
  for (let previous = ""; previous !== text; ) {
    previous = text;
    text = text
      .replace(GREETING, "")
      .replace(LEAD_IN, "")
      .replace(/^[\s,.!-]+/, "");
  }
  text = text.replace(/[\s,]+([.?!])$/, "$1").replace(/[.!]$/, "");
  if (text.length > MAX_TOPIC) text = `${text.slice(0, MAX_TOPIC - 1).replace(/\s+\S*$/, "")}…`;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The call's topic; "Call" when the caller said nothing usable. */
export function topicOf(turns: readonly Turn[]): string {
  const candidates = turns
    .filter((turn) => turn.speaker === "caller")
    .flatMap((turn) => sentencesOf(turn.text))
    .map(tidy)
    .filter((sentence) => sentence.split(" ").length >= 3 && !INTRODUCTION.test(sentence));
  const need = candidates.find((sentence) => NEED.test(sentence));
  return need ?? candidates[0] ?? "Call";
}
