/**
 * Generated requests for the /api/messages fuzz test. A seeded PRNG
 * (mulberry32) makes every run reproducible: a failure prints its seed and
 * case number, and FUZZ_SEED=<seed> replays exactly the same requests.
 *
 * Two families: `malformed` requests must be refused with a 4xx and change
 * nothing; `odd` requests are well-formed activities with strange content
 * (scripts, control characters, unknown channels and types, attachments,
 * forged senders) that the bot must survive without a 5xx.
 */

export type Rng = () => number;

/** mulberry32: tiny, fast, good enough to drive a fuzzer, and seedable. */
export function seededRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface FuzzCase {
  family: 'malformed' | 'odd';
  /** What the case tries, for failure messages (never the whole body: it may be 1 MB). */
  label: string;
  body: string;
  contentType: string;
}

const int = (rng: Rng, max: number) => Math.floor(rng() * max);
const pick = <T>(rng: Rng, items: readonly T[]): T => items[int(rng, items.length)];

/** Code points from many scripts and the awkward corners of Unicode. */
const ALPHABETS: readonly string[] = [
  'abcdefghijklmnopqrstuvwxyz0123456789 ',
  'éèêëàâäîïôöùûüçœÉÈÀÇ’«» ',
  'абвгдежзийклмнопрстуфхцчшщыэюя',
  'مرحبا بكم في خدمة',
  'שלום עולם',
  '你好世界请帮我预约',
  'こんにちはカタカナ',
  '😀👵🏽📱💻🇫🇷❤️‍🔥',
  '\u0000\u0001\u0007\b\t\n\r\u001b\u007f\u0085',
  '\u200b\u200c\u200d\u200e\u200f\u202a\u202e\u2066\ufeff\ufffd',
  'ＡＢＣ１２３ｱｲｳ',
  'Z̷̢͎a̸͔̓l̵̰̈́g̶̺̀o̴͙͝',
];

export function randomText(rng: Rng, maxLength = 200): string {
  const length = int(rng, maxLength);
  let text = '';
  for (let i = 0; i < length; i += 1) {
    const alphabet = [...pick(rng, ALPHABETS)];
    text += pick(rng, alphabet);
  }
  // Lone surrogates are legal in JSON text but not in UTF-16 strings' pairs.
  if (rng() < 0.05) text += '\ud800';
  if (rng() < 0.05) text = `\udfff${text}`;
  return text;
}

function randomId(rng: Rng): string {
  return pick(rng, [
    () => `user-${int(rng, 1e9)}`,
    () => `+336${String(10_000_000 + int(rng, 89_999_999))}`,
    () => `29:${randomText(rng, 30)}`,
    () => randomText(rng, 40) || 'x',
    () => 'bot',
    () => '../../etc/passwd',
    () => '{"$gt": ""}',
    () => 'a'.repeat(512),
  ])();
}

function randomValue(rng: Rng, depth = 0): unknown {
  const kind = int(rng, depth > 3 ? 5 : 7);
  switch (kind) {
    case 0:
      return null;
    case 1:
      return rng() < 0.5;
    case 2:
      return pick(rng, [0, -1, 1e308, -0, 3.5, Number.MAX_SAFE_INTEGER]);
    case 3:
      return randomText(rng, 30);
    case 4:
      return { $where: 'sleep(1000)', $gt: '', __proto__x: 1, constructor: { prototype: { polluted: true } } };
    case 5:
      return Array.from({ length: int(rng, 4) }, () => randomValue(rng, depth + 1));
    default:
      return Object.fromEntries(Array.from({ length: int(rng, 4) }, () => [randomText(rng, 10), randomValue(rng, depth + 1)]));
  }
}

function deepNesting(depth: number, open: string, close: string, leaf = '1'): string {
  return open.repeat(depth) + leaf + close.repeat(depth);
}

/** A valid activity answered inline (no serviceUrl needed, nothing sent outwards). */
export function validActivity(rng: Rng, conversationId: string): Record<string, unknown> {
  return {
    type: 'message',
    id: `fuzz-${int(rng, 1e12)}`,
    text: pick(rng, ['bonjour', '1', '2', 'menu', 'je veux un rendez-vous', 'annuler', 'aide']),
    channelId: pick(rng, ['webchat', 'sms', 'msteams', 'directline']),
    from: { id: `user-${int(rng, 1e9)}` },
    recipient: { id: 'bot' },
    conversation: { id: conversationId },
    deliveryMode: 'expectReplies',
  };
}

