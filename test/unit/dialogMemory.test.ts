import assert from 'node:assert/strict';
import { TestAdapter, TurnContext } from 'botbuilder';
import { DialogContext, DialogSet, DialogStateManager } from 'botbuilder-dialogs';
import { ComponentRegistration } from 'botbuilder';
import * as dialogsRegistration from 'botbuilder-dialogs/lib/dialogsComponentRegistration';
import {
  DIALOG_STATE_MANAGER_CONFIGURATION,
  shareDialogsRegistration,
  SharedDialogMemoryMiddleware,
  sharedDialogMemory,
} from '../../src/bot/dialogMemory';

const turn = () =>
  new TurnContext(new TestAdapter(async () => undefined), {
    type: 'message',
    text: 'menu',
    channelId: 'test',
    conversation: { id: 'c' },
    from: { id: 'u' },
    recipient: { id: 'b' },
  } as never);

/** What a configuration holds, by kind and name. */
const shape = (config: DialogStateManager['configuration']) => ({
  scopes: config.memoryScopes.map((s) => `${s.constructor.name}:${s.name}:${String(s.includeInSnapshot)}`),
  resolvers: config.pathResolvers.map((r) => `${r.constructor.name}:${JSON.stringify(r)}`),
});

describe('one set of dialog memory scopes for every turn (src/bot/dialogMemory.ts)', () => {
  it('holds the scopes and path resolvers, in order, that botbuilder builds for a turn', () => {
    const own = new DialogContext(new DialogSet(), turn(), { dialogStack: [] }).state.configuration;
    assert.deepEqual(shape(sharedDialogMemory()), shape(own));
    assert.ok(own.memoryScopes.length >= 9 && own.pathResolvers.length >= 5);
  });

  it('is what every turn’s dialog contexts use, and dialog memory reads and writes as before', async () => {
    const seen: unknown[] = [];
    for (const text of ['un', 'deux']) {
      const context = turn();
      context.activity.text = text;
      await new SharedDialogMemoryMiddleware().onTurn(context, async () => {
        const dc = new DialogContext(new DialogSet(), context, { dialogStack: [] });
        assert.equal(dc.state.configuration, sharedDialogMemory());
        assert.equal(context.turnState.get(DIALOG_STATE_MANAGER_CONFIGURATION), sharedDialogMemory());
        dc.state.setValue('turn.said', text);
        seen.push(dc.state.getValue('turn.said'), dc.state.getValue('turn.activity.text'), dc.state.getValue('$said'));
      });
    }
    assert.deepEqual(seen, ['un', 'un', undefined, 'deux', 'deux', undefined]);
  });

  it('builds the dialogs component registration once: each construction gives that one, registered once under its name', () => {
    shareDialogsRegistration();
    const { DialogsComponentRegistration } = dialogsRegistration;
    const first = new DialogsComponentRegistration();
    assert.equal(new DialogsComponentRegistration(), first);
    assert.ok(first instanceof DialogsComponentRegistration);
    assert.equal(first.constructor.name, 'DialogsComponentRegistration');
    new DialogContext(new DialogSet(), turn(), { dialogStack: [] });
    const registered = ComponentRegistration.components.filter((c) => c.constructor.name === 'DialogsComponentRegistration');
    assert.deepEqual(registered, [first]);
    assert.deepEqual(
      shape({ memoryScopes: first.getMemoryScopes(), pathResolvers: first.getPathResolvers() }),
      shape(sharedDialogMemory()),
    );
  });

  it('leaves a turn that brings its own scopes to botbuilder', async () => {
    const context = turn();
    context.turnState.set('memoryScopes', []);
    await new SharedDialogMemoryMiddleware().onTurn(context, async () => {
      assert.notEqual(new DialogContext(new DialogSet(), context, { dialogStack: [] }).state.configuration, sharedDialogMemory());
    });
  });
});
