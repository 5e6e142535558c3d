export * from "./common";
export * from "./enums";
export * from "./industry-config";
export * from "./pagination";
export * from "./profile";
