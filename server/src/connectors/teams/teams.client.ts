// Microsoft Teams through a Workflows webhook ("When a Teams webhook request is received"): POST the Adaptive
// Card envelope. The URL carries a SAS `sig`: it is a secret and never appears in errors or logs.
import type { DeliveryResult } from '../../domain/alerting/delivery';
import type { TeamsEnvelope } from '../../domain/alerting/render';
import { postForDelivery } from '../outbound-webhook/http-delivery';

export function sendTeamsWorkflow(
  webhookUrl: string,
  envelope: TeamsEnvelope,
  timeoutMs?: number,
): Promise<DeliveryResult> {
  return postForDelivery(webhookUrl, JSON.stringify(envelope), { timeoutMs });
}
