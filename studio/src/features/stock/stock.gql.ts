import { gql } from 'urql';

export const BUFFER_RULES_QUERY = gql`
  query StockBufferRules($id: ID!) {
    integration(id: $id) {
      id
      name
      stockBufferRules {
        id
        scope
        key
        kind
        value
      }
    }
  }
`;

export type BufferScope = 'GLOBAL' | 'CATEGORY' | 'SKU';
export type BufferKind = 'ABSOLUTE' | 'PERCENT';
export type BufferRule = { id?: string; scope: BufferScope; key: string; kind: BufferKind; value: string };

export type BufferRulesData = { integration: { id: string; name: string; stockBufferRules: BufferRule[] } | null };

export const PREVIEW_BUFFERS = gql`
  mutation PreviewStockBuffers($integrationId: ID!, $rules: [StockBufferRuleInput!]!) {
    previewStockBuffers(integrationId: $integrationId, rules: $rules) {
      __typename
      ... on Error {
        message
      }
      ... on MutationPreviewStockBuffersSuccess {
        data {
          changedCount
          totalCount
          rows {
            sku
            category
            available
            reserved
            bufferBefore
            bufferAfter
            pushedBefore
            pushedAfter
            rule
          }
        }
      }
    }
  }
`;

export type BufferPreviewRow = {
  sku: string;
  category: string | null;
  available: number;
  reserved: number;
  bufferBefore: number;
  bufferAfter: number;
  pushedBefore: number;
  pushedAfter: number;
  rule: string | null;
};
export type BufferPreview = { changedCount: number; totalCount: number; rows: BufferPreviewRow[] };

export const SAVE_BUFFERS = gql`
  mutation SetStockBufferRules($integrationId: ID!, $rules: [StockBufferRuleInput!]!) {
    setStockBufferRules(integrationId: $integrationId, rules: $rules) {
      __typename
      ... on Error {
        message
      }
    }
  }
`;
