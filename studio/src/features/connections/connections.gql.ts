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
      storedSecrets
      connector {
        id
        name
        kind
        configSchema
        secretFields
      }
    }
  }
`;

export type ConnectionDetail = ConnectionSummary & {
  config: Record<string, unknown>;
  storedSecrets: string[];
  connector: { id: string; name: string; kind: string; configSchema: unknown; secretFields: string[] } | null;
};

export const UPDATE_CONNECTION = gql`
  mutation UpdateConnection($id: ID!, $input: UpdateConnectionInput!) {
    updateConnection(id: $id, input: $input) {
      __typename
      ... on Error {
        message
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
      ... on MutationTestConnectionSuccess {
        data {
          ok
          message
        }
      }
    }
  }
`;
