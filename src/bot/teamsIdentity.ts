/** Who a Teams user is, as Teams says it: their Entra object id and tenant (channelData.tenant on older clients). */
import type { TurnContext } from 'botbuilder';
import type { TeamsIdentity } from '../domain/professional';

export function teamsIdentity(context: TurnContext): TeamsIdentity {
  const activity = context.activity;
  const channelData = activity.channelData as { tenant?: { id?: string } } | undefined;
  return {
    aadObjectId: activity.from?.aadObjectId,
    tenantId: activity.conversation?.tenantId ?? channelData?.tenant?.id,
  };
}
