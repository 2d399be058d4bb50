import { gql } from 'urql';
import { RUN_FIELDS, type Run } from './runs.gql';

export const RUNS_QUERY = gql`
  query Runs($integrationId: ID!, $flow: Flow, $status: RunStatus, $first: Int, $after: String) {
    runs(integrationId: $integrationId, flow: $flow, status: $status, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...RunFields
        }
      }
    }
  }
  ${RUN_FIELDS}
`;

export type RunsData = {
  runs: { totalCount: number | null; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: Array<{ node: Run }> };
};

export const RUN_QUERY = gql`
  query Run($id: ID!, $itemStatus: RunItemStatus) {
    syncRun(id: $id) {
      ...RunFields
      integration {
        id
        name
      }
      items(status: $itemStatus, first: 200) {
        totalCount
        edges {
          node {
            id
            recordKey
            action
            status
            errorCategory
            errorCode
            message
            attempts
            resolvedAt
            resolvedBy {
              name
            }
            updatedAt
          }
        }
      }
    }
  }
  ${RUN_FIELDS}
`;

export type RunItem = {
  id: string;
  recordKey: string;
  action: string;
  status: 'OK' | 'FAILED' | 'RETRIED' | 'RESOLVED';
  errorCategory: string | null;
  errorCode: string | null;
  message: string | null;
  attempts: number;
  resolvedAt: string | null;
  resolvedBy: { name: string } | null;
  updatedAt: string;
};

export type RunDetailData = {
  syncRun: (Run & { integration: { id: string; name: string }; items: { totalCount: number | null; edges: Array<{ node: RunItem }> } }) | null;
};

export const RETRY_ITEMS = gql`
  mutation RetryRunItems($ids: [ID!]!) {
    retryRunItems(ids: $ids) {
      __typename
      ... on Error {
        message
      }
    }
  }
`;

export const RESOLVE_ITEMS = gql`
  mutation ResolveRunItems($ids: [ID!]!, $note: String) {
    resolveRunItems(ids: $ids, note: $note) {
      __typename
      ... on Error {
        message
      }
    }
  }
`;