const REQUIRED_PATHS = [['type'], ['channelId'], ['conversation'], ['from'], ['conversation', 'id'], ['from', 'id'], ['deliveryMode']];
const TYPED_PATHS = [
  ['type'],
  ['id'],
  ['channelId'],
  ['conversation'],
  ['from'],
  ['recipient'],
  ['text'],
  ['locale'],
  ['attachments'],
  ['membersAdded'],
  ['conversation', 'id'],
  ['from', 'id'],
];
/** Values of the wrong type for every typed field above (strings, objects, arrays are each wrong somewhere). */
const WRONG_VALUES: readonly unknown[] = [42, true, null, [], [1, 2], 'x'.repeat(600), ''];

function setPath(target: Record<string, unknown>, path: readonly string[], value: unknown, remove = false): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    node[key] = { ...(node[key] as Record<string, unknown>) };
    node = node[key] as Record<string, unknown>;
  }
  const last = path[path.length - 1];
  if (remove) delete node[last];
  else node[last] = value;
}

/** A value that is wrong for the field at `path` (a string is fine for `text`, not 600 of them over the limit… etc.). */
function wrongValueFor(rng: Rng, path: readonly string[]): unknown {
  const key = path.join('.');
  const candidates = WRONG_VALUES.filter((value) => {
    if (typeof value === 'string') {
      // Strings are right for string fields unless empty (ids, type) or too long (ids).
      if (['attachments', 'membersAdded', 'conversation', 'from', 'recipient'].includes(key)) return true;
      if (value === '') return ['type', 'id', 'channelId', 'conversation.id', 'from.id'].includes(key);
      return ['id', 'channelId', 'conversation.id', 'from.id', 'recipient', 'locale', 'type'].includes(key);
    }
    if (Array.isArray(value)) return !['attachments', 'membersAdded'].includes(key) || value.length > 0;
    return true;
  });
  return pick(rng, candidates);
}

export function malformedCase(rng: Rng, n: number): FuzzCase {
  const conversationId = `fuzz-malformed-${n}`;
  const base = validActivity(rng, conversationId);
  const json = JSON.stringify(base);
  const variants: (() => FuzzCase)[] = [
    () => ({
      family: 'malformed',
      label: 'truncated JSON',
      body: json.slice(0, 1 + int(rng, json.length - 2)),
      contentType: 'application/json',
    }),
    () => ({ family: 'malformed', label: 'random bytes', body: randomText(rng, 300), contentType: 'application/json' }),
    () => ({ family: 'malformed', label: 'empty body', body: '', contentType: 'application/json' }),
    () => ({ family: 'malformed', label: 'trailing comma', body: json.replace(/}$/, ',}'), contentType: 'application/json' }),
    () => ({
      family: 'malformed',
      label: 'JSON scalar or array',
      body: pick(rng, ['[]', '42', '"message"', 'null', 'true', `[${json}]`]),
      contentType: 'application/json',
    }),
    () => {
      const path = pick(rng, REQUIRED_PATHS);
      const body = structuredClone(base);
      setPath(body, path, undefined, true);
      return { family: 'malformed', label: `missing ${path.join('.')}`, body: JSON.stringify(body), contentType: 'application/json' };
    },
    () => {
      const path = pick(rng, TYPED_PATHS);
      const body = structuredClone(base);
      const value = wrongValueFor(rng, path);
      setPath(body, path, value);
      return {
        family: 'malformed',
        label: `wrong type at ${path.join('.')}: ${JSON.stringify(value)?.slice(0, 20)}`,
        body: JSON.stringify(body),
        contentType: 'application/json',
      };
    },
    () => ({
      family: 'malformed',
      label: '1 MB body',
      body: JSON.stringify({ ...base, text: 'a'.repeat(1024 * 1024) }),
      contentType: 'application/json',
    }),
    () => ({
      family: 'malformed',
      label: 'deeply nested JSON array',
      body: deepNesting(50_000 + int(rng, 70_000), '[', ']'),
      contentType: 'application/json',
    }),
    () => ({
      family: 'malformed',
      label: 'deep nesting inside the conversation',
      body: JSON.stringify({ ...base, conversation: 'x' }).replace('"x"', deepNesting(20_000, '{"id":', '}', '"c"')),
      contentType: 'application/json',
    }),
    () => ({
      family: 'malformed',
      label: 'not JSON content type',
      body: pick(rng, ['type=message&text=bonjour', json, '<activity/>']),
      contentType: pick(rng, ['application/x-www-form-urlencoded', 'text/plain', 'application/xml', 'multipart/form-data; boundary=x']),
    }),
    () => ({
      family: 'malformed',
      label: 'no serviceUrl and no expectReplies',
      body: JSON.stringify({ ...base, deliveryMode: pick(rng, ['normal', 'notification', '']) }),
      contentType: 'application/json',
    }),
    () => ({
      family: 'malformed',
      label: 'too many attachments',
      body: JSON.stringify({ ...base, attachments: Array.from({ length: 21 + int(rng, 50) }, () => ({ contentType: 'image/png' })) }),
      contentType: 'application/json',
    }),
    () => ({
      family: 'malformed',
      label: 'text over 20,000 characters',
      body: JSON.stringify({ ...base, text: randomText(rng, 10).padEnd(20_001 + int(rng, 50_000), 'é') }),
      contentType: 'application/json',
    }),
  ];
  // 1 MB bodies and deep nesting are costly: a few percent of the cases.
  const heavy = new Set(['1 MB body', 'deeply nested JSON array', 'deep nesting inside the conversation']);
  let chosen = pick(rng, variants)();
  while (heavy.has(chosen.label) && rng() < 0.8) chosen = pick(rng, variants)();
  return chosen;
}

