export declare const SPEC_PATH: string;
export declare const SCHEMA_PATH: string;
export declare function generateClientTypes(): Promise<string>;
