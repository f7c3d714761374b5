/** The SHA-256 of the build's sources under `root` (scripts/sourceStamp.mjs). */
export declare function sourceStamp(root: string): string
export declare const STAMP_FILE: string
