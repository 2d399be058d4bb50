import { gql } from 'urql';

export const LISTINGS_QUERY = gql`
  query Listings($market: String, $status: String, $first: Int, $after: String) {
    listings(market: $market, status: $status, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          market
          lastPushedPrice
          currency
          lastPushedQuantity
          status
          pushedAt
          lastError
          sourceValues
          rulesApplied
          product {
            id
            sku
            name
          }
          mappingVersion {
            id
            number
            mapping {
              id
              name
            }
          }
        }
      }
    }
  }
`;

export type Listing = {
  id: string;
  market: string;
  lastPushedPrice: string | null;
  currency: string | null;
  lastPushedQuantity: number | null;
  status: string;
  pushedAt: string | null;
  lastError: string | null;
  sourceValues: Record<string, unknown> | null;
  rulesApplied: unknown;
  product: { id: string; sku: string; name: string };
  mappingVersion: { id: string; number: number; mapping: { id: string; name: string } } | null;
};

export type ListingsData = {
  listings: { totalCount: number | null; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: Array<{ node: Listing }> };
};
