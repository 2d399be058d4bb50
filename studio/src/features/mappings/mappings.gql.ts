import { gql } from 'urql';
import type { MappingVersionContent, TargetField, Diagnostic } from '@megzo/mapping';

export type { MappingVersionContent, TargetField, Diagnostic };

export const MAPPINGS_QUERY = gql`
  query Mappings {
    mappings {
      id
      name
      flow
      sourceKind
      targetKind
      updatedAt
      publishedVersion {
        id
        number
        publishedAt
      }
      draft {
        id
        number
        updatedAt
      }
    }
  }
`;

export type MappingSummary = {
  id: string;
  name: string;
  flow: string;
  sourceKind: string;
  targetKind: string;
  updatedAt: string;
  publishedVersion: { id: string; number: number; publishedAt: string | null } | null;
  draft: { id: string; number: number; updatedAt: string } | null;
};

export const VERSION_FIELDS = gql`
  fragment VersionFields on MappingVersion {
    id
    number
    status
    note
    content
    createdAt
    updatedAt
    publishedAt
    author {
      id
      name
    }
    publishedBy {
      id
      name
    }
  }
`;

export type Version = {
  id: string;
  number: number;
  status: 'DRAFT' | 'PUBLISHED' | 'ARCHIVED';
  note: string | null;
  content: MappingVersionContent;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
  author: { id: string; name: string } | null;
  publishedBy: { id: string; name: string } | null;
};

export const MAPPING_QUERY = gql`
  query Mapping($id: ID!) {
    mapping(id: $id) {
      id
      name
      flow
      sourceKind
      targetKind
      publishedVersion {
        ...VersionFields
      }
      draft {
        ...VersionFields
      }
      versions {
        ...VersionFields
      }
    }
  }
  ${VERSION_FIELDS}
`;

export type MappingDetail = {
  id: string;
  name: string;
  flow: string;
  sourceKind: string;
  targetKind: string;
  publishedVersion: Version | null;
  draft: Version | null;
  versions: Version[];
};

/** Real records to preview on and to learn source fields from: the latest products read from the ERP. */
export const SAMPLE_PRODUCTS = gql`
  query SampleProducts($first: Int!) {
    products(first: $first) {
      edges {
        node {
          id
          sku
          data
        }
      }
    }
  }
`;

export type SampleProductsData = { products: { edges: Array<{ node: { id: string; sku: string; data: Record<string, unknown> } }> } };

const RESULT_ERRORS = `
  ... on Error {
    message
  }
  ... on InputError {
    issues {
      path
      message
    }
  }
`;

export const CREATE_DRAFT = gql`
  mutation CreateMappingDraft($mappingId: ID!, $content: JSON, $note: String) {
    createMappingDraft(mappingId: $mappingId, content: $content, note: $note) {
      __typename
      ... on MappingVersion {
        ...VersionFields
      }
      ${RESULT_ERRORS}
    }
  }
  ${VERSION_FIELDS}
`;

export const UPDATE_DRAFT = gql`
  mutation UpdateMappingDraft($versionId: ID!, $content: JSON, $note: String) {
    updateMappingDraft(versionId: $versionId, content: $content, note: $note) {
      __typename
      ... on MappingVersion {
        ...VersionFields
      }
      ${RESULT_ERRORS}
    }
  }
  ${VERSION_FIELDS}
`;

export const PREVIEW_MAPPING = gql`
  query PreviewMapping($content: JSON, $context: JSON, $samples: [JSON!]) {
    previewMapping(content: $content, context: $context, samples: $samples) {
      __typename
      ... on QueryPreviewMappingSuccess {
        data {
          index
          key
          ok
          output
          errors {
            target
            message
            code
          }
          warnings
        }
      }
      ${RESULT_ERRORS}
    }
  }
`;

export type PreviewRow = {
  index: number;
  key: string;
  market?: string | null;
  ok: boolean;
  output: Record<string, unknown>;
  errors: Array<{ target: string; message: string; code: string }>;
  warnings: string[];
};

export const IMPACT_MAPPING = gql`
  query MappingImpact($versionId: ID!, $markets: [String!], $samples: [JSON!]) {
    mappingImpact(versionId: $versionId, markets: $markets, samples: $samples) {
      __typename
      ... on QueryMappingImpactSuccess {
        data
      }
      ${RESULT_ERRORS}
    }
  }
`;

export const PUBLISH_VERSION = gql`
  mutation PublishMappingVersion($versionId: ID!) {
    publishMappingVersion(versionId: $versionId) {
      __typename
      ... on MappingVersion {
        ...VersionFields
      }
      ${RESULT_ERRORS}
    }
  }
  ${VERSION_FIELDS}
`;

export const ROLLBACK_MAPPING = gql`
  mutation RollbackMapping($mappingId: ID!, $toVersionId: ID!) {
    rollbackMapping(mappingId: $mappingId, toVersionId: $toVersionId) {
      __typename
      ... on MappingVersion {
        ...VersionFields
      }
      ${RESULT_ERRORS}
    }
  }
  ${VERSION_FIELDS}
`;

/** The BNR fixings the catalog flow converts with, so the impact can be worked out in the browser. */
export const FX_RATES = gql`
  query FxRatesForImpact {
    fxRates(source: BNR, limit: 200) {
      currency
      date
      value
      multiplier
      source
    }
  }
`;

export type FxRatesData = { fxRates: Array<{ currency: string; date: string; value: string; multiplier: number; source: 'BNR' | 'ECB' }> };
