/** Fixed sandbox credentials. Loopback test systems only; not secrets. */
export const SANDBOX_CREDENTIALS = {
  cdon: {
    merchants: [
      { merchantId: '6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b', token: 'cdon-sandbox-token-a', label: 'Nordic Store A' },
      { merchantId: '0b9a8c7d-6e5f-4a3b-9c2d-1e0f9a8b7c6d', token: 'cdon-sandbox-token-b', label: 'Nordic Store B' },
    ],
  },
  charisma: { clientId: 'megzo-sandbox', clientSecret: 'charisma-sandbox-secret', apiKey: 'charisma-sandbox-api-key' },
  dhl: {
    username: 'megzo-dhl-sandbox',
    password: 'dhl-sandbox-secret',
    accountNumber: '123456789',
    trackingApiKey: 'dhl-tracking-sandbox-key',
  },
};

export type CdonMerchantCredential = (typeof SANDBOX_CREDENTIALS.cdon.merchants)[number];
