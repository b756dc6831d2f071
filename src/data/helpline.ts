/** The national helpline (data/helpline.json): the human route of last resort. */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { dataPath } from './paths';

const helplineSchema = z
  .object({
    name: z.string().min(1),
    /** As read aloud / displayed: "01 70 772 372". */
    phone: z.string().min(1),
    phoneE164: z.string().regex(/^\+\d{8,15}$/),
    website: z.string().url(),
    openingHours: z.object({ value: z.string(), assumed: z.boolean(), note: z.string().optional() }).strict(),
  })
  .strict();

export type Helpline = z.infer<typeof helplineSchema>;

export function loadHelpline(file: string = dataPath('helpline.json')): Helpline {
  return helplineSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
}
