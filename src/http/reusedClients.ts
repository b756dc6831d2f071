/**
 * botbuilder's CloudAdapter builds a new ConnectorClient (with its HTTP
 * pipeline of a dozen policies) and a new UserTokenClient, each with fresh
 * credentials, on every turn — 10 % of a turn's CPU in the bench's profile,
 * and every new credential object fetches its own token when it first
 * sends. Both clients are stateless between requests (the credentials keep
 * and refresh their token themselves), so one per bot app id, service URL
 * and audience serves every turn; the older BotFrameworkAdapter kept its
 * credentials for the life of the process in the same way.
 *
 * The keys come from activities (serviceUrl), so the cache is bounded: the
 * least recently used client goes first. A creation that fails is not kept.
 */
import {
  AuthenticationConstants,
  type ClaimsIdentity,
  type ConnectorClient,
  ConnectorFactory,
  type UserTokenClient,
} from 'botframework-connector';

/** Channels a bot talks to: a handful of service URLs × app ids; room for skills and clouds. */
export const MAX_REUSED_CLIENTS = 256;

/** The bot's app id a turn's clients act for, as botbuilder's parameterized authentication reads it. */
export function appIdOf(claimsIdentity: ClaimsIdentity): string {
  return (
    claimsIdentity.getClaimValue(AuthenticationConstants.AudienceClaim) ??
    claimsIdentity.getClaimValue(AuthenticationConstants.AppIdClaim) ??
    ''
  );
}

class Recent<T> {
  private readonly entries = new Map<string, Promise<T>>();
  constructor(private readonly max: number) {}

  get(key: string, create: () => Promise<T>): Promise<T> {
    const held = this.entries.get(key);
    if (held) {
      // Most recently used last: Map keeps insertion order.
      this.entries.delete(key);
      this.entries.set(key, held);
      return held;
    }
    const made = create();
    made.catch(() => this.entries.get(key) === made && this.entries.delete(key));
    this.entries.set(key, made);
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
    return made;
  }
}

class ReusingConnectorFactory extends ConnectorFactory {
  constructor(
    private readonly inner: ConnectorFactory,
    private readonly appId: string,
    private readonly clients: Recent<ConnectorClient>,
  ) {
    super();
  }

  create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    return this.clients.get(JSON.stringify([this.appId, serviceUrl, audience ?? null]), () => this.inner.create(serviceUrl, audience));
  }
}

export class ReusedClients {
  private readonly connectors: Recent<ConnectorClient>;
  private readonly userTokens: Recent<UserTokenClient>;

  constructor(max = MAX_REUSED_CLIENTS) {
    this.connectors = new Recent(max);
    this.userTokens = new Recent(max);
  }

  /** A factory whose clients are shared by every turn of the same app id, service URL and audience. */
  connectorFactory(inner: ConnectorFactory, claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return new ReusingConnectorFactory(inner, appIdOf(claimsIdentity), this.connectors);
  }

  userTokenClient(claimsIdentity: ClaimsIdentity, create: () => Promise<UserTokenClient>): Promise<UserTokenClient> {
    return this.userTokens.get(appIdOf(claimsIdentity), create);
  }
}
