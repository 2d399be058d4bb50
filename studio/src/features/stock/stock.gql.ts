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

/** Stock as last read from the ERP, and units held by orders not yet in the ERP: the inputs of the preview. */
export const STOCK_PRODUCTS = gql`
  query StockProducts($first: Int!, $after: String) {
    products(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          sku
          name
          category
          reservedQuantity
          stock {
            available
          }
        }
      }
    }
  }
`;

export type StockProduct = { id: string; sku: string; name: string; category: string | null; reservedQuantity: number; stock: Array<{ available: number }> };
export type StockProductsData = { products: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: Array<{ node: StockProduct }> } };

const ERRORS = `
  ... on Error {
    message
  }
`;

export const SET_BUFFER = gql`
  mutation SetStockBufferRule($integrationId: ID!, $input: StockBufferRuleInput!) {
    setStockBufferRule(integrationId: $integrationId, input: $input) {
      __typename
      ${ERRORS}
    }
  }
`;

export const DELETE_BUFFER = gql`
  mutation DeleteStockBufferRule($id: ID!) {
    deleteStockBufferRule(id: $id) {
      __typename
      ${ERRORS}
    }
  }
`;
