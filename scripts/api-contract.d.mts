/** Public names per subpath, fixed by the design's API contract. */
export declare const API_CONTRACT: Record<string, string[]>;
