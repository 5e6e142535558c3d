// Calendars: the iCalendar feed and files (ics.ts), "add to calendar" links (links.ts), and
// the Google Calendar and Microsoft Graph clients with their OAuth flows.
export {};
