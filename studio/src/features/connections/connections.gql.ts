import { gql } from 'urql';

export const CONNECTIONS_QUERY = gql`
  query Connections {
    connections {
      id
      name
      connectorId
      status
      lastCheckAt
      lastCheckError
    }
  }
`;

export type ConnectionSummary = { id: string; name: string; connectorId: string; status: string; lastCheckAt: string | null; lastCheckError: string | null };

export const CONNECTION_QUERY = gql`
  query Connection($id: ID!) {
    connection(id: $id) {
      id
      name
      connectorId
      status
      lastCheckAt
      lastCheckError
      config
      secretFieldsSet
    }
    connectors {
      id
      label
      kind
      configSchema
      secretFields
    }
  }
`;

export type Connector = { id: string; label: string; kind: string; configSchema: unknown; secretFields: string[] };
export type ConnectionDetail = ConnectionSummary & { config: Record<string, unknown>; secretFieldsSet: string[] };

export const UPDATE_CONNECTION = gql`
  mutation UpdateConnection($id: ID!, $input: UpdateConnectionInput!) {
    updateConnection(id: $id, input: $input) {
      __typename
      ... on Error {
        message
      }
      ... on InputError {
        issues {
          path
          message
        }
      }
    }
  }
`;

export const TEST_CONNECTION = gql`
  mutation TestConnection($id: ID!) {
    testConnection(id: $id) {
      __typename
      ... on Error {
        message
      }
      ... on ConnectionTestResult {
        ok
        message
        connection {
          id
          status
          lastCheckAt
          lastCheckError
        }
      }
    }
  }
`;