const CHANNELS = ['webchat', 'sms', 'msteams', 'directline', 'emulator', 'telegram', 'fax', 'x'.repeat(100), 'ünïcode'];
const TYPES = [
  'message',
  'conversationUpdate',
  'event',
  'invoke',
  'typing',
  'messageReaction',
  'endOfConversation',
  'installationUpdate',
  'deleteUserData',
  'trace',
  'handoff',
  'unknownType',
  'MESSAGE',
];

export function oddCase(rng: Rng, n: number): FuzzCase {
  const activity: Record<string, unknown> = validActivity(rng, `fuzz-odd-${n % 50}`);
  activity.type = rng() < 0.6 ? 'message' : pick(rng, TYPES);
  if (rng() < 0.8) activity.text = randomText(rng, 300);
  if (rng() < 0.3) activity.channelId = pick(rng, CHANNELS);
  if (rng() < 0.3)
    activity.from = {
      id: randomId(rng),
      name: randomText(rng, 20),
      role: pick(rng, ['user', 'bot', 'skill', 'admin']),
      aadObjectId: randomText(rng, 36) || 'a',
    };
  if (rng() < 0.2) activity.recipient = { id: randomId(rng) };
  if (rng() < 0.2) activity.conversation = { id: randomId(rng), isGroup: rng() < 0.5, tenantId: randomText(rng, 10) };
  if (rng() < 0.2)
    activity.attachments = Array.from({ length: 1 + int(rng, 5) }, () => ({
      contentType: pick(rng, [
        'image/png',
        'application/vnd.microsoft.card.adaptive',
        'text/plain',
        'application/octet-stream',
        randomText(rng, 20),
      ]),
      contentUrl: pick(rng, ['http://127.0.0.1:1/x.png', 'file:///etc/passwd', 'data:text/plain,bonjour', randomText(rng, 20)]),
      content: randomValue(rng),
      name: randomText(rng, 20),
    }));
  if (rng() < 0.2) activity.value = randomValue(rng);
  if (rng() < 0.2) activity.channelData = randomValue(rng);
  if (rng() < 0.1) activity.locale = pick(rng, ['fr-FR', 'en-US', 'ar', 'zz-ZZ', randomText(rng, 10)]);
  if (rng() < 0.1) activity.membersAdded = [{ id: randomId(rng) }, { id: 'bot' }];
  if (rng() < 0.1) activity.name = pick(rng, ['webchat/join', 'nearMe', 'signin/verifyState', randomText(rng, 20)]);
  if (rng() < 0.05) activity.value = JSON.parse(deepNesting(2_000, '{"a":', '}'));
  const label = `${String(activity.type)} on ${String(activity.channelId).slice(0, 20)}`;
  return { family: 'odd', label, body: JSON.stringify(activity), contentType: 'application/json' };
}

