import { gql } from 'urql';

export const RUN_FIELDS = gql`
  fragment RunFields on SyncRun {
    id
    flow
    status
    trigger
    stage
    progressTotal
    progressDone
    countRead
    countCreated
    countUpdated
    countSkipped
    countFailed
    startedAt
    finishedAt
    createdAt
    errorMessage
    mappingVersion {
      id
      number
      mapping {
        id
        name
      }
    }
  }
`;

export type RunStatus = 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'PARTIAL' | 'FAILED' | 'CANCELLED';

export type Run = {
  id: string;
  flow: string;
  status: RunStatus;
  trigger: string;
  stage: string | null;
  progressTotal: number | null;
  progressDone: number;
  countRead: number;
  countCreated: number;
  countUpdated: number;
  countSkipped: number;
  countFailed: number;
  startedAt: string | null;
  finishedAt: string | null;
  createdAt: string;
  errorMessage: string | null;
  mappingVersion: { id: string; number: number; mapping: { id: string; name: string } } | null;
};

export const SYNC_RUN_UPDATED = gql`
  subscription SyncRunUpdated($integrationId: ID!) {
    syncRunUpdated(integrationId: $integrationId) {
      ...RunFields
    }
  }
  ${RUN_FIELDS}
`;

export const RUN_SYNC = gql`
  mutation RunSync($integrationId: ID!, $flow: Flow!) {
    runSync(integrationId: $integrationId, flow: $flow) {
      __typename
      ...RunFields
      ... on Error {
        message
      }
    }
  }
  ${RUN_FIELDS}
`;

export const isActive = (s: RunStatus) => s === 'QUEUED' || s === 'RUNNING';
