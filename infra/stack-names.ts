/** Stack names, shared with the local runtime that reads their templates (without loading the CDK app). */
export const stackNames = {
  data: 'ChrmData',
  api: 'ChrmApi',
  apiRoutes: {
    channel: 'ChrmApiChannel',
    accruals: 'ChrmApiAccruals',
    claims: 'ChrmApiClaims',
    shipAndDebit: 'ChrmApiShipAndDebit',
    dealRegistration: 'ChrmApiDeals',
    funds: 'ChrmApiFunds',
    priceProtection: 'ChrmApiPriceProtection',
    reports: 'ChrmApiReports',
  },
  ingest: 'ChrmIngest',
  accruals: 'ChrmAccruals',
  claims: 'ChrmClaims',
  web: 'ChrmWeb',
  webAcl: 'ChrmWebAcl',
  dealRegistration: 'ChrmDeals',
  funds: 'ChrmFunds',
  shipAndDebit: 'ChrmShipAndDebit',
  priceProtection: 'ChrmPriceProtection',
} as const;
