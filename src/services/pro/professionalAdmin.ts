/**
 * Adding, listing and disabling professionals (prescribers, coordinators,
 * trainers) for `npm run admin`. Every argument is checked before any write;
 * a problem comes back as one sentence for the operator (AdminError).
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Prescriber, Trainer } from '../../domain/types';
import type { Stores } from '../../store/repositories';

export class AdminError extends Error {
  override readonly name = 'AdminError';
}

const guid = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)');

export const addSchema = z
  .object({
    role: z.enum(['prescriber', 'coordinator', 'trainer'], { message: 'must be prescriber, coordinator or trainer' }),
    programme: z.string().min(1, 'is required'),
    name: z.string().trim().min(1, 'is required'),
    aad: guid,
    tenant: guid.optional(),
    structure: z.string().trim().min(1).optional(),
    places: z
      .string()
      .transform((s) =>
        s
          .split(',')
          .map((p) => p.trim())
          .filter(Boolean),
      )
      .optional(),
    id: z
      .string()
      .regex(/^[A-Za-z0-9_.:-]+$/, 'letters, digits, dashes')
      .optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.role !== 'trainer' && !v.structure)
      ctx.addIssue({ code: 'custom', path: ['structure'], message: 'is required for a prescriber or coordinator' });
    if (v.role === 'trainer' && !v.places?.length)
      ctx.addIssue({ code: 'custom', path: ['places'], message: 'is required for a trainer (place ids, comma-separated)' });
  });

export type AddRequest = z.infer<typeof addSchema>;

/** "--aad: must be a GUID; --structure: is required…" */
export function parseAdd(values: Record<string, unknown>): AddRequest {
  const result = addSchema.safeParse(values);
  if (result.success) return result.data;
  throw new AdminError(result.error.issues.map((i) => `--${i.path.join('.') || '?'}: ${i.message}`).join('; '));
}

export interface ProfessionalRow {
  id: string;
  role: string;
  programmeId: string;
  name: string;
  structure: string;
  aadObjectId: string;
  tenantId: string;
  active: boolean;
}

export class ProfessionalAdmin {
  constructor(
    private readonly stores: Stores,
    private readonly programmeIds: readonly string[],
  ) {}

  async add(request: AddRequest): Promise<ProfessionalRow> {
    if (!this.programmeIds.includes(request.programme)) {
      throw new AdminError(`--programme: unknown programme "${request.programme}" (served: ${this.programmeIds.join(', ')})`);
    }
    const taken = (await this.list()).find((p) => p.active && p.aadObjectId.toLowerCase() === request.aad.toLowerCase());
    if (taken && taken.id !== request.id) throw new AdminError(`--aad: already used by active professional ${taken.id}; disable it first`);
    const aadObjectId = request.aad.toLowerCase();
    const tenant = request.tenant ? { tenantId: request.tenant.toLowerCase() } : {};
    if (request.role === 'trainer') {
      for (const placeId of request.places ?? []) {
        const place = await this.stores.places.get(placeId);
        if (!place) throw new AdminError(`--places: unknown place "${placeId}"`);
        // A trainer reads the sessions of their places: a place of another programme would open its people's names.
        if (!place.programmes.some((p) => p.programmeId === request.programme)) {
          throw new AdminError(`--places: place "${placeId}" is not a place of programme "${request.programme}"`);
        }
      }
      const trainer: Trainer = {
        id: request.id ?? `trainer-${randomUUID()}`,
        programmeId: request.programme,
        firstName: request.name,
        placeIds: request.places ?? [],
        aadObjectId,
        ...tenant,
        active: true,
      };
      await this.stores.trainers.upsert(trainer);
      return trainerRow(trainer);
    }
    const prescriber: Prescriber = {
      id: request.id ?? `prescriber-${randomUUID()}`,
      programmeId: request.programme,
      displayName: request.name,
      structure: request.structure!,
      role: request.role,
      aadObjectId,
      ...tenant,
      active: true,
    };
    await this.stores.prescribers.upsert(prescriber);
    return prescriberRow(prescriber);
  }

  /** Professionals with a Teams identity (trainers without one never use Teams). */
  async list(programmeId?: string): Promise<ProfessionalRow[]> {
    if (programmeId !== undefined && !this.programmeIds.includes(programmeId)) {
      throw new AdminError(`--programme: unknown programme "${programmeId}" (served: ${this.programmeIds.join(', ')})`);
    }
    const rows: ProfessionalRow[] = [];
    for (const id of programmeId ? [programmeId] : this.programmeIds) {
      rows.push(...(await this.stores.prescribers.list(id)).map(prescriberRow));
      rows.push(...(await this.stores.trainers.list(id)).filter((t) => t.aadObjectId).map(trainerRow));
    }
    return rows;
  }

  /** Disables by Teams object id or record id; the next message of that person is not recognised. */
  async disable(key: { aad?: string; id?: string }): Promise<ProfessionalRow> {
    if (!key.aad && !key.id) throw new AdminError('disable needs --aad <object id> or --id <record id>');
    if (key.aad) guidOrThrow(key.aad);
    const match = (await this.list()).find(
      (p) => p.active && (key.id ? p.id === key.id : p.aadObjectId.toLowerCase() === key.aad!.toLowerCase()),
    );
    if (!match) throw new AdminError(`no active professional with ${key.id ? `id ${key.id}` : `aadObjectId ${key.aad}`}`);
    if (match.role === 'trainer') {
      const trainer = (await this.stores.trainers.get(match.id))!;
      await this.stores.trainers.upsert({ ...trainer, active: false });
    } else {
      const prescriber = (await this.stores.prescribers.get(match.id))!;
      await this.stores.prescribers.upsert({ ...prescriber, active: false });
    }
    return { ...match, active: false };
  }
}

function guidOrThrow(value: string): void {
  const parsed = guid.safeParse(value);
  if (!parsed.success) throw new AdminError(`--aad: ${parsed.error.issues[0].message}`);
}

const prescriberRow = (p: Prescriber): ProfessionalRow => ({
  id: p.id,
  role: p.role,
  programmeId: p.programmeId,
  name: p.displayName,
  structure: p.structure,
  aadObjectId: p.aadObjectId,
  tenantId: p.tenantId ?? '',
  active: p.active,
});

const trainerRow = (t: Trainer): ProfessionalRow => ({
  id: t.id,
  role: 'trainer',
  programmeId: t.programmeId,
  name: t.firstName,
  structure: `${t.placeIds.length} place(s)`,
  aadObjectId: t.aadObjectId ?? '',
  tenantId: t.tenantId ?? '',
  active: t.active,
});
