import { gql } from 'urql';
import { RUN_FIELDS, type Run } from '@/features/runs/runs.gql';

export const DASHBOARD_QUERY = gql`
  query Dashboard($id: ID!, $since: DateTime!) {
    integration(id: $id) {
      id
      name
      enabled
      health {
        status
        message
        failingConnections
      }
      flows {
        id
        flow
        enabled
        intervalSeconds
        nextRunAt
        lastRunAt
        lastRun {
          ...RunFields
        }
      }
      activeRuns {
        ...RunFields
      }
      recentErrors(limit: 8) {
        id
        recordKey
        message
        errorCategory
        createdAt
        run {
          id
          flow
        }
      }
      syncStats(since: $since) {
        at
        synced
        errors
      }
      ordersWaitingCount
      ordersAtRisk(withinHours: 24) {
        id
        channelOrderId
        market
        status
        deadlineAt
      }
    }
  }
  ${RUN_FIELDS}
`;

export type IntegrationHealth = { status: 'OK' | 'DEGRADED' | 'FAILING' | 'OFF'; message: string; failingConnections: string[] };

export const INTEGRATION_HEALTH = gql`
  subscription IntegrationHealth($integrationId: ID!) {
    integrationHealth(integrationId: $integrationId) {
      status
      message
      failingConnections
    }
  }
`;

export type DashboardData = {
  integration: {
    id: string;
    name: string;
    enabled: boolean;
    health: IntegrationHealth;
    flows: Array<{
      id: string;
      flow: string;
      enabled: boolean;
      intervalSeconds: number;
      nextRunAt: string | null;
      lastRunAt: string | null;
      lastRun: Run | null;
    }>;
    activeRuns: Run[];
    recentErrors: Array<{ id: string; recordKey: string; message: string | null; errorCategory: string | null; createdAt: string; run: { id: string; flow: string } }>;
    syncStats: Array<{ at: string; synced: number; errors: number }>;
    ordersWaitingCount: number;
    ordersAtRisk: Array<{ id: string; channelOrderId: string; market: string; status: string; deadlineAt: string | null }>;
  } | null;
};
