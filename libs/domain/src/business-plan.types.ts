/** A stored plan document; the server computes `sha256` itself from the uploaded bytes. */
export interface PlanDocument {
  documentId: string;
  /** 64 lowercase hex digits. */
  sha256: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
}

export interface PlanSummaries {
  market: string;
  product: string;
  team: string;
  financials: string;
  ipStrategy: string;
}

export const PLAN_SUMMARY_KEYS = ['market', 'product', 'team', 'financials', 'ipStrategy'] as const;
