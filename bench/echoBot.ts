/**
 * The benchmark's reference: a bare Bot Framework bot — CloudAdapter on
 * restify 11, anonymous (no app id), no state, no dialogs, no middleware —
 * that echoes the text back. Whatever the assistant costs above this is its
 * own code. Run as a child of bench/index.ts: it listens on 127.0.0.1 and
 * reports its port over IPC.
 */
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import restify from 'restify';

class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      await context.sendActivity(`Echo : ${context.activity.text ?? ''}`);
      await next();
    });
  }
}

const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({ MicrosoftAppType: 'MultiTenant' }));
const bot = new EchoBot();
const server = restify.createServer();
server.use(restify.plugins.bodyParser());
server.post('/api/messages', async (req, res) => {
  await adapter.process(req, res, (context) => bot.run(context));
});
server.listen(0, '127.0.0.1', () => {
  process.send?.({ port: server.address().port });
});
process.on('disconnect', () => process.exit(0));
// Its CPU time so far, for the ablation (bench/ablation.ts).
process.on('message', (message: { cpu?: true }) => message.cpu && process.send?.({ cpu: process.cpuUsage() }));
