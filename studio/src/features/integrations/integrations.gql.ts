import { gql } from 'urql';

export const INTEGRATIONS_QUERY = gql`
  query Integrations {
    integrations {
      id
      name
      enabled
    }
  }
`;

export type IntegrationSummary = { id: string; name: string; enabled: boolean };
