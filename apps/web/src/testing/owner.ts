/** The signed-in owner of the whole-app tests: the session's user and their profile, set up. */
export const USER = { id: "0b7e2f4c-1d2e-4f3a-9b8c-7d6e5f4a3b2c", email: "dana@rivera.example", name: "Dana" };

export const PROFILE = {
  id: USER.id,
  email: USER.email,
  fullName: "Dana Rivera",
  companyName: "Rivera Plumbing",
  industryType: "plumbing",
  timezone: "America/New_York",
};
