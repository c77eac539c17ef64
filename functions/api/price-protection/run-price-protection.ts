import { priceProtectionRunRequestSchema } from '../../../domain/price-protection/price-protection-run';
import { runPriceProtection } from '../../../domain/price-protection/run-price-protection';
import { priceProtectionDeps } from '../../price-protection/price-protection-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { jsonBody } from '../../shared/http/request';
import { json } from '../../shared/http/response';

/** Runs price protection for a price entry: 201 with a new run, 200 with the run a re-run completed. */
export const handler = httpApi(async (event) => {
  const request = jsonBody(event, priceProtectionRunRequestSchema);
  const { created, ...result } = await runPriceProtection(priceProtectionDeps, actorOf(event), request);
  return json(created ? 201 : 200, result, { location: `/price-protection-runs/${result.run.runId}` });
});
