import { gql } from 'urql';

export const ORDER_SUMMARY = gql`
  fragment OrderSummary on Order {
    id
    channelOrderId
    market
    status
    erpReference
    erpSalesOrderId
    totalGross
    currency
    channelCreatedAt
    createdAt
    updatedAt
    deadlineAt
    deadlineInSeconds
    acceptedAt
    completedAt
  }
`;

export type OrderSummary = {
  id: string;
  channelOrderId: string;
  market: string;
  status: string;
  erpReference: string | null;
  erpSalesOrderId: string | null;
  totalGross: string;
  currency: string;
  channelCreatedAt: string | null;
  createdAt: string;
  updatedAt: string;
  deadlineAt: string | null;
  deadlineInSeconds: number | null;
  acceptedAt: string | null;
  completedAt: string | null;
};

export const ORDERS_QUERY = gql`
  query Orders($integrationId: ID!, $status: String, $search: String, $first: Int, $after: String) {
    orders(integrationId: $integrationId, status: $status, search: $search, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...OrderSummary
        }
      }
    }
  }
  ${ORDER_SUMMARY}
`;

export type OrdersData = {
  orders: { totalCount: number | null; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: Array<{ node: OrderSummary }> };
};

export const ORDER_DETAIL = gql`
  fragment OrderDetail on Order {
    ...OrderSummary
    integration {
      id
      name
    }
    totalNet
    totalVat
    lines {
      id
      sku
      title
      quantity
      netAmount
      vatAmount
      currency
    }
    events {
      id
      type
      at
      message
    }
    shipments {
      id
      carrier
      awb
      trackingUrl
      status
      hasLabel
      labelUrl
      pushedToChannelAt
      createdAt
    }
    invoices {
      id
      series
      number
      issueDate
      totalGross
      currency
      hasPdf
      pdfUrl
      attachedToChannel
      capabilityMissing
      createdAt
    }
    returns {
      id
      kind
      status
      reason
      detectedAt
      reconciledAt
    }
  }
  ${ORDER_SUMMARY}
`;

export type OrderDetail = OrderSummary & {
  integration: { id: string; name: string };
  totalNet: string;
  totalVat: string;
  lines: Array<{ id: string; sku: string; title: string | null; quantity: number; netAmount: string; vatAmount: string; currency: string }>;
  events: Array<{ id: string; type: string; at: string; message: string }>;
  shipments: Array<{ id: string; carrier: string; awb: string; trackingUrl: string | null; status: string; hasLabel: boolean; labelUrl: string | null; pushedToChannelAt: string | null; createdAt: string }>;
  invoices: Array<{ id: string; series: string; number: string; issueDate: string | null; totalGross: string; currency: string; hasPdf: boolean; pdfUrl: string | null; attachedToChannel: boolean; capabilityMissing: boolean; createdAt: string }>;
  returns: Array<{ id: string; kind: string; status: string; reason: string | null; detectedAt: string; reconciledAt: string | null }>;
};

export const ORDER_QUERY = gql`
  query Order($id: ID!) {
    order(id: $id) {
      ...OrderDetail
    }
  }
  ${ORDER_DETAIL}
`;

export const ORDER_UPDATED = gql`
  subscription OrderUpdated($integrationId: ID!) {
    orderUpdated(integrationId: $integrationId) {
      ...OrderSummary
    }
  }
  ${ORDER_SUMMARY}
`;
