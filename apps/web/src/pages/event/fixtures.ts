/** An event as `events.byId` returns it, for the event page's tests. */
import type { EventDetail } from "./event-form";

export const EVENT_ID = "7c9e6679-7425-40de-944b-e07fc1f90ae7";

export function sampleEvent(overrides: Partial<EventDetail> = {}): EventDetail {
  return {
    id: EVENT_ID,
    callId: "0f8fad5b-d9cb-469f-a165-70867728950e",
    userId: "6ba7b810-9dad-11d1-80b4-00c04fd430c8",
    eventType: "service_call",
    status: "pending",
    title: "Fix water heater",
    description: null,
    // 9:00 AM in New York (EST).
    proposedDatetime: new Date("2026-01-15T14:00:00Z"),
    confirmedDatetime: null,
    durationMinutes: 60,
    location: "12 Elm St",
    locationType: "address",
    customerName: "Sam Customer",
    customerPhone: "+15125550123",
    customerEmail: null,
    priceEstimate: "150.00",
    currency: "USD",
    urgencyLevel: "medium",
    notes: null,
    aiConfidence: "0.85",
    followUpRequired: false,
    followUpReason: null,
    calendarSynced: false,
    calendarEventId: null,
    confirmationSentAt: null,
    reminderSentAt: null,
    createdAt: new Date("2026-01-14T16:00:00Z"),
    updatedAt: new Date("2026-01-14T16:00:00Z"),
    completedAt: null,
    calendarSequence: 0,
    calendarCopyIntegrationId: null,
    calendarCopyCalendarId: null,
    call: {
      id: "0f8fad5b-d9cb-469f-a165-70867728950e",
      callerNumber: "+15125550123",
      callerName: null,
      mainTopic: "Leaking water heater",
      createdAt: new Date("2026-01-14T15:58:00Z"),
    },
    ...overrides,
  };
}
