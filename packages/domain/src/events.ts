// Input schemas and rules of this domain, shared by the API and the dashboard.
export {};
