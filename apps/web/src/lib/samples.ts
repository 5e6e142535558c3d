/**
 * Sample calls for the development call simulator: one short, ordinary call per industry,
 * written as "Caller:" / "Business:" turns (the form the extractor reads), each agreeing on
 * something with a day and a time so the call produces an event.
 */
import type { IndustryType } from "@flynn/domain/enums";

export interface SampleCall {
  industry: IndustryType;
  label: string;
  transcript: string;
}

export const SAMPLE_CALLS: readonly SampleCall[] = [
  {
    industry: "plumbing",
    label: "Plumbing: leaking water heater",
    transcript: `Business: Thanks for calling Rivera Plumbing, this is Dana.
Caller: Hi Dana, my name is Mark Ellison. Our water heater is leaking from the bottom, there's a puddle in the garage.
Business: Is the water still running, or have you shut the valve off?
Caller: I turned the valve off about an hour ago, so it's not getting worse.
Business: Good. We can send a technician tomorrow at 9 am. What's the address?
Caller: 418 Birch Lane. Tomorrow at 9 works.
Business: The call-out is $95, and the technician will quote the repair on site. Best number to reach you?
Caller: This one is fine, 512 555 0148.
Business: You're booked for tomorrow at 9, Mark.`,
  },
  {
    industry: "real_estate",
    label: "Real estate: viewing request",
    transcript: `Business: Harbor Realty, Priya speaking.
Caller: Hi, I saw the three-bedroom on 27 Orchard Street listed online. Is it still available?
Business: It is. Would you like to see it?
Caller: Yes please. My wife and I could come Saturday morning.
Business: I can show it Saturday at 10:30. May I have your name?
Caller: Tom Becker. And is the asking price still 489,000?
Business: It is, and the sellers are open to offers. I'll meet you at the house Saturday at 10:30, Tom.
Caller: Great, see you then.`,
  },
  {
    industry: "legal",
    label: "Legal: consultation after a dismissal",
    transcript: `Business: Okafor Law, how can I help?
Caller: Hello, I was let go from my job last week and I think it may have been unfair. I'd like to talk to a lawyer.
Business: I'm sorry to hear that. We offer a one-hour initial consultation for $150. Can I take your name?
Caller: Linda Morales.
Business: Thank you, Linda. Ms. Okafor has Wednesday at 2 pm open, here at the office or by video.
Caller: Video would be easier. Wednesday at 2 is fine.
Business: Please bring your contract and the termination letter. I'll email you the link.
Caller: I will. My email is linda.morales@example.com.`,
  },
  {
    industry: "medical",
    label: "Medical: new patient appointment",
    transcript: `Business: Maple Family Clinic, this is Sarah.
Caller: Hi, I'd like to book an appointment. I've had a sore throat and a fever for three days.
Business: Are you an existing patient?
Caller: No, we just moved here. My name is Kevin Park.
Business: Welcome, Kevin. Dr. Patel can see you this Friday at 11:15. Please come ten minutes early to fill in the forms.
Caller: Friday at 11:15 is good. Should I bring anything?
Business: Your insurance card and a list of any medication you take. If the fever goes above 103, go to urgent care.
Caller: Okay, thank you.`,
  },
  {
    industry: "sales",
    label: "Sales: product demo for a team",
    transcript: `Business: Brightline Software, Alex speaking.
Caller: Hi Alex, I'm Rachel Kim from Northwind Logistics. We're looking for a scheduling tool for about forty drivers.
Business: Happy to help. The easiest way is a 30-minute demo with your team. When suits you?
Caller: Next Tuesday afternoon, maybe 3 pm?
Business: Tuesday at 3 works. I'll send a video link. What's your email?
Caller: rachel.kim@northwind.example. Can you also send pricing for forty seats?
Business: Sure, it's $12 per seat per month on the annual plan. I'll include a quote with the invite.
Caller: Perfect, talk Tuesday.`,
  },
  {
    industry: "consulting",
    label: "Consulting: strategy session",
    transcript: `Business: Good morning, Lindqvist Advisory.
Caller: Morning, this is David Chen, I run a small chain of bakeries. We want to open a fourth shop and I need help with the numbers.
Business: That's the kind of work we do. I'd suggest a two-hour strategy session to look at your figures.
Caller: How much would that be?
Business: $400 for the session. Erik could meet you Monday at 10 at your main shop.
Caller: Monday at 10 works. We're at 85 Market Street.
Business: Great. Please have the last twelve months of sales ready.
Caller: Will do, thanks.`,
  },
];

/** The sample of `industry`, else the first one. */
export function sampleFor(industry: string | null | undefined): SampleCall {
  return SAMPLE_CALLS.find((sample) => sample.industry === industry) ?? (SAMPLE_CALLS[0] as SampleCall);
}
