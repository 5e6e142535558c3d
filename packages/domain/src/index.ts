export * from "./enums";
export * from "./industry-config";
