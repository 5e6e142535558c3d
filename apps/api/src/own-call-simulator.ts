import { type SimulateCallOptions, type SimulatedCall, simulateCall } from "@flynn/telephony";

/** A simulated call to one of this server's numbers; the server fills in where and how to send it. */
export type OwnCallSimulator = (
  call: Omit<SimulateCallOptions, "baseUrl" | "publicUrl" | "authToken" | "fetch">,
) => Promise<SimulatedCall>;

/**
 * Sends Twilio's requests for a call to `app` itself, in process, signed for the public URL
 * as Twilio would sign them: it works whatever address the server listens on.
 */
export function ownCallSimulator(
  app: { request: (url: string, init: RequestInit) => Response | Promise<Response> },
  twilio: { publicUrl: string; authToken: string },
): OwnCallSimulator {
  return (call) =>
    simulateCall({
      ...call,
      baseUrl: "http://localhost",
      publicUrl: twilio.publicUrl,
      authToken: twilio.authToken,
      fetch: async (url, init) => app.request(url, init),
    });
}