/**
 * Bodies every route must refuse before reading them as anything (4xx from
 * the body reader, http/jsonBody.ts), whatever the route expects: not JSON,
 * not a JSON content type, a multipart upload, too large, too deep.
 */
export function unreadableBody(rng: Rng): FuzzCase {
  const json = JSON.stringify(validActivity(rng, 'fuzz-unreadable'));
  const boundary = `b${int(rng, 1e9)}`;
  const variants: (() => FuzzCase)[] = [
    () => ({
      family: 'malformed',
      label: 'truncated JSON',
      body: json.slice(0, 1 + int(rng, json.length - 2)),
      contentType: 'application/json',
    }),
    () => ({
      family: 'malformed',
      label: 'random text as JSON',
      body: `x${randomText(rng, 300)}`,
      contentType: 'application/json; charset=utf-8',
    }),
    () => ({ family: 'malformed', label: 'trailing comma', body: json.replace(/}$/, ',}'), contentType: 'application/json' }),
    () => ({
      family: 'malformed',
      label: 'multipart upload',
      body: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="x.bin"\r\n\r\n${'A'.repeat(int(rng, 400_000))}\r\n--${boundary}--\r\n`,
      contentType: `multipart/form-data; boundary=${boundary}`,
    }),
    () => ({
      family: 'malformed',
      label: 'not a JSON content type',
      body: pick(rng, [json, 'type=message&text=bonjour', '<activity/>', randomText(rng, 100) || 'x']),
      contentType: pick(rng, [
        'application/x-www-form-urlencoded',
        'text/plain',
        'application/xml',
        'application/octet-stream',
        'text/json',
        'image/png',
        '',
      ]),
    }),
    () => ({
      family: 'malformed',
      label: '1 MB body',
      body: JSON.stringify({ text: 'a'.repeat(1024 * 1024) }),
      contentType: 'application/json',
    }),
    () => ({
      family: 'malformed',
      label: 'deeply nested array',
      body: deepNesting(1_000 + int(rng, 100_000), '[', ']'),
      contentType: 'application/json',
    }),
    () => ({
      family: 'malformed',
      label: 'deep nesting in a field',
      body: JSON.stringify({
        ...JSON.parse(json),
        [pick(rng, ['channelData', 'value', 'entities', 'from', 'conversation', 'attachments'])]: 'x',
      }).replace('"x"', deepNesting(65 + int(rng, 20_000), '{"a":', '}')),
      contentType: 'application/json',
    }),
  ];
  return pick(rng, variants)();
}

/** Activities the Web Chat page would never post to the local Direct Line: each must be a 400. */
export function wrongClientActivity(rng: Rng): FuzzCase {
  const base = { type: 'message', text: 'bonjour', from: { id: 'u' } };
  const wrong: Record<string, unknown>[] = [
    { type: pick(rng, ['invoke', 'conversationUpdate', 'MESSAGE', '', 42, null]) },
    { text: pick(rng, [42, true, [], {}, 'é'.repeat(20_001)]) },
    { attachments: [{ contentType: 'image/png', contentUrl: 'file:///etc/passwd' }] },
    { channelData: pick(rng, [[], 'x', 42]) },
    { value: 'v'.repeat(40_000) },
    { from: pick(rng, ['u', 42, { id: { $where: 'return true' } }]) },
    { name: 'n'.repeat(200) },
  ];
  const change = pick(rng, wrong);
  return {
    family: 'malformed',
    label: `client activity with ${Object.keys(change)[0]} wrong`,
    body: JSON.stringify({ ...base, ...change }),
    contentType: 'application/json',
  };
}
