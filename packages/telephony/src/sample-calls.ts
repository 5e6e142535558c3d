/**
 * Sample calls for simulating without a phone: the development demo account runs them through
 * the real webhooks and worker, and the dashboard's "Simulate a call" dialog can offer them.
 * Written for Flynn (speaker turns as Twilio's transcript of a two-party recording would give
 * them after diarization); the times are relative ("tomorrow", "Thursday") so they stay
 * meaningful on whatever day a call is simulated. Pure data: safe to import in a browser
 * (`@flynn/telephony/sample-calls`).
 */
import type { IndustryType } from "@flynn/domain";

export interface SampleCall {
  /** Stable name, e.g. for a select option. */
  id: string;
  /** The kind of business answering (one of the domain's industry types). */
  industry: IndustryType;
  /** The caller ID, E.164 (555 numbers: never a real subscriber). */
  from: string;
  callerName: string;
  transcript: string;
}

export const SAMPLE_CALLS: readonly SampleCall[] = [
  {
    id: "plumbing-burst-pipe",
    industry: "plumbing",
    from: "+15125550143",
    callerName: "MARISOL VEGA",
    transcript: `Business: Good morning, Bluebonnet Plumbing, this is Curtis.
Caller: Hi Curtis, I've got water spraying out from under my kitchen sink. I turned the valve under there off but it's still dripping and the cabinet floor is soaked.
Business: Okay, good that you shut it off. Is it the supply line or the drain, can you tell?
Caller: It looks like the little hose going up to the faucet split open.
Business: That's the supply line, usually a quick fix. We can get somebody out this afternoon at two. Does that work?
Caller: Two is perfect, I'll be home.
Business: What's the address?
Caller: 2208 Oak Hollow Drive, Round Rock.
Business: And your name?
Caller: Marisol Vega.
Business: Best number for the tech to call when he's on the way?
Caller: Five one two, five five five, zero one four three.
Business: Got it. The service call is $89, and a new supply line is usually around $40 in parts.
Caller: That's fine. Thank you so much.`,
  },
  {
    id: "dental-new-patient",
    industry: "medical",
    from: "+16175550172",
    callerName: "DEREK OKAFOR",
    transcript: `Business: Harborview Family Dental, this is Priya, how can I help?
Caller: Hi, I'd like to book a cleaning and checkup. I'm a new patient, I just moved to the area.
Business: Welcome! We have an opening next Tuesday at 9:30 in the morning with Dr. Lindqvist. Would that suit you?
Caller: Tuesday at 9:30 works.
Business: Lovely. Can I get your full name?
Caller: Derek Okafor. That's O K A F O R.
Business: And a phone number?
Caller: 617 555 0172.
Business: And an email so we can send the new patient forms?
Caller: derek.okafor@example.com
Business: Perfect. Please come ten minutes early for the forms and bring your insurance card. The visit takes about an hour.
Caller: Great, see you Tuesday.`,
  },
  {
    id: "legal-lease-dispute",
    industry: "legal",
    from: "+13125550119",
    callerName: "HANNAH BROOKS",
    transcript: `Business: Keller and Watts Law, this is Joanne speaking.
Caller: Hello, I run a small bakery and my landlord is trying to end my lease early. I got a notice yesterday saying I have thirty days to get out, and I don't think he's allowed to do that.
Business: I'm sorry to hear that. Attorney Watts handles commercial leases. She could see you for an initial consultation on Thursday at 2 pm, here at the office.
Caller: Thursday at two, yes, please.
Business: The initial consultation is one hour and costs $150. Please bring the lease and the notice you received.
Caller: I will. My name is Hannah Brooks.
Business: And a number where we can reach you, Ms. Brooks?
Caller: 312 555 0119.
Business: Thank you. We're at 40 West Madison Street, suite 1200.
Caller: Thank you, that's a relief.`,
  },
  {
    id: "real-estate-showing",
    industry: "real_estate",
    from: "+14805550166",
    callerName: "TOM AND ELLA REYES",
    transcript: `Business: Desert Sky Realty, this is Marcus.
Caller: Hi Marcus, my wife and I saw the listing for the three bedroom house on Saguaro Lane and we'd love to see it. My name's Tom Reyes.
Business: Great choice, that one just came on the market. I can show it to you Saturday at 11 in the morning.
Caller: Saturday at eleven is good for us.
Business: The address is 1187 Saguaro Lane, Scottsdale. I'll meet you out front.
Caller: Perfect. Is the price still four sixty-five?
Business: It is, four hundred sixty-five thousand. Are you pre-approved with a lender yet?
Caller: We are, up to five hundred.
Business: Excellent. What's the best number for you?
Caller: 480 555 0166.
Business: See you Saturday, Tom.`,
  },
  {
    id: "sales-software-demo",
    industry: "sales",
    from: "+14155550138",
    callerName: "PRIYA NATARAJAN",
    transcript: `Business: Thanks for calling Ledgerline, this is Sam.
Caller: Hi Sam, I'm Priya Natarajan, operations manager at Coastal Freight. We're outgrowing our spreadsheets for invoicing and I'd like to see a demo of your platform.
Business: Happy to show you. How many people would use it?
Caller: About twelve on the finance team.
Business: Our team plan would fit, that's $49 per user per month. Could we do a video demo on Wednesday at 3 pm? It takes about forty-five minutes.
Caller: Wednesday at three works. Please send the invite to priya@coastalfreight.example.com.
Business: Will do. And a phone number in case the video link gives you trouble?
Caller: 415 555 0138.
Business: Great, talk to you Wednesday.`,
  },
  {
    id: "hvac-no-heat-emergency",
    industry: "general_services",
    from: "+17205550181",
    callerName: "GLORIA FISHER",
    transcript: `Business: Front Range Heating and Air, this is Dale.
Caller: Hi, our furnace stopped working overnight and it's thirty-eight degrees in the house. I have a newborn, I'm really worried.
Business: Okay, no heat with a newborn is an emergency. I can have a technician there within the hour, around 8 this morning.
Caller: Oh thank goodness, yes please.
Business: What's the address?
Caller: 655 Aspen Ridge Court, Lakewood.
Business: And your name?
Caller: Gloria Fisher.
Business: Phone number?
Caller: 720 555 0181.
Business: The emergency call-out fee is $129. In the meantime keep the baby in the warmest room and use a space heater if you have one.
Caller: We do. Thank you, Dale.`,
  },
  {
    id: "consulting-discovery",
    industry: "consulting",
    from: "+12065550127",
    callerName: "ALAN CHO",
    transcript: `Business: Northbridge Advisory, this is Renee.
Caller: Hi Renee, I own three coffee shops and our margins keep shrinking. A friend said you helped her restaurant with pricing and staffing. My name is Alan Cho.
Business: We do a lot of that. The first step is a discovery session with one of our partners. We could do Monday at 10 am, by video.
Caller: Monday at ten is fine.
Business: It's ninety minutes and it's complimentary. If you decide to go ahead, a full review is usually around three thousand dollars.
Caller: Makes sense. My email is alan@beanstreetcoffee.example.com and my cell is 206 555 0127.
Business: Perfect. I'll send the link and a short questionnaire today.
Caller: Thanks, Renee.`,
  },
  {
    id: "landscaping-quote",
    industry: "general_services",
    from: "+15035550154",
    callerName: "BEN HOLLOWAY",
    transcript: `Business: Greenleaf Landscaping, this is Tasha.
Caller: Hi, I'm looking to get my back yard redone. New sod, a small patio, maybe some raised garden beds. Could someone come look and give me a quote?
Business: Sure. We can send our designer out Friday at 4 pm to measure and talk through ideas. The estimate visit is free.
Caller: Friday at four works.
Business: Great, what's the address?
Caller: 3021 Northeast Alberta Street, Portland.
Business: And your name and number?
Caller: Ben Holloway, 503 555 0154.
Business: Thanks Ben. For a yard that size, projects like that usually run between eight and twelve thousand, but the designer will give you an exact number.
Caller: Sounds good, see you Friday.`,
  },
];
