/**
 * The fictitious people of the demo (data/demo/identities.json): fixed ids,
 * carnet numbers and birth dates so the README can list them.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { isValidVoucherBookNumber } from '../domain/voucherBookNumber';
import { dataPath } from './paths';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

const identitiesSchema = z
  .object({
    note: z.string().optional(),
    beneficiaries: z.array(
      z
        .object({
          id: z.string().min(1),
          programmeId: z.string().min(1),
          firstName: z.string().min(1),
          lastName: z.string().min(1),
          birthDate: isoDate,
          communeInsee: z.string().regex(/^(\d{5}|2[AB]\d{3})$/),
          phone: z.string().regex(/^\+33\d{9}$/, 'E.164 French number').optional(),
          voucherBookNumber: z.string().refine(isValidVoucherBookNumber, 'invalid carnet number (check character)'),
          scenario: z.enum(['active-with-booking', 'nearly-used', 'expired', 'with-teams-trainer']),
          description: z.string().optional(),
        })
        .strict(),
    ),
    prescribers: z.array(
      z
        .object({
          id: z.string().min(1),
          programmeId: z.string().min(1),
          displayName: z.string().min(1),
          structure: z.string().min(1),
          role: z.enum(['prescriber', 'coordinator']),
          aadObjectId: z.string().min(1),
          tenantId: z.string().optional(),
        })
        .strict(),
    ),
    trainers: z
      .object({
        firstNames: z.record(z.string(), z.array(z.string().min(1)).min(1)),
        /** The first trainer with sessions of each listed programme gets this Teams identity. */
        teams: z.array(z.object({ programmeId: z.string(), aadObjectId: z.string().min(1) }).strict()).default([]),
      })
      .strict(),
  })
  .strict();

export type DemoIdentities = z.infer<typeof identitiesSchema>;
export type DemoBeneficiary = DemoIdentities['beneficiaries'][number];

export function loadDemoIdentities(file: string = dataPath('demo', 'identities.json')): DemoIdentities {
  const result = identitiesSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!result.success) {
    throw new Error(`${file}: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return result.data;
}
